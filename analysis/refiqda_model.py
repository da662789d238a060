"""The values a REFI-QDA project is read into (analysis.refiqda_read), and small helpers."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_datetime

from analysis.refiqda import NAMESPACE
from core.exceptions import ApplicationError
from core.text import normalise_newlines, offset_map


class QdpxError(ApplicationError):
    """The archive is refused; the message says why, nothing was saved."""


@dataclass
class ReadCode:
    guid: str
    name: str
    parent_guid: str | None
    is_codable: bool
    colour: str | None
    description: str


@dataclass
class ReadCoding:
    code_guid: str
    start: int | None  # None: the whole document
    end: int | None
    user_guid: str | None
    created: datetime | None


@dataclass
class ReadSource:
    guid: str
    name: str
    text: str
    created: datetime | None
    description: str
    codings: list[ReadCoding] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # variable name -> value


@dataclass
class ReadNote:
    guid: str
    name: str
    text: str
    user_guid: str | None
    created: datetime | None


@dataclass
class ReadProject:
    name: str
    origin: str
    users: dict[str, str]  # guid -> name
    codes: list[ReadCode]
    sources: list[ReadSource]
    notes: dict[str, ReadNote]
    code_notes: dict[str, list[str]]  # code guid -> note guids
    project_notes: list[str]
    skipped: dict[str, int] = field(default_factory=dict)  # what was not read, by kind

    @property
    def coding_count(self) -> int:
        return sum(len(s.codings) for s in self.sources)


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_datetime(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def shift_codings(text: str, codings: list[ReadCoding]) -> str:
    """The text under the line-break rule, its selections moved with it."""
    if "\r" not in text:
        return text
    starts, ends = offset_map(text), offset_map(text, end=True)
    for coding in codings:
        if coding.start is not None:
            coding.start, coding.end = starts(coding.start), ends(coding.end)
    return normalise_newlines(text)
