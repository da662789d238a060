"""The agreement report's units, counted by kind instead of listed one by one (issue 22 point 7).

With three coders, a code's unit on a story is one of a handful of patterns (who coded the story,
who applied the code), so 100,000 stories come down to a few dozen (pattern, count) rows. On
PostgreSQL one query counts them with GROUP BY, close to the data; elsewhere (SQLite in
development) the units are built in Python as before and counted. Either way the figures come
from ``coding.agreement``'s tally functions, which give the same figures as its unit functions.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections

from coding import agreement
from coding.models import Code, Codebook
from coding.selectors.agreement_data import AgreementData, agreement_data, machine_codes
from coding.selectors.agreement_sql import (
    MACHINE_CTES,
    MACHINE_ROWS,
    MPRESENT_ROLLUP,
    PRESENT_ROLLUP,
    QUERY,
    VERSION,
    VERSION_ROW,
)
from coding.selectors.stories import suggestions_enabled
from core.keyset import without_jit
from core.replica import analysis_alias
from testimonies.selectors import research_copies_for_user

# NOTE: the version names the data exactly; the timeout only frees memory.
CACHE_SECONDS = 24 * 3600
WARM_EVENTS = 100


@dataclass
class AgreementTallies:
    """Everything the report needs, counted.

    ``codes``: per code, the tally of its presence units (a coder's value is 1 when they applied
    it, else 0) on the stories two coders or more coded. ``groups``: per group of exclusive
    codes, the tally of its units (the one sub-code a coder chose). ``machine``: per (code,
    coder), the contingency table (machine's value, coder's value) on the stories both coded.
    """

    stories: int = 0
    coder_ids: set = field(default_factory=set)
    codes: dict[int, Counter] = field(default_factory=dict)
    groups: dict[int, Counter] = field(default_factory=dict)
    machine_stories: int = 0
    machine: dict[tuple[int, int], Counter] = field(default_factory=dict)
    # SQL only: stories per set of coders, and per coder the stories the machine also read.
    coder_sets: dict[tuple, int] = field(default_factory=dict)
    machine_totals: dict[int, int] = field(default_factory=dict)
    # Python only: the units themselves, scored with the unit functions as before.
    data: AgreementData | None = None
    machine_found: dict = field(default_factory=dict)
    group_members: dict[int, list[int]] = field(default_factory=dict)


def agreement_tallies(
    *, user, codebook: Codebook, event=None, rollup=False, groups=None, engine=None
) -> AgreementTallies:
    """``groups``: {group code id: ids of its sub-codes}. ``engine``: "sql" or "python"; by
    default SQL on PostgreSQL, Python elsewhere."""
    engine = engine or ("sql" if connection.vendor == "postgresql" else "python")
    counter = _tallies_sql if engine == "sql" else _tallies_python
    return counter(
        user=user, codebook=codebook, event=event, rollup=rollup, groups=dict(groups or {})
    )


def _closure(codebook: Codebook, rollup: bool) -> list[tuple[int, int]]:
    """(code, code it counts as) pairs: itself, and with ``rollup`` every code above it."""
    parents = dict(Code.objects.filter(codebook=codebook).values_list("id", "parent_id"))
    pairs = []
    for code_id in parents:
        seen = {code_id}
        ancestor = parents.get(code_id) if rollup else None
        while ancestor is not None and ancestor not in seen:
            seen.add(ancestor)
            ancestor = parents.get(ancestor)
        pairs += [(code_id, up) for up in seen]
    return pairs


def _tallies_python(*, user, codebook, event, rollup, groups) -> AgreementTallies:
    data = agreement_data(user=user, codebook=codebook, event=event, rollup=rollup)
    machine = machine_codes(user=user, codebook=codebook, event=event, rollup=rollup)
    return AgreementTallies(
        stories=len(data.stories()),
        coder_ids={c for coders in data.coders_by_story.values() for c in coders},
        machine_stories=len(machine),
        data=data,
        machine_found=machine,
        group_members=groups,
    )


def code_summary(tallies: AgreementTallies, code_id: int) -> dict:
    """``agreement_summary`` of a code's presence units."""
    if tallies.data is not None:
        return agreement.agreement_summary(_presence_units(tallies.data, code_id))
    return agreement.agreement_summary_tally(presence_tally(tallies, code_id))


