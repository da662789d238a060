"""Keyword-in-context snippets of search hits, with the matched words marked.

The search index's own highlighter marks the matched words of the whole research copy
(PostgreSQL ``ts_headline`` in the story's text search configuration, SQLite FTS5
``highlight()``, see ``selectors.search_snippets``) between two private-use sentinel
characters. This module reads those marks as offsets in code points, the coding screen's offsets
(Python string indices; PostgreSQL counts characters the same way), cuts a few fragments of
context around them and builds their HTML.

SECURITY: the story's text is never trusted as HTML: marks are offsets, and every piece of text
is escaped when the HTML is built (``Fragment.html``). A story that itself contains a sentinel
character gets no marks rather than marks in the wrong place.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"
# The highlighter's options (PostgreSQL): the whole text, each matched word between sentinels.
HEADLINE_OPTIONS = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
CONTEXT = 70  # code points of context either side of the matched words
SNAP = 20  # how far to look for a space, to cut a fragment between words
MAX_SPAN = 240  # the longest run of marks one fragment shows before a new one starts
MAX_FRAGMENTS = 3
MAX_MARKS = 200  # a common word in a long story: the first ones are enough

Mark = tuple[int, int]


@dataclass(frozen=True)
class Fragment:
    """A piece of a research copy, [start, end) in code points, with its marked words."""

    text: str  # the whole research copy
    start: int
    end: int
    marks: tuple[Mark, ...] = ()

    @property
    def passage(self) -> Mark | None:
        """From the first marked word to the last: where the coding screen opens."""
        return (self.marks[0][0], self.marks[-1][1]) if self.marks else None

    @property
    def at(self) -> str:
        """The coding screen's ``at`` parameter for this passage ("" without marks)."""
        passage = self.passage
        return f"{passage[0]}-{passage[1]}" if passage else ""

    @property
    def html(self) -> SafeString:
        parts = ["…"] if self.start > 0 else []
        position = self.start
        for left, right in self.marks:
            parts.append(escape(self.text[position:left]))
            parts.append(f"<mark>{escape(self.text[left:right])}</mark>")
            position = right
        parts.append(escape(self.text[position : self.end]))
        if self.end < len(self.text):
            parts.append("…")
        # SECURITY: every piece of the story went through escape(); the rest is fixed markup.
        return mark_safe("".join(parts))  # noqa: S308


def marks_from_highlighted(text: str, highlighted: str) -> list[Mark]:
    """The marked ranges of ``highlighted`` (``text`` with sentinels around matched words), as
    offsets in ``text``; none if the highlighted text is not ``text`` with sentinels added."""
    if START in text or STOP in text:
        return []
    marks: list[Mark] = []
    position, opened = 0, None
    for ch in highlighted:
        if ch == START:
            opened = position
        elif ch == STOP:
            if opened is not None and position > opened:
                marks.append((opened, position))
            opened = None
        else:
            position += 1
    if highlighted.replace(START, "").replace(STOP, "") != text:
        return []
    return marks[:MAX_MARKS]


def substring_marks(text: str, runs: list[str]) -> list[Mark]:
    """Every occurrence of each run (Japanese or Chinese characters, matched as substrings)."""
    marks: list[Mark] = []
    for run in runs:
        at = text.find(run)
        while at >= 0 and len(marks) < MAX_MARKS:
            marks.append((at, at + len(run)))
            at = text.find(run, at + len(run))
    return marks


def phrase_marks(text: str, marks: list[Mark], length: int) -> list[Mark]:
    """The marks in runs of at least ``length`` marked words with only spaces or punctuation
    between them: ``ts_headline`` marks a phrase's words wherever they are, not only together.
    Every mark if no run is that long (a phrase of stop words: better too many than none)."""
    runs: list[list[Mark]] = []
    for mark in sorted(marks):
        gap = text[runs[-1][-1][1] : mark[0]] if runs else "x"
        if runs and not any(ch.isalnum() for ch in gap):
            runs[-1].append(mark)
        else:
            runs.append([mark])
    kept = [mark for run in runs if len(run) >= length for mark in run]
    return kept or marks


def merge(marks: list[Mark]) -> list[Mark]:
    """Sorted, overlapping ranges joined."""
    merged: list[Mark] = []
    for left, right in sorted(marks):
        if merged and left <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


def _cut_before(text: str, at: int, limit: int) -> int:
    """A start near ``at``, just after a space if one is close, never after ``limit``."""
    at = max(0, at)
    if at == 0:
        return 0
    window = text[at : min(at + SNAP, limit)]
    for i, ch in enumerate(window):
        if ch.isspace():
            return at + i + 1
    return at


def _cut_after(text: str, at: int, limit: int) -> int:
    """An end near ``at``, just before a space if one is close, never before ``limit``."""
    at = min(len(text), at)
    if at == len(text):
        return at
    low = max(limit, at - SNAP)
    for i in range(at - 1, low - 1, -1):
        if text[i].isspace():
            return i
    return at


def fragments(text: str, marks: list[Mark], *, limit: int = MAX_FRAGMENTS) -> list[Fragment]:
    """Up to ``limit`` fragments around the marks (close marks share one); the text's start
    when nothing is marked."""
    if not text:
        return []
    if not marks:
        return [Fragment(text, 0, _cut_after(text, 2 * CONTEXT, 1))]
    groups: list[list[Mark]] = []
    for mark in merge(marks):
        last = groups[-1] if groups else None
        if last and mark[0] - last[-1][1] <= 2 * CONTEXT and mark[1] - last[0][0] <= MAX_SPAN:
            last.append(mark)
        elif len(groups) < limit:
            groups.append([mark])
        else:
            break
    bounds = [
        [
            _cut_before(text, g[0][0] - CONTEXT, g[0][0]),
            _cut_after(text, g[-1][1] + CONTEXT, g[-1][1]),
        ]
        for g in groups
    ]
    # Neighbours whose context overlaps meet halfway between their marks.
    for i in range(len(groups) - 1):
        if bounds[i][1] > bounds[i + 1][0]:
            middle = (groups[i][-1][1] + groups[i + 1][0][0]) // 2
            bounds[i][1] = bounds[i + 1][0] = middle
    return [Fragment(text, b[0], b[1], tuple(g)) for b, g in zip(bounds, groups, strict=True)]
