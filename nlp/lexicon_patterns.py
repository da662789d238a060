"""Multi-token lexicon patterns matched from an index of their first tokens.

spaCy's ``Matcher`` runs every pattern's state machine over every token and calls a Python
predicate for each ``IN`` and ``REGEX`` on the way: about 2 ms a story of 180 words for French's
eighteen patterns (``bench/nlp_rules_cost.py``), more than the rest of the lexicon together. The
patterns the lexicons hold use a small part of the Matcher's language, so they are matched here
instead: the token attributes are read once a Doc as hashes (``Doc.to_array``); a pattern whose
first token must be one of some words is only tried where one of those words stands (a dictionary
look-up per token), one whose first token must match a regex only where a token's value passes
it (each distinct value tested once), the others at every token; from each start every way
through the pattern is followed, so every (start, end) the Matcher finds is found (``greedy``
unset: all matches).

Supported, per token: ``LOWER``, ``LEMMA``, ``ORTH`` or ``TEXT`` equal to a string, ``IN`` a list of
strings or ``REGEX`` (``re.search`` on the value, as spaCy does); ``LIKE_NUM``, ``IS_PUNCT``,
``IS_DIGIT``, ``IS_ALPHA``, ``IS_SPACE`` true or false; ``OP`` one of ``?``, ``*``, ``+``; the
empty token (any token). Any other pattern stays in spaCy's ``Matcher`` (``TokenPatterns.add``
returns False). ``tests/nlp/test_lexicon_patterns.py`` compares the hits with the Matcher's.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import IDS, IDX, LEMMA, LENGTH
from spacy.strings import hash_string
from spacy.tokens import Doc

_STRING_ATTRS = {"LOWER": "LOWER", "LEMMA": "LEMMA", "ORTH": "ORTH", "TEXT": "ORTH"}
_FLAG_ATTRS = ("LIKE_NUM", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA", "IS_SPACE")
_OPS = {"?", "*", "+"}
# Regex answers kept per (regex, string hash); emptied when it grows past this.
_REGEX_CACHE_MAX = 200_000

# One token's test: (column in the Doc's array, kind, value). Kinds: "eq" (a hash), "in" (a
# frozenset of hashes), "re" (a compiled regex), "flag" (0 or 1).
Test = tuple[int, str, object]


class _Unsupported(ValueError):
    pass


def _string_test(attr: str, spec) -> tuple[str, str, object]:
    column = _STRING_ATTRS[attr]
    if isinstance(spec, str):
        return column, "eq", hash_string(spec)
    if not isinstance(spec, dict) or len(spec) != 1:
        raise _Unsupported(attr)
    ((kind, value),) = spec.items()
    if kind == "IN" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return column, "in", frozenset(hash_string(v) for v in value)
    if kind == "REGEX" and isinstance(value, str):
        return column, "re", re.compile(value)
    raise _Unsupported(attr)


def _token_tests(token: dict) -> tuple[list[tuple[str, str, object]], str]:
    if not isinstance(token, dict):
        raise _Unsupported("token")
    op = token.get("OP", "1")  # "1": once (spaCy has no name for it)
    if "OP" in token and op not in _OPS:
        raise _Unsupported(op)
    tests = []
    for attr, spec in token.items():
        if attr == "OP":
            continue
        if attr in _STRING_ATTRS:
            tests.append(_string_test(attr, spec))
        elif attr in _FLAG_ATTRS and isinstance(spec, bool):
            tests.append((attr, "flag", int(spec)))
        else:
            raise _Unsupported(attr)
    return tests, op


@dataclass(frozen=True)
class _Pattern:
    code: str
    steps: list[tuple[list[Test], str]]
    first: tuple[int, frozenset[int]] | None  # where it may start; None: at every token
    required: list[tuple[int, frozenset[int]]]  # one of each must be in the Doc
    # Without such words, a regex its first token must match: tried where a value passes it.
    first_regex: tuple[int, re.Pattern] | None = None


class TokenPatterns:
    """Token patterns of several codes, matched from an index of their first tokens."""

    def __init__(self, strings) -> None:
        self._strings = strings  # the vocabulary's StringStore: hash -> text for REGEX
        self._patterns: list[_Pattern] = []
        self._columns: list[str] = ["ORTH"]  # at least one column, for patterns of any tokens
        self._seen: set[tuple[str, str]] = set()
        self._regex_cache: dict[tuple[int, int], bool] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, code: str, pattern) -> bool:
        """Take ``pattern`` for ``code``; False (and nothing kept) when it is not supported."""
        if not isinstance(pattern, list) or not pattern:
            return False
        try:
            steps = [_token_tests(token) for token in pattern]
        except (_Unsupported, re.error):
            return False
        compiled = [([(self._column(c), k, v) for c, k, v in tests], op) for tests, op in steps]
        if (code, repr(compiled)) in self._seen:
            return True  # the same pattern twice finds the same hits
        self._seen.add((code, repr(compiled)))
        first, op = compiled[0]
        self._patterns.append(
            _Pattern(
                code,
                compiled,
                _words(first) if op in ("1", "+") else None,
                [keys for tests, op in compiled if op in ("1", "+") and (keys := _words(tests))],
                _regex(first) if op in ("1", "+") else None,
            )
        )
        return True

    def _column(self, attr: str) -> int:
        if attr not in self._columns:
            self._columns.append(attr)
        return self._columns.index(attr)

    def matches(self, doc: Doc) -> set[tuple[str, int, int]]:
        """(code, start_char, end_char) of every match of every pattern."""
        found: set[tuple[str, int, int]] = set()
        if not self._patterns or not len(doc):
            return found
        array = doc.to_array([IDS[c] for c in self._columns]).reshape(len(doc), -1)
        columns = [array[:, j].tolist() for j in range(len(self._columns))]
        # The values in the Doc, per column (read when first needed): a pattern is not tried
        # when one of its required words is missing, and is tried only where its first
        # token's words stand.
        present = _Present(columns)
        accept, hit = self._accepts(columns)
        n = len(doc)
        for pattern in self._patterns:
            if not all(not values.isdisjoint(present[c]) for c, values in pattern.required):
                continue
            if pattern.first is not None:
                starts = present.positions(*pattern.first)
            elif pattern.first_regex is not None:
                column, regex = pattern.first_regex
                passing = frozenset(v for v in present[column] if hit(regex, v))
                starts = present.positions(column, passing)
            else:
                starts = range(n)
            for start in starts:
                for end in _ends(pattern.steps, 0, start, n, accept):
                    if end > start:
                        found.add((pattern.code, doc[start].idx, _end_char(doc, end)))
        return found

    def _accepts(self, columns: list[tuple[int, ...]]) -> tuple[Callable, Callable]:
        """``accept(tests, i)``: token ``i`` passes every test; ``hit(regex, value)``: the
        string of a value matches a regex (answers cached per regex and value)."""
        cache, strings = self._regex_cache, self._strings
        if len(cache) > _REGEX_CACHE_MAX:
            cache.clear()

        def hit(regex: re.Pattern, got: int) -> bool:
            key = (id(regex), got)
            found = cache.get(key)
            if found is None:
                found = cache[key] = regex.search(strings[got]) is not None
            return found

        def accept(tests: list[Test], i: int) -> bool:
            for column, kind, value in tests:
                got = columns[column][i]
                if kind == "eq" or kind == "flag":
                    if got != value:
                        return False
                elif kind == "in":
                    if got not in value:
                        return False
                elif not hit(value, got):
                    return False
            return True

        return accept, hit


def _regex(tests: list[Test]) -> tuple[int, re.Pattern] | None:
    """(column, regex) of a token's first regex test, or None."""
    for column, kind, value in tests:
        if kind == "re":
            return column, value
    return None


