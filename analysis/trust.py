"""Trust gaps: the share of stories reporting a trust-affecting experience, by group and by the
intersection of two groups, against people in neither group (the report's 82% against 47%).

Pure functions over pre-aggregated rows, so the database does the counting and the tests need
no database. The base of every share is the stories whose teller answered the trust question and
whose consent lets us use the characteristics involved; "unsure" counts in the base, not the
numerator.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from analysis.suppression import Share, suppress_share


@dataclass(frozen=True)
class TrustRow:
    """``count`` stories with these group memberships (None: not shared) and this answer."""

    memberships: tuple[bool | None, ...]
    affected: bool
    count: int


@dataclass(frozen=True)
class TrustGap:
    groups: tuple[str, ...]
    share: Share
    reference: Share
    gap_points: float | None

    @property
    def key(self) -> str:
        return "+".join(self.groups)


def _tally(rows: Iterable[TrustRow], inside, outside) -> tuple[int, int, int, int]:
    in_yes = in_all = out_yes = out_all = 0
    for row in rows:
        if inside(row.memberships):
            in_all += row.count
            in_yes += row.count if row.affected else 0
        elif outside(row.memberships):
            out_all += row.count
            out_yes += row.count if row.affected else 0
    return in_yes, in_all, out_yes, out_all


def _gap(share: Share, reference: Share) -> float | None:
    if share.percent is None or reference.percent is None:
        return None
    return round(share.percent - reference.percent, 1)


def trust_gaps(
    rows: Sequence[TrustRow], groups: Sequence[str], *, threshold: int, pairs: bool = True
) -> list[TrustGap]:
    """One gap per group, then (``pairs``) one per intersection of two groups.

    For a single group the reference is the people known not to belong to it; for an
    intersection it is the people known to belong to neither of the two groups. People whose
    membership is not shared are in neither side.
    """
    results: list[TrustGap] = []
    for i, name in enumerate(groups):
        in_yes, in_all, out_yes, out_all = _tally(
            rows, lambda m, i=i: m[i] is True, lambda m, i=i: m[i] is False
        )
        share = suppress_share(in_yes, in_all, threshold=threshold)
        reference = suppress_share(out_yes, out_all, threshold=threshold)
        results.append(TrustGap((name,), share, reference, _gap(share, reference)))
    if pairs:
        for (i, a), (j, b) in combinations(enumerate(groups), 2):
            in_yes, in_all, out_yes, out_all = _tally(
                rows,
                lambda m, i=i, j=j: m[i] is True and m[j] is True,
                lambda m, i=i, j=j: m[i] is False and m[j] is False,
            )
            share = suppress_share(in_yes, in_all, threshold=threshold)
            reference = suppress_share(out_yes, out_all, threshold=threshold)
            results.append(TrustGap((a, b), share, reference, _gap(share, reference)))
    return results
