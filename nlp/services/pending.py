"""New stories analysed in batches: each message's stories take the stories still waiting.

Every submission writes one outbox message, ``nlp.process_testimony(testimony_id)``. The outbox
relay publishes the messages it relays together as one ``nlp.process_testimonies(testimony_ids)``
per ``NLP_ANALYSE_BATCH_MAX`` stories (``nlp.apps``: ``core.outbox.outbox_group_hooks``), so a
backlog relayed at once costs one message per batch, not one per story. The task analyses its
stories and, in the same spaCy pass, stories submitted after them that are still waiting (no
analysis yet), up to ``NLP_ANALYSE_BATCH_MAX`` in all. At one story a second each task finds
only its own (no added wait); under load the queue's backlog is analysed 32 at a time, and the
later stories' own messages find them done and cost one query; a story relayed alone while a
batch is queued joins it and sends no message (``core.outbox_join``). ``nlp.process_testimony``
(one story) still runs: messages queued before, and "analyse again" (``force``).

Exactly once, whatever dies (docs/dev/scale.md, "The per-story path"):

- a story being analysed is held by a PostgreSQL advisory lock of the worker's session (not a
  row lock: a withdrawal never waits for spaCy); a killed worker's session ends and its locks go;
- a task whose story another worker holds is retried a few seconds later (``busy``): if that
  worker finished, the story is done; if it died, this task analyses it. Its own message is
  acknowledged late, so a worker killed mid-batch has it handed out again;
- before the work, the stories locked are read again, and those analysed meanwhile are left;
- a story whose batch failed is analysed alone, so that one bad story never holds up others,
  and its failure is recorded against it (``NlpFailure``); recorded stories are not taken into
  other batches until the failure is resolved.
"""

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Exists, F, OuterRef, Q

from nlp.models import NlpFailure, StoryAnalysis
from nlp.services.analysis import testimonies_analyse
from testimonies.models import Testimony

logger = logging.getLogger(__name__)

# The advisory-lock keys of story analysis: this namespace, shifted, plus the story's id.
LOCK_NAMESPACE = 22_003 << 40


@dataclass(frozen=True)
class PendingOutcome:
    analysed: int  # stories analysed by this call, its own included
    own: str  # ANALYSED, DONE (analysed already) or BUSY (in another worker's batch)

    ANALYSED: ClassVar[str] = "analysed"
    DONE: ClassVar[str] = "done"
    BUSY: ClassVar[str] = "busy"


class StoryLocks:
    """Session-level advisory locks on stories, taken without waiting and released on exit."""

    def __init__(self) -> None:
        self.held: list[int] = []
        self.postgres = connection.vendor == "postgresql"

    def take(self, ids: list[int]) -> list[int]:
        """The ids locked now (those another session holds are skipped)."""
        if not ids:
            return []
        if not self.postgres:
            # NOTE: SQLite runs one process (make run, eager tasks): nothing to share.
            got = list(ids)
        else:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM unnest(%s::bigint[]) AS id WHERE pg_try_advisory_lock(%s + id)",
                    [list(ids), LOCK_NAMESPACE],
                )
                got = [row[0] for row in cursor.fetchall()]
        self.held += got
        return got

    def release(self) -> None:
        if self.postgres and self.held:
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                # NOTE: a broken connection released them already (the session ended).
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s + id) FROM unnest(%s::bigint[]) AS id",
                    [LOCK_NAMESPACE, self.held],
                )
        self.held = []


def _done() -> Q:
    """A story's analysis is done once redacted and, where suggestions are on, tagged after
    that (two transactions: a worker killed between them leaves the story waiting)."""
    done = Q(analysed_at__isnull=False)
    if getattr(settings, "CODING_SUGGESTIONS_ENABLED", True):
        done &= Q(tagged_at__gte=F("analysed_at"))
    return done


def analysed_ids(ids: list[int]) -> set[int]:
    return set(
        StoryAnalysis.objects.filter(_done(), testimony_id__in=ids).values_list(
            "testimony_id", flat=True
        )
    )


