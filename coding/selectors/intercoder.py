"""Inter-coder agreement reads: who applied which code to which story, scored per code and
per group of mutually exclusive codes, and the disagreements left to reconcile."""

from collections import defaultdict

from coding.models import Code, CodeApplication, Codebook, CodingCompletion, Reconciliation
from coding.selectors.agreement_tallies import (
    WARM_EVENTS,
    agreement_tallies,
    code_summary,
    group_summary,
    machine_pair,
)
from coding.selectors.codebooks import HUMAN, codebook_tree
from coding.selectors.work import disagreement_pairs


def _name_pairs(summary: dict, names: dict) -> dict:
    summary["pairs"] = [
        {**pair, "coders": [names.get(c, str(c)) for c in pair["coders"]]}
        for pair in summary["pairs"]
    ]
    return summary


def _exclusive_groups(tree, group: Code | None) -> tuple[list, dict]:
    """The groups of exclusive codes (and ``group``), and each one's codable sub-codes when it
    has two or more."""
    group_codes = [n.code for n in tree if n.code.is_exclusive_group]
    if group is not None and group not in group_codes:
        group_codes.append(group)
    children = defaultdict(list)
    for node in tree:
        children[node.code.parent_id].append(node.code)
    members = {p.id: [c for c in children.get(p.id, []) if c.is_codable] for p in group_codes}
    return group_codes, {p: codes for p, codes in members.items() if len(codes) >= 2}


def agreement_report(
    *,
    user,
    codebook: Codebook,
    event=None,
    group: Code | None = None,
    rollup: bool = False,
    engine: str | None = None,
) -> dict:
    """Per code, on document-level presence or absence: percent agreement, Cohen's kappa for
    each pair of coders and Krippendorff's alpha (nominal); and nominal alpha for each group of
    mutually exclusive codes (the chosen sub-code is the value). Counted in SQL and cached
    (``agreement_tallies``); ``engine="python"`` builds every unit instead (SQLite)."""
    from accounts.models import User

    tree = codebook_tree(codebook=codebook)
    group_codes, members = _exclusive_groups(tree, group)
    counted = agreement_tallies(
        user=user,
        codebook=codebook,
        event=event,
        rollup=rollup,
        groups={p: [c.id for c in codes] for p, codes in members.items()},
        engine=engine,
    )
    users = User.objects.filter(id__in=counted.coder_ids).only("id", "display_name", "email")
    names = {u.id: u.display_name or u.email for u in users}
    ordered = sorted(counted.coder_ids, key=lambda c: names.get(c, ""))
    machine = counted.machine_stories > 0
    codes = []
    for node in tree:
        if not node.code.is_codable:
            continue
        summary = code_summary(counted, node.code.id)
        row = {"code": node.code, "depth": node.depth, **_name_pairs(summary, names)}
        if machine:
            code_id = node.code.id
            pairs = [(names.get(c, str(c)), machine_pair(counted, code_id, c)) for c in ordered]
            row["machine_pairs"] = [{"coder": name, **pair} for name, pair in pairs]
        codes.append(row)
    groups = [
        {
            "code": parent,
            "members": members[parent.id],
            **_name_pairs(group_summary(counted, parent.id), names),
        }
        for parent in group_codes
        if parent.id in members
    ]
    return {
        "codebook": codebook,
        "stories": counted.stories,
        "rollup": rollup,
        "coders": [names[c] for c in ordered],
        "machine": machine,
        "machine_stories": counted.machine_stories,
        "codes": codes,
        "groups": groups,
    }


def disagreement_rows(pairs, *, codebook: Codebook) -> list[dict]:
    """Each (story, code) pair of ``pairs`` (a page of ``disagreement_pairs``) as a row: the
    code, who applied it, who did not, and the team's decision if one is recorded. A few
    queries for the page, whatever its depth."""
    from accounts.models import User

    pairs = list(pairs)
    stories = {p["testimony_id"] for p in pairs}
    if not stories:
        return []
    codes = {c.id: c for c in Code.objects.filter(id__in={p["code_id"] for p in pairs})}
    coders_by_story: dict[int, set] = defaultdict(set)
    applied: dict[tuple[int, int], set] = defaultdict(set)
    for story, coder, code in (
        CodeApplication.objects.filter(
            testimony_id__in=stories, source=HUMAN, code__codebook=codebook, coder__isnull=False
        )
        .values_list("testimony_id", "coder_id", "code_id")
        .distinct()
    ):
        coders_by_story[story].add(coder)
        applied[(story, code)].add(coder)
    for story, coder in CodingCompletion.objects.filter(testimony_id__in=stories).values_list(
        "testimony_id", "coder_id"
    ):
        coders_by_story[story].add(coder)
    coder_ids = set().union(*coders_by_story.values())
    names = {
        u.id: u.display_name or u.email
        for u in User.objects.filter(id__in=coder_ids).only("id", "display_name", "email")
    }
    decided = {
        (r.testimony_id, r.code_id): r
        for r in Reconciliation.objects.filter(
            testimony_id__in=stories, code_id__in=codes.keys()
        ).select_related("decided_by")
    }
    rows = []
    for pair in pairs:
        story, code_id = pair["testimony_id"], pair["code_id"]
        present = applied.get((story, code_id), set())
        rows.append(
            {
                "testimony_id": story,
                "code": codes[code_id],
                "present": sorted(names.get(c, str(c)) for c in present),
                "absent": sorted(names.get(c, str(c)) for c in coders_by_story[story] - present),
                "reconciliation": decided.get((story, code_id)),
            }
        )
    return rows


def disagreements(
    *, user, codebook: Codebook, event=None, code: Code | None = None, include_resolved=False
) -> list[dict]:
    """Every (story, code) pair on which the coders of a story disagree about presence, as
    rows (``disagreement_rows``). For a page of them, page ``disagreement_pairs`` instead."""
    pairs = disagreement_pairs(
        user=user, codebook=codebook, event=event, include_resolved=include_resolved
    )
    if code is not None:
        pairs = pairs.filter(code=code)
    return disagreement_rows(pairs.iterator(chunk_size=2000), codebook=codebook)


def agreement_counts_warm() -> int:
    """Count (or find counted) the report of every codebook, for all events and for each
    event, with and without rollup, as the research team sees it, so that the page reads it
    from the cache; returns how many reports were looked at. Run by the
    ``coding.agreement_refresh`` task every minute."""
    from django.contrib.auth import get_user_model

    from accounts.roles import RESEARCH_TEAM

    reader = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=RESEARCH_TEAM)
        .order_by("id")
        .first()
    )
    if reader is None:
        return 0
    from events.models import Event

    # NOTE: every event's report too, the most recent WARM_EVENTS events at most.
    events = [None, *Event.objects.order_by("-starts_at", "-id")[:WARM_EVENTS]]
    done = 0
    for codebook in Codebook.objects.order_by("id"):
        for event in events:
            for rollup in (False, True):
                agreement_report(user=reader, codebook=codebook, event=event, rollup=rollup)
                done += 1
    return done
