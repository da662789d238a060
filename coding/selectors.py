"""Reads for coding, scoped to the user asking.

SECURITY: every story-bearing read starts from ``testimonies.selectors.research_copies_for_user``:
researchers and admins only, active stories whose consent covers research, research copy only.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.roles import RESEARCH_TEAM, Role, user_has_role
from coding import agreement
from coding.models import (
    Code,
    CodeApplication,
    Codebook,
    CodebookVersion,
    CodingCompletion,
    Memo,
    Reconciliation,
)
from testimonies.models import ResearchCopy
from testimonies.selectors import research_copies_for_user

HUMAN = CodeApplication.Source.HUMAN
MACHINE = CodeApplication.Source.MACHINE
SUGGESTED = CodeApplication.Status.SUGGESTED


def can_code(user) -> bool:
    return user_has_role(user, *RESEARCH_TEAM)


def can_manage_codebook(user) -> bool:
    """Admins, and researchers granted ``coding.manage_codebook`` (directly or by group)."""
    if not can_code(user):
        return False
    return user_has_role(user, Role.ADMIN) or user.has_perm("coding.manage_codebook")


# Codebooks ------------------------------------------------------------------------------------


def codebooks_for_user(*, user) -> QuerySet[Codebook]:
    if not can_code(user):
        return Codebook.objects.none()
    return Codebook.objects.annotate(
        code_count=Count("codes", filter=Q(codes__is_archived=False))
    ).order_by("-is_default", "name")


def codebook_default_for_user(*, user) -> Codebook | None:
    return codebooks_for_user(user=user).first()


def codes_for_user(*, user) -> QuerySet[Code]:
    if not can_code(user):
        return Code.objects.none()
    return Code.objects.select_related("codebook", "parent").order_by(
        "codebook_id", "position", "id"
    )


@dataclass
class CodeNode:
    code: Code
    depth: int
    children: list = field(default_factory=list)
    number: int | None = None  # the keyboard shortcut 1-9 on the coding screen


def codebook_tree(*, codebook: Codebook, with_counts: bool = False) -> list[CodeNode]:
    """The live codes of a codebook in tree order (depth-first), in one query."""
    qs = Code.objects.filter(codebook=codebook, is_archived=False).order_by("position", "id")
    if with_counts:
        qs = qs.annotate(
            human_count=Count("applications", filter=Q(applications__source=HUMAN)),
            pending_count=Count(
                "applications",
                filter=Q(applications__source=MACHINE, applications__status=SUGGESTED),
            ),
        )
    codes = list(qs)
    children = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    flat: list[CodeNode] = []
    shortcut = 0

    def walk(parent_id, depth):
        nonlocal shortcut
        for code in children.get(parent_id, []):
            node = CodeNode(code=code, depth=depth)
            if code.is_codable and shortcut < 9:
                shortcut += 1
                node.number = shortcut
            flat.append(node)
            walk(code.id, depth + 1)

    walk(None, 0)
    return flat


def codebook_versions(*, codebook: Codebook) -> QuerySet[CodebookVersion]:
    return codebook.versions.select_related("created_by").defer("snapshot").order_by("-number")


# Stories --------------------------------------------------------------------------------------


def research_copy_for_coding(*, user, testimony_id: int) -> ResearchCopy | None:
    return research_copies_for_user(user=user).filter(testimony_id=testimony_id).first()


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
    human = CodeApplication.objects.filter(testimony_id=OuterRef("testimony_id"), source=HUMAN)
    suggestions = CodeApplication.objects.filter(
        testimony_id=OuterRef("testimony_id"), source=MACHINE, status=SUGGESTED
    )
    completions = CodingCompletion.objects.filter(testimony_id=OuterRef("testimony_id"))
    qs = research_copies_for_user(user=user).annotate(
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


def next_story_id(*, user, after_testimony_id: int) -> int | None:
    """The next story in the queue that the user has not finished (for "next story")."""
    done = CodingCompletion.objects.filter(testimony_id=OuterRef("testimony_id"))
    return (
        research_copies_for_user(user=user)
        .exclude(testimony_id=after_testimony_id)
        .filter(~Exists(done))
        .values_list("testimony_id", flat=True)
        .first()
    )


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


def text_segments(text: str, applications) -> list[Segment]:
    """Cut ``text`` at every span boundary; each segment lists the span applications over it."""
    spans = [a for a in applications if a.start is not None and a.end <= len(text)]
    bounds = sorted({0, len(text), *(a.start for a in spans), *(a.end for a in spans)})
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


def suggestions_for_user(*, user) -> QuerySet[CodeApplication]:
    return applications_for_user(user=user).filter(source=MACHINE)


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


# Agreement ------------------------------------------------------------------------------------


@dataclass
class AgreementData:
    """Per story, who coded it and which codes each coder applied (document-level presence)."""

    coders_by_story: dict[int, set]
    codes_by_story_coder: dict[tuple[int, int], set]

    def stories(self):
        return [s for s, coders in self.coders_by_story.items() if len(coders) >= 2]


def agreement_data(*, user, codebook: Codebook, event=None, rollup: bool = False) -> AgreementData:
    """``rollup``: a code applied also counts as the presence of every code above it (a
    sub-code of a theme counts as the theme)."""
    visible = research_copies_for_user(user=user)
    if event is not None:
        visible = visible.filter(testimony__event=event)
    ids = visible.values("testimony_id")
    coders_by_story: dict[int, set] = defaultdict(set)
    codes: dict[tuple[int, int], set] = defaultdict(set)
    rows = (
        CodeApplication.objects.filter(
            testimony_id__in=ids, source=HUMAN, code__codebook=codebook, coder__isnull=False
        )
        .values_list("testimony_id", "coder_id", "code_id")
        .distinct()
    )
    parents = (
        dict(Code.objects.filter(codebook=codebook).values_list("id", "parent_id"))
        if rollup
        else {}
    )
    for testimony_id, coder_id, code_id in rows.iterator(chunk_size=5000):
        coders_by_story[testimony_id].add(coder_id)
        found = codes[(testimony_id, coder_id)]
        found.add(code_id)
        ancestor = parents.get(code_id)
        while ancestor is not None and ancestor not in found:
            found.add(ancestor)
            ancestor = parents.get(ancestor)
    for testimony_id, coder_id in CodingCompletion.objects.filter(testimony_id__in=ids).values_list(
        "testimony_id", "coder_id"
    ):
        coders_by_story[testimony_id].add(coder_id)
    return AgreementData(coders_by_story=dict(coders_by_story), codes_by_story_coder=codes)


def _presence_units(data: AgreementData, code_id: int) -> list[dict]:
    return [
        {
            coder: int(code_id in data.codes_by_story_coder.get((story, coder), ()))
            for coder in data.coders_by_story[story]
        }
        for story in data.stories()
    ]


def _group_units(data: AgreementData, member_ids: set[int]) -> list[dict]:
    units = []
    for story in data.stories():
        unit = {}
        for coder in data.coders_by_story[story]:
            chosen = member_ids & data.codes_by_story_coder.get((story, coder), set())
            # NOTE: a coder who chose none of the group, or (wrongly) several, is missing data.
            if len(chosen) == 1:
                unit[coder] = next(iter(chosen))
        units.append(unit)
    return units


def _name_pairs(summary: dict, names: dict) -> dict:
    summary["pairs"] = [
        {**pair, "coders": [names.get(c, str(c)) for c in pair["coders"]]}
        for pair in summary["pairs"]
    ]
    return summary


def agreement_report(
    *, user, codebook: Codebook, event=None, group: Code | None = None, rollup: bool = False
) -> dict:
    """Per code, on document-level presence or absence: percent agreement, Cohen's kappa for
    each pair of coders and Krippendorff's alpha (nominal); and nominal alpha for each group of
    mutually exclusive codes (the chosen sub-code is the value)."""
    from accounts.models import User

    data = agreement_data(user=user, codebook=codebook, event=event, rollup=rollup)
    coder_ids = {c for coders in data.coders_by_story.values() for c in coders}
    names = {
        u.id: u.display_name or u.email
        for u in User.objects.filter(id__in=coder_ids).only("id", "display_name", "email")
    }
    tree = codebook_tree(codebook=codebook)
    codes = []
    for node in tree:
        if not node.code.is_codable:
            continue
        summary = agreement.agreement_summary(_presence_units(data, node.code.id))
        codes.append({"code": node.code, "depth": node.depth, **_name_pairs(summary, names)})
    groups = []
    group_codes = [n.code for n in tree if n.code.is_exclusive_group]
    if group is not None and group not in group_codes:
        group_codes.append(group)
    children = defaultdict(list)
    for node in tree:
        children[node.code.parent_id].append(node.code)
    for parent in group_codes:
        members = [c for c in children.get(parent.id, []) if c.is_codable]
        if len(members) < 2:
            continue
        summary = agreement.agreement_summary(_group_units(data, {c.id for c in members}))
        groups.append({"code": parent, "members": members, **_name_pairs(summary, names)})
    return {
        "codebook": codebook,
        "stories": len(data.stories()),
        "rollup": rollup,
        "coders": [names[c] for c in sorted(coder_ids, key=lambda c: names.get(c, ""))],
        "codes": codes,
        "groups": groups,
    }


def disagreements(
    *, user, codebook: Codebook, event=None, code: Code | None = None, include_resolved=False
) -> list[dict]:
    """(story, code) pairs on which the coders of a story disagree about presence."""
    from accounts.models import User

    data = agreement_data(user=user, codebook=codebook, event=event)
    live = {
        c.id: c for c in Code.objects.filter(codebook=codebook, is_archived=False, is_codable=True)
    }
    if code is not None:
        live = {code.id: live[code.id]} if code.id in live else {}
    decided = {
        (r.testimony_id, r.code_id): r
        for r in Reconciliation.objects.filter(
            code__codebook=codebook, testimony_id__in=data.stories()
        ).select_related("decided_by")
    }
    coder_ids = {c for coders in data.coders_by_story.values() for c in coders}
    names = {
        u.id: u.display_name or u.email
        for u in User.objects.filter(id__in=coder_ids).only("id", "display_name", "email")
    }
    rows = []
    for story in sorted(data.stories()):
        coders = data.coders_by_story[story]
        applied_any = set().union(
            *(data.codes_by_story_coder.get((story, c), set()) for c in coders)
        )
        for code_id in sorted(applied_any & live.keys(), key=lambda i: live[i].position):
            present = [
                c for c in coders if code_id in data.codes_by_story_coder.get((story, c), ())
            ]
            if len(present) == len(coders):
                continue
            resolution = decided.get((story, code_id))
            if resolution is not None and not include_resolved:
                continue
            rows.append(
                {
                    "testimony_id": story,
                    "code": live[code_id],
                    "present": sorted(names.get(c, str(c)) for c in present),
                    "absent": sorted(names.get(c, str(c)) for c in coders if c not in present),
                    "reconciliation": resolution,
                }
            )
    return rows
