"""New stories analysed in batches: each story's task takes the stories still waiting with it.

Every submission writes one outbox message, ``nlp.process_testimony(testimony_id)``, as before.
The task analyses its own story and, in the same spaCy pass, up to ``NLP_ANALYSE_BATCH_MAX``
stories submitted after it that are still waiting (no analysis yet). At one story a second each
task finds only its own (no added wait); under load the queue's backlog is analysed 32 at a time,
and the later stories' own messages find them done and cost a query each.

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


def testimonies_analyse_pending(
    *, testimony_id: int, force: bool = False, limit: int | None = None
) -> PendingOutcome:
    """Analyse this story and the stories waiting after it, in one pass (at most ``limit``).

    ``force``: analyse this story even when it was analysed already (a researcher asked again);
    without it a story analysed already is left as it is (a message delivered twice).
    """
    limit = limit or settings.NLP_ANALYSE_BATCH_MAX
    if not force and analysed_ids([testimony_id]):
        # NOTE: most messages under load: their story went in an earlier task's batch. Done is
        # final, so one query answers them, with no lock taken.
        return PendingOutcome(0, PendingOutcome.DONE)
    locks = StoryLocks()
    try:
        if not locks.take([testimony_id]):
            return PendingOutcome(0, PendingOutcome.BUSY)
        if not force and analysed_ids([testimony_id]):
            return PendingOutcome(0, PendingOutcome.DONE)
        others = locks.take(waiting_after(testimony_id, limit - 1))
        # NOTE: read again once locked: another worker may have finished them in between.
        others = sorted(set(others) - analysed_ids(others))
        batch = [testimony_id, *others]
        try:
            done = testimonies_analyse(testimony_ids=batch)
        except (OperationalError, InterfaceError):
            raise  # transient: the task is retried, nothing was written
        except Exception as exc:
            if not others:
                raise
            logger.warning(
                "A batch of %s stories failed (%s): story %s is analysed alone.",
                len(batch),
                type(exc).__name__,
                testimony_id,
            )
            done = testimonies_analyse(testimony_ids=[testimony_id])
        if others:
            logger.info("Analysed %s stories in one pass (story %s's task).", done, testimony_id)
        return PendingOutcome(done, PendingOutcome.ANALYSED)
    finally:
        locks.release()