def group_summary(tallies: AgreementTallies, group_id: int) -> dict:
    """``agreement_summary`` of an exclusive group's units (the sub-code chosen)."""
    if tallies.data is not None:
        members = set(tallies.group_members[group_id])
        return agreement.agreement_summary(_group_units(tallies.data, members))
    return agreement.agreement_summary_tally(tallies.groups.get(group_id, Counter()))


def machine_pair(tallies: AgreementTallies, code_id: int, coder: int) -> dict:
    """Cohen's kappa of the machine with one coder, on the stories both coded."""
    if tallies.data is None:
        table = machine_table(tallies, code_id, coder)
        return {"units": sum(table.values()), "kappa": agreement.cohen_kappa_table(table)}
    data, machine = tallies.data, tallies.machine_found
    shared = [s for s, who in data.coders_by_story.items() if coder in who and s in machine]
    ours = [int(code_id in machine[s]) for s in shared]
    theirs = [int(code_id in _codes(data, s, coder)) for s in shared]
    return {"units": len(shared), "kappa": agreement.cohen_kappa(ours, theirs)}


def _codes(data: AgreementData, story: int, coder: int) -> set:
    return data.codes_by_story_coder.get((story, coder), set())


def _presence_units(data: AgreementData, code_id: int) -> list[dict]:
    return [
        {coder: int(code_id in _codes(data, story, coder)) for coder in data.coders_by_story[story]}
        for story in data.stories()
    ]


def _group_units(data: AgreementData, members: set[int]) -> list[dict]:
    units = []
    for story in data.stories():
        unit = {}
        for coder in data.coders_by_story[story]:
            chosen = members & _codes(data, story, coder)
            # NOTE: a coder who chose none of the group, or (wrongly) several, is missing data.
            if len(chosen) == 1:
                unit[coder] = next(iter(chosen))
        units.append(unit)
    return units


def same_figures(first: dict, second: dict, tolerance: float = 1e-12) -> bool:
    """Whether two agreement reports give the same figures (floats within ``tolerance``: the
    two ways sum fractions in another order)."""

    def same(a, b):
        if isinstance(a, float) and isinstance(b, float):
            return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list | tuple) and isinstance(b, list | tuple):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
        return a == b

    return same(first, second)


def _tallies_sql(*, user, codebook, event, rollup, groups) -> AgreementTallies:
    visible = research_copies_for_user(user=user)
    if event is not None:
        visible = visible.filter(testimony__event=event)
    try:
        visible_sql, visible_params = (
            visible.order_by().values("testimony_id").query.sql_with_params()
        )
    except EmptyResultSet:
        return AgreementTallies()
    closure = _closure(codebook, rollup)
    members = [(m, g) for g, ids in groups.items() for m in ids]
    code_ids = sorted({c for c, _up in closure})
    with_machine = suggestions_enabled()
    sql = QUERY.format(
        visible=visible_sql,
        present=PRESENT_ROLLUP if rollup else "SELECT * FROM ca",
        machine_ctes=MACHINE_CTES.format(
            mpresent=MPRESENT_ROLLUP if rollup else "SELECT * FROM mca"
        )
        if with_machine
        else "",
        machine_rows=MACHINE_ROWS if with_machine else "",
    )
    params = [
        *visible_params,
        [c for c, _ in closure],
        [up for _, up in closure],
        [m for m, _ in members],
        [g for _, g in members],
        code_ids,
        *([code_ids] if with_machine else []),
    ]
    with without_jit(), connections[analysis_alias()].cursor() as cursor:
        versioned = _has_version(cursor)
        if versioned:
            # The version read in the same statement (the same snapshot) as the counting:
            # exactly what these tallies are of.
            sql += VERSION_ROW
        key = _cache_key(sql, params)
        if versioned:
            cursor.execute(VERSION)
            epoch, version = cursor.fetchone()
            key = f"{key}:{epoch}"
            cached = cache.get(f"{key}:{version}")
            if cached is not None:
                return cached
        # NOTE: the hash aggregates fit in memory instead of spilling to disk.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = _tallies_from_rows(rows)
    version = next((count for kind, *_rest, count in rows if kind == "v"), None)
    if version is not None:
        cache.set(f"{key}:{version}", result, CACHE_SECONDS)
    return result


