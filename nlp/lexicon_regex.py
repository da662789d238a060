"""Single-token REGEX patterns of a lexicon, matched in one compiled pass per code.

spaCy's ``Matcher`` calls a Python regex predicate on every token for every REGEX pattern, which
costs most of the lexicon layer's time in languages whose lexicon uses stem regexes (German). A
pattern of exactly one token ``{"LOWER": {"REGEX": r}}`` (or ``TEXT``/``ORTH``) needs no Matcher:
the token texts are joined one per line and each code's regexes, as one alternation compiled in
MULTILINE mode (so ``^``/``$`` still mean the token's start and end), are searched line by line;
every candidate token is then confirmed with ``re.search`` on the token's own text, as spaCy does.
The hits are the same as the Matcher's (``tests/nlp/test_lexicon_regex.py`` compares both).
"""

import bisect
import re

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

# Attributes read from the token: lower-case form or verbatim text.
_ATTRS = {"LOWER": "lower_", "TEXT": "text", "ORTH": "text"}
_ATTR_IDS = {"lower_": LOWER, "text": ORTH}
# Regex syntax that can see or match a line break: such patterns stay in the spaCy Matcher.
_UNSAFE = ("\\s", "\\S", "\\W", "\\D", "[^", "\\n", "(?s", "(?m", "\\A", "\\Z")


def single_token_regex(pattern) -> tuple[str, str] | None:
    """(token attribute, regex) when ``pattern`` is one token matched by one regex, else None."""
    if not isinstance(pattern, list) or len(pattern) != 1 or not isinstance(pattern[0], dict):
        return None
    token = pattern[0]
    if len(token) != 1:
        return None
    attr, spec = next(iter(token.items()))
    if attr not in _ATTRS or not isinstance(spec, dict) or set(spec) != {"REGEX"}:
        return None
    regex = spec["REGEX"]
    if not isinstance(regex, str) or any(bit in regex for bit in _UNSAFE):
        return None
    try:
        re.compile(regex)
    except re.error:
        return None
    return _ATTRS[attr], regex


class TokenRegexes:
    """The single-token regexes of every code, searched in one pass over the token texts."""

    def __init__(self) -> None:
        self._regexes: dict[tuple[str, str], list[str]] = {}

    def add(self, code: str, attr: str, regex: str) -> None:
        self._regexes.setdefault((code, attr), []).append(regex)

    def __len__(self) -> int:
        return len(self._regexes)

    def compile(self) -> None:
        self._compiled = [
            (
                code,
                attr,
                re.compile("|".join(f"(?:{r})" for r in regexes), re.MULTILINE),
                [re.compile(r) for r in regexes],
            )
            for (code, attr), regexes in sorted(self._regexes.items())
        ]

    def matches(self, doc: Doc) -> set[tuple[str, int, int]]:
        """(code, start_char, end_char) of every token one of a code's regexes finds."""
        found: set[tuple[str, int, int]] = set()
        joined: dict[str, tuple[str, list[int], set[int]]] = {}
        for code, attr, combined, singles in self._compiled:
            if attr not in joined:
                joined[attr] = _join(doc, attr)
            text, starts, breaks = joined[attr]
            for i in sorted(set(_candidate_lines(combined, text, starts)) | breaks):
                token = doc[i]
                value = getattr(token, attr)
                if any(r.search(value) for r in singles):
                    found.add((code, token.idx, token.idx + len(token)))
        return found


def _join(doc: Doc, attr: str) -> tuple[str, list[int], set[int]]:
    """The token texts one per line, the offset where each token's line starts, and the tokens
    with a line break in them (left as empty lines, always checked on their own). (Read as one
    array of hashes: a ``Token`` object per word cost more than the search.)"""
    strings = doc.vocab.strings
    starts, parts, breaks, pos = [], [], set(), 0
    for i, key in enumerate(doc.to_array(_ATTR_IDS[attr]).tolist()):
        value = strings[key]
        if "\n" in value or "\r" in value:
            breaks.add(i)
            value = ""
        starts.append(pos)
        parts.append(value)
        pos += len(value) + 1
    return "\n".join(parts), starts, breaks


def _candidate_lines(combined: re.Pattern, text: str, starts: list[int]):
    """Indexes of the lines where ``combined`` finds a match starting, one search per hit line."""
    pos = 0
    while True:
        hit = combined.search(text, pos)
        if hit is None:
            return
        line = bisect.bisect_right(starts, hit.start()) - 1
        yield line
        if line + 1 >= len(starts):
            return
        pos = starts[line + 1]
