"""Intercoder agreement as pure functions: no database, no Django.

Reliability data is a list of units; each unit maps a coder to the value that coder gave, and a
coder who did not code a unit is simply absent (missing data). Values are any hashable (nominal).

References:
- Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
  Communication, University of Pennsylvania. (Nominal alpha from the coincidence matrix.)
- Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
  Measurement 20(1), 37-46.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations, permutations

Unit = Mapping[Hashable, Hashable]


def percent_agreement(units: Iterable[Unit]) -> float | None:
    """Share of agreeing coder pairs, averaged over the units that at least two coders coded.

    For two coders this is the plain proportion of units on which they gave the same value.
    None when no unit has two coders.
    """
    total = 0.0
    counted = 0
    for unit in units:
        values = [v for v in unit.values() if v is not None]
        if len(values) < 2:
            continue
        pairs = list(combinations(values, 2))
        total += sum(1 for a, b in pairs if a == b) / len(pairs)
        counted += 1
    return total / counted if counted else None


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa for two coders who coded the same units (paired lists of values).

    None when it is undefined (no units, or chance agreement is 1: both coders always gave one and
    the same value).
    """
    if len(first) != len(second):
        raise ValueError("both coders must code the same units")
    n = len(first)
    if n == 0:
        return None
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[v] * count_b[v] for v in count_a.keys() | count_b.keys()) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def pairwise_cohen_kappa(units: Sequence[Unit]) -> list[dict]:
    """Cohen's kappa for every pair of coders, on the units both of them coded."""
    coders = sorted({c for unit in units for c, v in unit.items() if v is not None}, key=str)
    results = []
    for a, b in combinations(coders, 2):
        shared = [u for u in units if u.get(a) is not None and u.get(b) is not None]
        first = [u[a] for u in shared]
        second = [u[b] for u in shared]
        results.append(
            {
                "coders": (a, b),
                "units": len(shared),
                "percent_agreement": percent_agreement(
                    [{a: x, b: y} for x, y in zip(first, second, strict=True)]
                ),
                "kappa": cohen_kappa(first, second),
            }
        )
    return results


def coincidence_matrix(units: Iterable[Unit]) -> dict[tuple[Hashable, Hashable], float]:
    """Krippendorff's coincidence matrix o[c, k] over the pairable values of each unit."""
    matrix: dict[tuple[Hashable, Hashable], float] = {}
    for unit in units:
        values = [v for v in unit.values() if v is not None]
        m = len(values)
        if m < 2:
            continue
        for c, k in permutations(values, 2):
            matrix[(c, k)] = matrix.get((c, k), 0.0) + 1.0 / (m - 1)
    return matrix


def krippendorff_alpha_nominal(units: Iterable[Unit]) -> float | None:
    """Krippendorff's alpha for nominal data, any number of coders, missing values allowed.

    None when it is undefined: fewer than two pairable values, or a single value throughout
    (no variation, so expected disagreement is zero).
    """
    return _alpha_from_matrix(coincidence_matrix(units))


def _alpha_from_matrix(matrix: Mapping[tuple[Hashable, Hashable], float]) -> float | None:
    totals: Counter = Counter()
    for (c, _k), count in matrix.items():
        totals[c] += count
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(count for (c, k), count in matrix.items() if c != k)
    expected = sum(totals[c] * totals[k] for c, k in permutations(totals, 2))
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def agreement_summary(units: Sequence[Unit]) -> dict:
    """Every figure for one variable: units, coders, percent agreement, kappas, alpha."""
    pairable = [u for u in units if sum(1 for v in u.values() if v is not None) >= 2]
    return {
        "units": len(pairable),
        "coders": len({c for u in pairable for c, v in u.items() if v is not None}),
        "percent_agreement": percent_agreement(pairable),
        "alpha": krippendorff_alpha_nominal(pairable),
        "pairs": pairwise_cohen_kappa(pairable),
    }


