"""Names that stand beside a name already found, or beside the writer (issue 16, point 2).

- A list of people, one of whom is a name found already: "a Rosa, o Beto e a Carla", "Tama and
  Mere", "Inma y Javi" (each part one or two capitalised words, with its article in Portuguese
  and Spanish); the list needs its "e", "and", "y" or "et".
- A person named beside the writer: "June and I went", "Pilar y yo", "eu e a Joana", "Marie et
  moi" (not German: "Parkinson und ich", its nouns have capitals too).
- The full name in brackets after a name found: "seu Dito (Benedito Aparecido Ramos)".
"""

import re

from nlp.redaction.name_lists import split_words
from nlp.redaction.names import PLACE_PREFIXES, STOP_WORDS, TITLES

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž'’\-]+"
# The writer and the pronouns that start a list ("Eu, a Rosa, o Beto e a Carla"): not names.
_PRONOUNS = frozenset(split_words("Eu Yo Ich Moi Nós Nosotros Nosotras Wir Você Tú Ele Ela Él"))
_ITEM = rf"(?:(?:a|o|la|el)[ \t]+)?{_CAP}(?:[ \t]+{_CAP})?"
_ITEM_RE = re.compile(_ITEM)
# Not German "und": German writes its nouns with a capital ("Fieber, Husten und Anna").
_AND = r"[ \t]+(?:e|and|y|et|&)[ \t]+"
_AND_RE = re.compile(_AND)
_LIST_RE = re.compile(rf"(?<![\w.]){_ITEM}(?:(?:,[ \t]+|{_AND}){_ITEM})+")
_WRITER_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_CAP})[ \t]+(?:and I|and me|y yo|e eu|et moi)(?![\w'’])"
    rf"|\b(?:me and|eu e (?:a|o)|yo y (?:la|el)|moi et)[ \t]+(?P<b>{_CAP})"
)
# "switch to Cree and I watch": after a preposition, a language or a place.
_PREPOSITIONS = frozenset(
    split_words("to in at from of into on for with about em no na de do da para por en del al à au")
)
# What ``_WRITER_RE`` needs one of (case as written): a text with none is not scanned for it.
_WRITER_WORDS = ("and I", "and me", "y yo", "e eu", "et moi", "me and", "eu e ", "yo y ", "moi et")
_WORD_BEFORE_RE = re.compile(r"(\w+)[ \t]+$")
_BRACKET_RE = re.compile(rf"[ \t]?\([ \t]*(?P<n>{_CAP}(?:[ \t]+{_CAP}){{1,3}})[ \t]*\)")


def _plain(value: str) -> bool:
    return not any(
        w in STOP_WORDS or w in TITLES or w in PLACE_PREFIXES or w.isupper() for w in value.split()
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _list_spans(text: str, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for m in _LIST_RE.finditer(text):
        if not _AND_RE.search(m.group()):
            continue
        items = []
        for part in _ITEM_RE.finditer(m.group()):
            value = part.group()
            first = value.split()[0]
            if first in {"a", "o", "la", "el"}:
                offset = len(first) + 1
                value = value[offset:].lstrip()
            else:
                offset = 0
            start = m.start() + part.start() + offset
            if value not in _PRONOUNS:
                items.append((start, start + len(value), value))
        if len(items) < 2 or not any(_overlaps(s, e, people) for s, e, _ in items):
            continue
        if all(_plain(v) for _, _, v in items):
            out += [(s, e) for s, e, _ in items]
    return out


def coordinated_name_spans(text: str, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the names found by the forms above, given the names found so far."""
    out = _list_spans(text, people)
    beside_writer = any(words in text for words in _WRITER_WORDS)
    for m in _WRITER_RE.finditer(text) if beside_writer else ():
        group = "a" if m["a"] else "b"
        before = _WORD_BEFORE_RE.search(text[max(0, m.start() - 20) : m.start()])
        if group == "a" and before and before.group(1).lower() in _PREPOSITIONS:
            continue
        if _plain(m[group]):
            out.append(m.span(group))
    for m in _BRACKET_RE.finditer(text) if "(" in text else ():
        if _overlaps(m.start() - 1, m.start(), people) and _plain(m["n"]):
            out.append(m.span("n"))
    return out