def waiting_after(testimony_id: int, limit: int) -> list[int]:
    """Stories submitted after this one that still wait for their analysis, oldest first.

    Walks the primary key from ``testimony_id``: the queue is first in, first out, so the stories
    before it are done or in another worker's hands, and the walk stops after ``limit`` hits.
    """
    if limit <= 0:
        return []
    analysed = StoryAnalysis.objects.filter(_done(), testimony_id=OuterRef("pk"))
    failed = NlpFailure.objects.filter(testimony_id=OuterRef("pk"), resolved_at__isnull=True)
    return list(
        Testimony.objects.filter(
            pk__gt=testimony_id, status=Testimony.Status.ACTIVE, scope_research=True
        )
        .filter(~Exists(analysed), ~Exists(failed))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


@dataclass(frozen=True)
class ListedOutcome:
    analysed: int  # stories analysed by this call, the listed ones and those taken with them
    busy: tuple[int, ...] = ()  # listed stories in another worker's batch: look again later


def testimonies_analyse_pending(
    *, testimony_id: int, force: bool = False, limit: int | None = None
) -> PendingOutcome:
    """Analyse this story and the stories waiting after it, in one pass (at most ``limit``).

    ``force``: analyse this story even when it was analysed already (a researcher asked again);
    without it a story analysed already is left as it is (a message delivered twice).
    """
    outcome = testimonies_analyse_listed(testimony_ids=[testimony_id], force=force, limit=limit)
    if outcome.busy:
        return PendingOutcome(0, PendingOutcome.BUSY)
    if not outcome.analysed:
        return PendingOutcome(0, PendingOutcome.DONE)
    return PendingOutcome(outcome.analysed, PendingOutcome.ANALYSED)


def testimonies_analyse_listed(
    *,
    testimony_ids: list[int],
    force: bool = False,
    limit: int | None = None,
    on_failure: Callable[[int, Exception], None] | None = None,
) -> ListedOutcome:
    """Analyse these stories (one outbox relay's group) and the stories waiting after them, in
    passes of at most ``limit``.

    Those analysed already are left, found in one query (``force``: analysed again). A story
    that fails alone after its batch failed goes to ``on_failure`` (the others go on); without
    it, the failure is raised.
    """
    limit = limit or settings.NLP_ANALYSE_BATCH_MAX
    ids = sorted(set(testimony_ids))
    if not force:
        # NOTE: most messages under load: their stories went in an earlier task's batch. Done
        # is final, so one query answers them, with no lock taken.
        ids = sorted(set(ids) - analysed_ids(ids))
    analysed, busy = 0, []
    for start in range(0, len(ids), limit):
        done, chunk_busy = _analyse_chunk(
            ids[start : start + limit], force=force, limit=limit, on_failure=on_failure
        )
        analysed += done
        busy += chunk_busy
    return ListedOutcome(analysed, tuple(busy))


def _analyse_chunk(
    chunk: list[int], *, force: bool, limit: int, on_failure
) -> tuple[int, list[int]]:
    """One pass over these stories (at most ``limit``), filled up with the stories waiting after
    them; the stories analysed and the listed ones another worker holds."""
    locks = StoryLocks()
    try:
        own = locks.take(chunk)
        busy = sorted(set(chunk) - set(own))
        if not force:
            # NOTE: read again once locked: another worker may have finished them in between.
            own = sorted(set(own) - analysed_ids(own))
        if not own:
            return 0, busy
        others = locks.take(waiting_after(own[-1], limit - len(own)))
        others = sorted(set(others) - analysed_ids(others))
        batch = [*own, *others]
        try:
            done = testimonies_analyse(testimony_ids=batch)
        except (OperationalError, InterfaceError):
            raise  # transient: the task is retried, nothing was written
        except Exception as exc:
            if len(batch) == 1:
                _failed(batch[0], exc, on_failure)
                return 0, busy
            logger.warning(
                "A batch of %s stories failed (%s): its %s listed stories are analysed alone.",
                len(batch),
                type(exc).__name__,
                len(own),
            )
            done = sum(_analyse_alone(pk, on_failure) for pk in own)
        if len(batch) > 1:
            logger.info("Analysed %s stories in one pass (%s listed).", done, len(own))
        return done, busy
    finally:
        locks.release()


def _analyse_alone(testimony_id: int, on_failure) -> int:
    try:
        return testimonies_analyse(testimony_ids=[testimony_id])
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        _failed(testimony_id, exc, on_failure)
        return 0


def _failed(testimony_id: int, exc: Exception, on_failure) -> None:
    """A story that failed alone: raised, or handed to ``on_failure`` so the others go on."""
    if on_failure is None:
        raise exc
    on_failure(testimony_id, exc)