def _cache_key(sql: str, params: list) -> str:
    """The query and its parameters (visibility, codebook, rollup, groups) name the tallies."""
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    return f"coding:agreement:{digest}"


def _has_version(cursor) -> bool:
    """Whether the cache may be used: the agreement version counters exist (coding migration
    0008) and this transaction has written nothing (its own uncommitted writes, perhaps rolled
    back later, must never be cached under a version another transaction may reach)."""
    cursor.execute(
        "SELECT to_regclass('coding_agreement_version') IS NOT NULL"
        " AND txid_current_if_assigned() IS NULL"
    )
    return cursor.fetchone()[0]


def _tallies_from_rows(rows) -> AgreementTallies:
    result = AgreementTallies()
    present: dict[int, list] = {}
    machine_rows = []
    for kind, key, first, second, count in rows:
        if kind == "k":
            result.coder_ids.add(key)
        elif kind == "s":
            result.coder_sets[tuple(first)] = count
        elif kind == "c":
            present.setdefault(key, []).append((tuple(first), set(second), count))
        elif kind == "g":
            unit = dict(zip(first, second, strict=True))
            result.groups.setdefault(key, Counter())[agreement.unit_key(unit)] += count
        elif kind == "ms":
            result.machine_stories = count
        elif kind == "mt":
            result.machine_totals[key] = count
        elif kind == "mx":
            machine_rows.append((key, *first))
    result.stories = sum(result.coder_sets.values())
    for code_id, patterns in present.items():
        counts: Counter = Counter()
        for coders, who, count in patterns:
            counts[agreement.unit_key({c: int(c in who) for c in coders})] += count
        # The stories on which nobody applied the code: every coder's value is 0.
        for coders, total in result.coder_sets.items():
            absent = total - sum(n for c, _w, n in patterns if c == coders)
            counts[agreement.unit_key(dict.fromkeys(coders, 0))] += absent
        result.codes[code_id] = +counts
    for code_id, coder, machine_yes, coder_yes, both in machine_rows:
        total = result.machine_totals.get(coder, 0)
        result.machine[(code_id, coder)] = +Counter(
            {
                (1, 1): both,
                (1, 0): machine_yes - both,
                (0, 1): coder_yes - both,
                (0, 0): total - machine_yes - coder_yes + both,
            }
        )
    return result


def presence_tally(tallies: AgreementTallies, code_id: int) -> Counter:
    """The tally of a code's presence units (every value 0 where nobody applied it)."""
    if code_id in tallies.codes:
        return tallies.codes[code_id]
    return +Counter(
        {agreement.unit_key(dict.fromkeys(c, 0)): n for c, n in tallies.coder_sets.items()}
    )


def machine_table(tallies: AgreementTallies, code_id: int, coder: int) -> Counter:
    """The (machine's value, coder's value) table of one code and coder (all 0-0 where neither
    applied it on a story both coded)."""
    if (code_id, coder) in tallies.machine:
        return tallies.machine[(code_id, coder)]
    total = tallies.machine_totals.get(coder, 0)
    return Counter({(0, 0): total}) if total else Counter()
