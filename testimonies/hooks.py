"""Follow-up work other apps attach to a submitted story, and extra counts they provide.

- ``register_submission_task("nlp.process_testimony")``: every new story writes one outbox row
  per registered task name, in the story's own transaction; the relay publishes it to Celery
  with ``kwargs={"testimony_id": <id>}``. Register in ``AppConfig.ready()``.
- ``register_theme_counter(fn)``: ``fn(testimony_ids_queryset) -> dict[str, int]`` (theme label
  or key to number of active stories); ``testimony_counts_for_event`` adds it as ``by_theme``.
"""

from collections.abc import Callable

SUBMISSION_TASKS: list[str] = ["testimonies.process_submission"]
_theme_counters: list[Callable] = []


def register_submission_task(task_name: str) -> None:
    if task_name not in SUBMISSION_TASKS:
        SUBMISSION_TASKS.append(task_name)


def submission_tasks() -> tuple[str, ...]:
    return tuple(SUBMISSION_TASKS)


def register_theme_counter(fn: Callable) -> None:
    if fn not in _theme_counters:
        _theme_counters.append(fn)


def theme_counters() -> tuple[Callable, ...]:
    return tuple(_theme_counters)
