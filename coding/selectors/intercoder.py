"""Inter-coder agreement reads: who applied which code to which story, scored per code and
per group of mutually exclusive codes, and the disagreements left to reconcile."""

from collections import defaultdict

from coding.models import Code, Codebook, Reconciliation
from coding.selectors.agreement_data import agreement_data
from coding.selectors.agreement_tallies import (
    WARM_EVENTS,
    agreement_tallies,
    code_summary,
    group_summary,
    machine_pair,
)
from coding.selectors.codebooks import codebook_tree


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
