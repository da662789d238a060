"""Coding reads about stories: the work queue, the coding screen, applications and memos.

SECURITY: every story-bearing read starts from ``testimonies.selectors.research_copies_for_user``:
researchers and admins only, active stories whose consent covers research, research copy only.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from coding.models import Code, CodeApplication, Codebook, CodingCompletion, Memo
from coding.selectors.codebooks import HUMAN, MACHINE, SUGGESTED, can_code
from testimonies.models import ResearchCopy
from testimonies.selectors import research_copies_for_user


def research_copy_for_coding(*, user, testimony_id: int) -> ResearchCopy | None:
    return research_copies_for_user(user=user).filter(testimony_id=testimony_id).first()


# Characters of each similar story shown on the coding screen.
SIMILAR_EXCERPT = 180


def similar_stories_for_coding(*, user, testimony_id: int, limit: int = 5) -> list[dict]:
    """Stories that read like this one (any language), from whatever ``similar_story_hooks``
    registered (nlp's embeddings), re-checked against what ``user`` may read."""
    from coding.hooks import similar_story_hooks

    found: dict[int, float] = {}
    for hook in similar_story_hooks:
        for pk, score in hook(user=user, testimony_id=testimony_id, limit=limit):
            found.setdefault(pk, score)
    if not found:
        return []
    copies = {
        copy.testimony_id: copy
        for copy in research_copies_for_user(user=user).filter(testimony_id__in=list(found))
    }
    out = []
    for pk, score in sorted(found.items(), key=lambda item: -item[1])[:limit]:
        copy = copies.get(pk)
        if copy is None:
            continue
        text = copy.redacted_text
        excerpt = text[:SIMILAR_EXCERPT].rstrip() + ("…" if len(text) > SIMILAR_EXCERPT else "")
        language = copy.detected_language or copy.testimony.declared_language or ""
        out.append({"testimony_id": pk, "score": score, "language": language, "excerpt": excerpt})
    return out


def visible_testimony_ids(*, user):
    return research_copies_for_user(user=user).values("testimony_id")


QUEUE_STATUSES = ("todo", "uncoded", "partial", "coded", "all")


def _count(qs):
    return Coalesce(
        Subquery(
            qs.order_by().values("testimony_id").annotate(n=Count("id")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _queue_annotated(*, user) -> QuerySet[ResearchCopy]:
    """The user's research copies with their coding counts, as subqueries (one query)."""
    human = CodeApplication.objects.filter(testimony_id=OuterRef("testimony_id"), source=HUMAN)
    suggestions = CodeApplication.objects.filter(
        testimony_id=OuterRef("testimony_id"), source=MACHINE, status=SUGGESTED
    )
    completions = CodingCompletion.objects.filter(testimony_id=OuterRef("testimony_id"))
    return research_copies_for_user(user=user).annotate(
        human_count=_count(human),
        pending_count=_count(suggestions),
        coder_count=Coalesce(
            Subquery(
                human.order_by()
                .values("testimony_id")
                .annotate(n=Count("coder_id", distinct=True))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
        my_count=_count(human.filter(coder=user)),
        has_completion=Exists(completions),
        done_by_me=Exists(completions.filter(coder=user)),
    )


def work_queue(
    *,
    user,
    status: str = "todo",
    event=None,
    country: str = "",
    language: str = "",
    theme: Code | None = None,
    pending: bool | None = None,
    mine: str = "",
) -> QuerySet[ResearchCopy]:
    """Research copies to code, annotated with counts (one query, no per-row query).

    ``status``: ``todo`` (uncoded or partly coded), ``uncoded`` (no researcher's code and no one
    has finished it), ``partial`` (codes, but no one has finished), ``coded`` (someone has
    finished), ``all``. ``mine``: ``todo`` = stories I have not finished.
    """
    qs = _queue_annotated(user=user)
    if status == "uncoded":
        qs = qs.filter(human_count=0, has_completion=False)
    elif status == "partial":
        qs = qs.filter(human_count__gt=0, has_completion=False)
    elif status == "coded":
        qs = qs.filter(has_completion=True)
    elif status == "todo":
        qs = qs.filter(has_completion=False)
    if mine == "todo":
        qs = qs.filter(done_by_me=False)
    if event is not None:
        qs = qs.filter(testimony__event=event)
    if country:
        qs = qs.filter(testimony__event__country=country)
    if language:
        qs = qs.filter(
            Q(detected_language__iexact=language)
            | Q(detected_language="", testimony__declared_language__iexact=language)
        )
    if theme is not None:
        ids = [c.id for c in code_descendants(code=theme)]
        qs = qs.filter(
            Exists(
                CodeApplication.objects.filter(
                    testimony_id=OuterRef("testimony_id"), code_id__in=ids
                ).exclude(status=CodeApplication.Status.REJECTED)
            )
        )
    if pending is True:
        qs = qs.filter(pending_count__gt=0)
    elif pending is False:
        qs = qs.filter(pending_count=0)
    return qs


def next_story_id(*, user, after_testimony_id: int, copy: ResearchCopy | None = None) -> int | None:
    """The story after this one in the queue's order (newest first) that no one has finished,
    else the first such story from the top: "next story" moves on through the queue even when
    the coder does not mark each story as coded. ``copy``: this story's research copy as
    ``research_copies_for_user`` gave it to the caller (saves reading its place again)."""
    done = CodingCompletion.objects.filter(testimony_id=OuterRef("testimony_id"))
    copies = research_copies_for_user(user=user)
    todo = copies.exclude(testimony_id=after_testimony_id).filter(~Exists(done))
    if copy is not None and copy.testimony_id == after_testimony_id:
        here = (copy.testimony.submitted_at, copy.id)
    else:
        here = (
            copies.filter(testimony_id=after_testimony_id)
            .values_list("testimony__submitted_at", "id")
            .first()
        )
    if here is not None:
        submitted_at, copy_id = here
        later = todo.filter(
            Q(testimony__submitted_at__lt=submitted_at)
            | Q(testimony__submitted_at=submitted_at, id__lt=copy_id)
        )
        found = later.values_list("testimony_id", flat=True).first()
        if found is not None:
            return found
    return todo.values_list("testimony_id", flat=True).first()


def code_descendants(*, code: Code) -> list[Code]:
    """The code and every code under it (one query for the whole codebook)."""
    codes = list(Code.objects.filter(codebook_id=code.codebook_id).only("id", "parent_id"))
    children = defaultdict(list)
    for c in codes:
        children[c.parent_id].append(c)
    found, stack = [code], [code.id]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child.id)
    return found


# The coding screen ----------------------------------------------------------------------------


@dataclass
class Segment:
    start: int
    text: str
    applications: list


def text_segments(text: str, applications, cuts=()) -> list[Segment]:
    """Cut ``text`` at every span boundary (and at ``cuts``, offsets such as a passage's ends);
    each segment lists the span applications over it."""
    spans = [a for a in applications if a.start is not None and a.end <= len(text)]
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    bounds = sorted({0, len(text), *cuts, *(a.start for a in spans), *(a.end for a in spans)})
    starts = defaultdict(list)
    for a in spans:
        starts[a.start].append(a)
    active: list = []
    segments = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [a for a in active if a.end > left] + starts.get(left, [])
        segments.append(Segment(start=left, text=text[left:right], applications=list(active)))
    return segments


SENTENCE = re.compile(r"[^.!?…。！？\n]+(?:[.!?…。！？]+|\n|$)", re.UNICODE)


def sentence_spans(text: str) -> list[list[int]]:
    """Sentence boundaries in code points, for keyboard selection on the coding screen."""
    spans = []
    for match in SENTENCE.finditer(text):
        chunk = match.group(0)
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        start, end = match.start() + lead, match.end() - trail
        if end > start:
            spans.append([start, end])
    return spans


def story_applications(*, testimony_id: int, codebook: Codebook | None = None):
    qs = CodeApplication.objects.filter(testimony_id=testimony_id).select_related(
        "code", "coder", "reviewed_by"
    )
    if codebook is not None:
        qs = qs.filter(code__codebook=codebook)
    return qs.order_by("start", "end", "id")


def applications_for_user(*, user) -> QuerySet[CodeApplication]:
    """Applications on the stories a user may code (both sources, every status)."""
    if not can_code(user):
        return CodeApplication.objects.none()
    return (
        CodeApplication.objects.filter(testimony_id__in=visible_testimony_ids(user=user))
        .select_related("code", "coder")
        .order_by("-created_at", "-id")
    )


def suggestions_enabled() -> bool:
    """Whether machine suggestions are on for the instance (``CODING_SUGGESTIONS_ENABLED``)."""
    return bool(getattr(settings, "CODING_SUGGESTIONS_ENABLED", True))


def suggestions_for_user(*, user) -> QuerySet[CodeApplication]:
    """Machine suggestions on the stories a user may code (none while suggestions are off)."""
    if not suggestions_enabled():
        return CodeApplication.objects.none()
    return applications_for_user(user=user).filter(source=MACHINE)


def pending_suggestions_for_user(*, user) -> QuerySet[CodeApplication]:
    """Suggestions still on offer to ``user``: pending, and their code not yet on the story by
    this user's own hand (anywhere in it: the whole story or a passage). One accepted or
    rejected is no longer pending, for everyone."""
    mine = CodeApplication.objects.filter(
        testimony_id=OuterRef("testimony_id"), code_id=OuterRef("code_id"), source=HUMAN, coder=user
    )
    return suggestions_for_user(user=user).filter(status=SUGGESTED).filter(~Exists(mine))


def story_suggestions(
    *, user, testimony_id: int, codebook: Codebook | None = None, copy: ResearchCopy | None = None
) -> list:
    """The suggestions the coding screen offers on one story, strongest first: those of
    ``pending_suggestions_for_user`` on this story. ``copy``: the story's research copy as
    ``research_copies_for_user`` gave it to the caller (its access already checked)."""
    if not suggestions_enabled() or not can_code(user):
        return []
    mine = CodeApplication.objects.filter(
        testimony_id=OuterRef("testimony_id"), code_id=OuterRef("code_id"), source=HUMAN, coder=user
    )
    qs = CodeApplication.objects.filter(
        testimony_id=testimony_id, source=MACHINE, status=SUGGESTED
    ).filter(~Exists(mine))
    qs = _visible_story(qs, user=user, testimony_id=testimony_id, copy=copy)
    if codebook is not None:
        qs = qs.filter(code__codebook=codebook)
    return list(qs.select_related("code").order_by("-confidence", "code__position", "id"))


def story_suggestions_among(*, user, applications) -> list:
    """``story_suggestions`` read from the story's applications already in hand (all of
    ``story_applications`` for that story and codebook, its access already checked): the
    same rows in the same order, without a second query at every action."""
    if not suggestions_enabled() or not can_code(user):
        return []
    mine = {a.code_id for a in applications if a.source == HUMAN and a.coder_id == user.id}
    found = [
        a
        for a in applications
        if a.source == MACHINE and a.status == SUGGESTED and a.code_id not in mine
    ]
    # As ORDER BY -confidence (NULLs first, as PostgreSQL sorts them descending), position, id.
    return sorted(
        found,
        key=lambda a: (a.confidence is not None, -(a.confidence or 0), a.code.position, a.id),
    )


def _visible_story(qs, *, user, testimony_id: int, copy: ResearchCopy | None):
    """``qs`` (rows of one story) kept only while the user may read that story.

    NOTE: the same rows as filtering on ``visible_testimony_ids`` (every story the user may
    read: a scan of 100,000 stories at every action), read from this story's rows only: a
    correlated EXISTS, or nothing more when the caller holds the copy the scoped selector gave.
    """
    if copy is not None and copy.testimony_id == testimony_id:
        return qs
    visible = research_copies_for_user(user=user).filter(testimony_id=OuterRef("testimony_id"))
    return qs.filter(Exists(visible))


def code_segments(*, user, code: Code, limit: int = 200) -> list[dict]:
    """Every passage coded with ``code`` (retrieval), with its quote from the research copy."""
    apps = list(
        applications_for_user(user=user)
        .filter(code=code, source=HUMAN)
        .select_related("testimony__research_copy", "testimony__event")
        .only(
            "id",
            "start",
            "end",
            "comment",
            "created_at",
            "testimony_id",
            "coder__display_name",
            "coder__email",
            "code__id",
            "testimony__event__title",
            "testimony__research_copy__redacted_text",
        )[:limit]
    )
    rows = []
    for app in apps:
        text = app.testimony.research_copy.redacted_text
        quote = text[app.start : app.end] if app.start is not None else text[:300]
        rows.append({"application": app, "quote": quote, "document": app.start is None})
    return rows


# Memos ----------------------------------------------------------------------------------------


def memos_for_user(*, user) -> QuerySet[Memo]:
    """Memos on the project, on codes, and on stories the user may still read."""
    if not can_code(user):
        return Memo.objects.none()
    return (
        Memo.objects.filter(
            Q(testimony__isnull=True) | Q(testimony_id__in=visible_testimony_ids(user=user))
        )
        .select_related("author", "code")
        .order_by("-updated_at", "-id")
    )


def story_memos(*, user, testimony_id: int, copy: ResearchCopy | None = None) -> list[Memo]:
    """The memos on one story (those of ``memos_for_user`` on it), newest first; ``copy`` as
    for ``story_suggestions``."""
    if not can_code(user):
        return []
    qs = Memo.objects.filter(testimony_id=testimony_id)
    qs = _visible_story(qs, user=user, testimony_id=testimony_id, copy=copy)
    return list(qs.select_related("author", "code").order_by("-updated_at", "-id"))