def _words(tests: list[Test]) -> tuple[int, frozenset[int]] | None:
    """(column, the hashes one of which a token must have), from its first word test, or None
    (a token matched by a regex or a flag alone, or any token)."""
    for column, kind, value in tests:
        if kind in ("eq", "flag"):
            return column, frozenset([value])
        if kind == "in":
            return column, value
    return None


class _Present(dict):
    """Column -> the set of its values in the Doc, each column read when first asked."""

    def __init__(self, columns: list[list[int]]) -> None:
        super().__init__()
        self._columns = columns

    def __missing__(self, column: int) -> set[int]:
        values = self[column] = set(self._columns[column])
        return values

    def positions(self, column: int, values: frozenset[int]) -> list[int]:
        """Where one of ``values`` stands in ``column``, in order."""
        found = values & self[column]
        if len(found) == 1:
            [value] = found
            hashes = self._columns[column]
            out, i = [], -1
            while True:
                try:
                    i = hashes.index(value, i + 1)
                except ValueError:
                    return out
                out.append(i)
        return [i for i, value in enumerate(self._columns[column]) if value in found]


def _ends(steps, k: int, i: int, n: int, accept) -> set[int]:
    """The token positions where a match of ``steps[k:]`` begun at ``i`` can end."""
    if k == len(steps):
        return {i}
    tests, op = steps[k]
    out: set[int] = set()
    if op in ("?", "*"):
        out |= _ends(steps, k + 1, i, n, accept)
    j = i
    while j < n and accept(tests, j):
        j += 1
        out |= _ends(steps, k + 1, j, n, accept)
        if op in ("1", "?"):
            break
    return out


def _end_char(doc: Doc, end: int) -> int:
    token = doc[end - 1]
    return token.idx + len(token)


class DocView:
    """One Doc's token offsets (and lemmas, when first asked) read once, as lists: building a
    ``Span`` per hit (``doc[a:b]``, ``char_span``) costs more than the lexicon's matching."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        offsets = doc.to_array([IDX, LENGTH]).reshape(len(doc), 2).tolist()
        self.starts = [start for start, _length in offsets]
        self.ends = [start + length for start, length in offsets]
        self._lemmas: list[int] = []
        self._by_start: dict[int, int] | None = None

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The character offsets of tokens ``start`` to ``end`` (end exclusive)."""
        return self.starts[start], self.ends[end - 1]

    def lemma_form(self, start_char: int, end_char: int) -> str | None:
        """The lower-case lemmas of the tokens from ``start_char`` to ``end_char``, joined by
        spaces (``None`` where the offsets are not a token's start and end)."""
        if self._by_start is None:
            self._by_start = {start: i for i, start in enumerate(self.starts)}
            self._lemmas = self.doc.to_array([LEMMA]).tolist()
        first = self._by_start.get(start_char)
        if first is None:
            return None
        strings = self.doc.vocab.strings
        for i in range(first, len(self.ends)):
            if self.ends[i] == end_char:
                return " ".join(strings[h].lower() for h in self._lemmas[first : i + 1])
            if self.ends[i] > end_char:
                return None
        return None
