"""Where later apps plug into the events app (see ``core.hooks`` and testimonies/README.md).

- ``testimony_count_hooks.register(fn)``: ``fn(*, event) -> dict`` adds counts (never text)
  to ``event_figures(event=...)["testimonies"]``. The testimonies app registers its
  ``testimony_counts_for_event`` in ``TestimoniesConfig.ready()``, so events never imports it.
- ``theme_source_hooks.register(fn)``: ``fn() -> QuerySet`` of the action themes commitments may
  name. The coding app, which owns codebooks, registers ``coding.selectors.theme_codes``.
- ``commitment_status_hooks.register(fn)``: ``fn(*, commitment)`` runs inside a status change's
  transaction (testimonies queues follow-up e-mails through the outbox).
- ``commitment_quote_hooks.register(fn)``: ``fn(*, commitments) -> dict[int, list[str]]``, the
  approved anonymous quotes shown beside each commitment on the public pages (testimonies).
"""

from core.hooks import HookPoint

testimony_count_hooks = HookPoint("events.testimony_counts")
theme_source_hooks = HookPoint("events.theme_source")
commitment_status_hooks = HookPoint("events.commitment_status")
commitment_quote_hooks = HookPoint("events.commitment_quotes")