# Tallies: the same figures from units counted by kind (issue 22 point 7)
# ------------------------------------------------------------------------------
# At 100,000 stories most units look alike (three coders, a code present or absent): a tally
# maps each distinct unit, as its sorted (coder, value) pairs with missing values left out, to
# how many units look like it. The database counts them (GROUP BY), and these functions give
# the figures the functions above give on the units themselves: counts are integers, so kappa
# and the pairs' agreement are the same to the last bit; percent agreement and alpha sum
# fractions in another order, so they can differ in the last bits (below 1e-12).

Tally = Mapping[tuple[tuple[Hashable, Hashable], ...], int]


def unit_key(unit: Unit) -> tuple[tuple[Hashable, Hashable], ...]:
    """A unit as its tally key: (coder, value) pairs, missing values left out, in coder order."""
    return tuple(
        sorted(((c, v) for c, v in unit.items() if v is not None), key=lambda p: str(p[0]))
    )


def tally(units: Iterable[Unit]) -> Counter:
    """How many units look like each distinct unit."""
    return Counter(unit_key(unit) for unit in units)


def _pairable(counts: Tally) -> dict:
    return {key: n for key, n in counts.items() if n and len(key) >= 2}


def percent_agreement_tally(counts: Tally) -> float | None:
    """``percent_agreement`` of the units ``counts`` tallies."""
    total = 0.0
    counted = 0
    for key, n in _pairable(counts).items():
        pairs = list(combinations([v for _c, v in key], 2))
        total += n * (sum(1 for a, b in pairs if a == b) / len(pairs))
        counted += n
    return total / counted if counted else None


def cohen_kappa_table(table: Mapping[tuple[Hashable, Hashable], int]) -> float | None:
    """``cohen_kappa`` from the contingency table: (first's value, second's value) → units."""
    n = sum(table.values())
    if n == 0:
        return None
    observed = sum(count for (a, b), count in table.items() if a == b) / n
    count_a: Counter = Counter()
    count_b: Counter = Counter()
    for (a, b), count in table.items():
        count_a[a] += count
        count_b[b] += count
    expected = sum(count_a[v] * count_b[v] for v in count_a.keys() | count_b.keys()) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def pairwise_cohen_kappa_tally(counts: Tally) -> list[dict]:
    """``pairwise_cohen_kappa`` of the units ``counts`` tallies."""
    coders = sorted({c for key, n in counts.items() if n for c, _v in key}, key=str)
    results = []
    for a, b in combinations(coders, 2):
        table: Counter = Counter()
        for key, n in counts.items():
            values = dict(key)
            if n and a in values and b in values:
                table[(values[a], values[b])] += n
        units = sum(table.values())
        agree = sum(count for (x, y), count in table.items() if x == y)
        results.append(
            {
                "coders": (a, b),
                "units": units,
                "percent_agreement": float(agree) / units if units else None,
                "kappa": cohen_kappa_table(table),
            }
        )
    return results


def krippendorff_alpha_tally(counts: Tally) -> float | None:
    """``krippendorff_alpha_nominal`` of the units ``counts`` tallies."""
    matrix: dict[tuple[Hashable, Hashable], float] = {}
    for key, n in _pairable(counts).items():
        values = [v for _c, v in key]
        m = len(values)
        for c, k in permutations(values, 2):
            matrix[(c, k)] = matrix.get((c, k), 0.0) + n * (1.0 / (m - 1))
    return _alpha_from_matrix(matrix)


def agreement_summary_tally(counts: Tally) -> dict:
    """``agreement_summary`` of the units ``counts`` tallies."""
    pairable = _pairable(counts)
    return {
        "units": sum(pairable.values()),
        "coders": len({c for key in pairable for c, _v in key}),
        "percent_agreement": percent_agreement_tally(pairable),
        "alpha": krippendorff_alpha_tally(pairable),
        "pairs": pairwise_cohen_kappa_tally(pairable),
    }
