"""Where later apps plug into the events app (see ``core.hooks`` and testimonies/README.md).

- ``testimony_count_hooks.register(fn)``: ``fn(*, event) -> dict`` adds counts (never text)
  to ``event_figures(event=...)["testimonies"]``. The testimonies app registers its
  ``testimony_counts_for_event`` in ``TestimoniesConfig.ready()``, so events never imports it.
- ``theme_source_hooks.register(fn)``: ``fn() -> QuerySet`` of the action themes commitments may
  name. The coding app, which owns codebooks, registers ``coding.selectors.theme_codes``.
"""

from core.hooks import HookPoint

testimony_count_hooks = HookPoint("events.testimony_counts")
theme_source_hooks = HookPoint("events.theme_source")
