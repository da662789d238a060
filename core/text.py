"""One rule for line breaks (issue 21): ``\\r\\n`` and a lone ``\\r`` become ``\\n``.

Applied once, where a story is captured (``testimonies.services.SubmissionDraft``) and where a
project is imported (``analysis.refiqda_read``), so an offset means the same thing in Entendu, in
an export and in another tool. ``offset_map`` moves a position in the old text to the same place
in the normalised one (a removed ``\\r`` shifts what follows it by one).
"""

from bisect import bisect_right
from collections.abc import Callable


def normalise_newlines(value: str) -> str:
    if not isinstance(value, str) or "\r" not in value:
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def removed_positions(value: str) -> list[int]:
    """The indices of the ``\\r`` characters normalisation removes (those before a ``\\n``)."""
    found = []
    start = value.find("\r\n")
    while start != -1:
        found.append(start)
        start = value.find("\r\n", start + 2)
    return found


def offset_map(value: str, *, end: bool = False) -> Callable[[int], int]:
    """old offset -> new offset for ``normalise_newlines(value)``. A passage's ``end`` that
    falls between a ``\r`` and its ``\n`` keeps the line break (the passage held the ``\r``)."""
    removed = removed_positions(value)
    if not removed:
        return lambda offset: offset
    before = 2 if end else 1
    return lambda offset: offset - bisect_right(removed, offset - before)
