"""What waits for a coder on the signed-in starting page (registered with ``core.dashboard``).

Counts only, never text. Each count stops at ``WORK_CAP + 1`` rows (``COUNT(*)`` over a
``LIMIT``), so the page costs the same with a million stories: past the cap it says "99+".
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from coding.models import CodeApplication, Codebook, CodingCompletion, Reconciliation
from coding.selectors.codebooks import (
    HUMAN,
    MACHINE,
    SUGGESTED,
    can_code,
    codebook_default_for_user,
)
from testimonies.selectors import research_copies_for_user

WORK_CAP = 99


def capped_count(qs: QuerySet, cap: int | None = None) -> dict:
    """``{"count": n, "more": bool}``, counting at most ``cap + 1`` rows."""
    cap = WORK_CAP if cap is None else cap
    n = qs[: cap + 1].count()
    return {"count": min(n, cap), "more": n > cap}


def stories_to_code(*, user) -> QuerySet:
    """Stories no one has finished (the queue's "to do" and "only stories I have not finished")."""
    done = CodingCompletion.objects.filter(testimony_id=OuterRef("testimony_id"))
    return research_copies_for_user(user=user).filter(~Exists(done)).order_by()


def stories_with_suggestions(*, user) -> QuerySet:
    """Stories with machine suggestions waiting for review (the queue's "with suggestions")."""
    waiting = CodeApplication.objects.filter(
        testimony_id=OuterRef("testimony_id"), source=MACHINE, status=SUGGESTED
    )
    return research_copies_for_user(user=user).filter(Exists(waiting)).order_by()


def disagreement_pairs(
    *, user, codebook: Codebook, event=None, include_resolved: bool = False
) -> QuerySet:
    """(story, code) pairs of ``codebook`` that some coders of the story applied and others did
    not (with no decision recorded, unless ``include_resolved``), in one query: dicts of
    ``testimony_id``, ``code_id`` and ``code__position``, ordered by story then the code's
    place in the codebook, so that a keyset page reads them at any depth.

    A story's coders are those who applied a code of the codebook to it or marked it finished.
    """
    human = CodeApplication.objects.filter(
        source=HUMAN, coder__isnull=False, code__codebook=codebook
    )
    # Coders who applied the outer pair's code to the outer pair's story.
    applied = human.filter(
        testimony_id=OuterRef(OuterRef("testimony_id")), code_id=OuterRef(OuterRef("code_id"))
    ).values("coder_id")
    coder_without_code = Exists(
        human.filter(testimony_id=OuterRef("testimony_id")).exclude(coder_id__in=applied)
    ) | Exists(
        CodingCompletion.objects.filter(testimony_id=OuterRef("testimony_id")).exclude(
            coder_id__in=applied
        )
    )
    visible = research_copies_for_user(user=user)
    if event is not None:
        visible = visible.filter(testimony__event=event)
    condition = Q(coder_without_code)
    if not include_resolved:
        decided = Reconciliation.objects.filter(
            testimony_id=OuterRef("testimony_id"), code_id=OuterRef("code_id")
        )
        condition &= ~Q(Exists(decided))
    return (
        human.filter(
            testimony_id__in=visible.values("testimony_id"),
            code__is_archived=False,
            code__is_codable=True,
        )
        .filter(condition)
        .values("testimony_id", "code_id", "code__position")
        .distinct()
        .order_by("testimony_id", "code__position", "code_id")
    )


def open_disagreements(*, user, codebook: Codebook) -> QuerySet:
    """The pairs ``disagreement_pairs`` lists with no decision recorded, unordered (to count)."""
    return disagreement_pairs(user=user, codebook=codebook).order_by()


def dashboard_context(*, user) -> dict:
    """The coder's work on the starting page: stories to code, suggestions to review,
    disagreements to reconcile (for the default codebook), each a capped count."""
    if not can_code(user):
        return {}
    codebook = codebook_default_for_user(user=user)
    work = {
        "cap": WORK_CAP,
        "codebook": codebook,
        "to_code": capped_count(stories_to_code(user=user)),
        "suggestions": capped_count(stories_with_suggestions(user=user)),
        "disagreements": None,
    }
    if codebook is not None:
        work["disagreements"] = capped_count(open_disagreements(user=user, codebook=codebook))
    return {"coding_work": work}
