"""A redaction's result: the research text and, per replacement, its offsets in the original
and in the research copy, so that an offset on the research copy (where coding happens) maps
back and forth. Offsets are Python string indices, that is Unicode code points, end exclusive."""

from dataclasses import dataclass, field

from testimonies.redaction import EMAIL_LABEL as EMAIL
from testimonies.redaction import PHONE_LABEL as PHONE

PERSON, ADDRESS, ID = "PERSON", "ADDRESS", "ID"
LABELS = (PERSON, EMAIL, PHONE, ADDRESS, ID)
# When two candidate spans overlap, the merged span takes the label that ranks higher.
PRIORITY = {EMAIL: 5, ID: 4, PHONE: 3, ADDRESS: 2, PERSON: 1}


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    label: str
    new_start: int
    new_end: int

    def as_list(self) -> list:
        return [self.start, self.end, self.label, self.new_start, self.new_end]


@dataclass
class RedactionResult:
    text: str
    replacements: list[Replacement] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(LABELS, 0)
        for r in self.replacements:
            out[r.label] += 1
        return out

    def offset_map(self) -> list[list]:
        return [r.as_list() for r in self.replacements]


def to_research_offset(offset_map: list[list], offset: int) -> int:
    """An offset in the original text -> the offset in the research copy.

    An offset inside a redacted span maps to the start of its placeholder (a start) — callers
    that map an end use ``to_research_end``.
    """
    shift = 0
    for start, end, _label, new_start, new_end in offset_map:
        if offset < start:
            break
        if offset < end:
            return new_start
        shift = new_end - end
    return offset + shift


def to_research_end(offset_map: list[list], offset: int) -> int:
    shift = 0
    for start, end, _label, _new_start, new_end in offset_map:
        if offset <= start:
            break
        if offset < end:
            return new_end
        shift = new_end - end
    return offset + shift


def to_original_offset(offset_map: list[list], offset: int) -> int:
    """An offset in the research copy -> the offset in the original text."""
    shift = 0
    for start, end, _label, new_start, new_end in offset_map:
        if offset < new_start:
            break
        if offset < new_end:
            return start
        shift = end - new_end
    return offset + shift
