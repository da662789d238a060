"""Small-cell suppression: a count of fewer than ``threshold`` stories is never shown.

SECURITY: a dashboard cell that counts 3 stories from one event, one language and one
self-identified group can point at a person. Every figure that leaves this app (pages, CSV,
API, exports of aggregates) goes through these functions. Zero is shown: it identifies no one.
"""

from dataclasses import dataclass

from django.conf import settings

DEFAULT_THRESHOLD = 10


def suppression_threshold() -> int:
    """The configured threshold (``ENTENDU_SMALL_CELL_THRESHOLD``), never below 1."""
    return max(1, int(getattr(settings, "ENTENDU_SMALL_CELL_THRESHOLD", DEFAULT_THRESHOLD)))


def is_suppressed(count: int, *, threshold: int) -> bool:
    """True when a count of people is small enough to identify someone (1 ≤ count < threshold)."""
    return 0 < count < threshold


def suppress_count(count: int, *, threshold: int) -> int | None:
    """The count, or None when it must not be shown."""
    return None if is_suppressed(count, threshold=threshold) else count


@dataclass(frozen=True)
class Share:
    """``numerator`` of ``denominator`` stories, with the percentage; None fields are suppressed."""

    numerator: int | None
    denominator: int | None
    percent: float | None

    @property
    def suppressed(self) -> bool:
        return self.percent is None


def suppress_share(numerator: int, denominator: int, *, threshold: int) -> Share:
    """A share is shown only when its base has at least ``threshold`` stories.

    NOTE: with a base below the threshold neither count nor percentage is shown. With a large
    base, a small numerator is still hidden as a count, but the percentage is kept: it is what the
    dashboard is for, and a base of at least ``threshold`` people does not point at one of them.
    """
    if denominator < threshold:
        return Share(None, suppress_count(denominator, threshold=threshold), None)
    percent = round(100.0 * numerator / denominator, 1) if denominator else None
    return Share(suppress_count(numerator, threshold=threshold), denominator, percent)


def suppress_matrix(
    rows: dict[str, dict[str, int]], *, threshold: int
) -> dict[str, dict[str, int | None]]:
    """Apply ``suppress_count`` to every cell of a two-level mapping."""
    return {
        row: {col: suppress_count(value, threshold=threshold) for col, value in cols.items()}
        for row, cols in rows.items()
    }
