"""Where later apps plug into the testimonies app (see ``core.hooks`` and testimonies/README.md).

Register in your ``AppConfig.ready()``, one line each::

    from testimonies import hooks
    hooks.erasure_hooks.register(fn)          # fn(testimony_id: int) -> None
    hooks.narrowing_hooks.register(fn)        # fn(testimony_id: int, scopes: set[str]) -> None
    hooks.submission_task_hooks.register("nlp.process_testimony")
    hooks.theme_counter_hooks.register(fn)    # fn(testimony_ids_queryset) -> dict[str, int]
    hooks.story_theme_hooks.register(fn)      # fn(testimony_ids) -> dict[int, set[str]]

- erasure: a full withdrawal (or losing research consent) reaches data derived from the story;
- narrowing: a partial withdrawal gets the scopes it removed;
  both run inside the withdrawal's transaction (one failure rolls it all back) and must be
  idempotent (a second call finds nothing to erase);
- submission tasks: every new story writes one outbox row per task name, in the story's own
  transaction; the relay publishes it with ``kwargs={"testimony_id": <id>}`` (rows relayed
  together are grouped into one message where the task registered an ``OutboxGroup``);
- theme counters: ``testimony_counts_for_event`` adds their answers as ``by_theme``;
- story themes: the theme keys each story was coded with (accepted codes only, no coder), for
  the participant's "what happened to my story" page (issue 20).
"""

from core.hooks import HookPoint

erasure_hooks = HookPoint("testimonies.erasure")
narrowing_hooks = HookPoint("testimonies.narrowing")
submission_task_hooks = HookPoint(
    "testimonies.submission_task", initial=("testimonies.process_submission",)
)
theme_counter_hooks = HookPoint("testimonies.theme_counter")
story_theme_hooks = HookPoint("testimonies.story_themes")


def story_themes(testimony_ids) -> dict[int, set[str]]:
    """The theme keys of each story, merged from every registered provider."""
    found: dict[int, set[str]] = {}
    for provider in story_theme_hooks:
        for testimony_id, themes in provider(testimony_ids).items():
            found.setdefault(testimony_id, set()).update(themes)
    return found


def submission_tasks() -> tuple[str, ...]:
    return tuple(submission_task_hooks)
