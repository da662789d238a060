"""Find English interface strings left in a translated page.

The English strings are the msgids of our own catalogues (``<app>/locale`` and ``locale/``).
A page leaks when one of them is, on its own, the whole of a visible text node or of an
attribute a person reads or hears (``title``, ``aria-label``, ``placeholder``, ``alt``, the
``value`` of a button). Story text and other user data are not msgids, so they never count.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
# NOTE: shorter strings ("No", "Yes", "Age") are too often also names, codes or data.
MIN_LETTERS = 4
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_INPUTS = ("submit", "button", "reset")
HIDDEN_ELEMENTS = ("script", "style", "noscript")
# Code names (a CSV column, a file format) are shown as code and stay as they are.
CODE_ELEMENTS = ("code", "kbd", "samp")
SKIPPED_ELEMENTS = {*HIDDEN_ELEMENTS, *CODE_ELEMENTS}
VOID_ELEMENTS = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input"),
    *("link", "meta", "source", "track", "wbr"),
}
# What may surround a string without changing it: punctuation, arrows, bullets, spaces.
EDGES = " \t\n\r\u00a0·•→←↑↓|()[]{}:;,.!?*–—-…\"'“”‘’«»"
PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sdfi]|%[sdfi]|\{[A-Za-z_0-9]*\}")
TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    """Whitespace collapsed, surrounding punctuation and symbols removed."""
    return " ".join(text.split()).strip(EDGES)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


@dataclass(frozen=True)
class Catalogue:
    """The English strings that must not be seen in one language's pages."""

    exact: dict[str, str]  # normalised msgid -> the msgid as written
    patterns: list[tuple[re.Pattern, str]]  # msgids with placeholders, as regular expressions

    def match(self, text: str) -> str | None:
        """The msgid ``text`` is (whole string), or None."""
        key = normalise(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        for pattern, msgid in self.patterns:
            if pattern.fullmatch(key):
                return msgid
        return None


def _pattern(msgid: str) -> re.Pattern | None:
    literal = PLACEHOLDER.sub("", msgid)
    if _letters(literal) < MIN_LETTERS * 2:
        return None
    parts = PLACEHOLDER.split(normalise(msgid))
    return re.compile("(?:.+?)".join(re.escape(p) for p in parts), re.DOTALL)


def catalogue_from_entries(entries) -> Catalogue:
    """``entries``: (msgid, translations) pairs; a msgid whose translation is itself (a brand
    name, "OK", "API"), that is also a translation of another msgid in the language (Portuguese
    "Data" is "Date") or that holds markup is left out."""
    translated = {normalise(t) for _, translations in entries for t in translations}
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern, str]] = []
    for msgid, translations in entries:
        if TAG.search(msgid) or msgid in translations:
            continue
        if PLACEHOLDER.search(msgid):
            pattern = _pattern(msgid)
            if pattern is not None:
                patterns.append((pattern, msgid))
            continue
        key = normalise(msgid)
        if _letters(key) >= MIN_LETTERS and key not in translated:
            exact.setdefault(key, msgid)
    return Catalogue(exact=exact, patterns=patterns)


def catalogue_paths(locale: str) -> list[Path]:
    return sorted(
        p
        for p in ROOT.glob(f"**/locale/{locale}/LC_MESSAGES/django.po")
        if ".venv" not in p.parts and "node_modules" not in p.parts
    )


def catalogue_for(locale: str) -> Catalogue:
    """Every msgid (and plural msgid) of our catalogues, with its ``locale`` translations."""
    entries: dict[str, set[str]] = {}
    for path in catalogue_paths(locale):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            texts = {entry.msgstr, *entry.msgstr_plural.values()} - {""}
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                entries.setdefault(msgid, set()).update(texts)
    return catalogue_from_entries(list(entries.items()))


class _VisibleText(HTMLParser):
    """Collects visible text nodes and the read-aloud attributes, in document order, except
    inside an element marked as English (``lang="en"``: a language's own name, a quotation)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._open: list[tuple[str, str | None]] = []  # (tag, lang) of the open elements

    def _skipped(self) -> bool:
        langs = [lang for _, lang in self._open if lang is not None]
        in_english = bool(langs) and langs[-1].lower().split("-")[0] == "en"
        return in_english or any(tag in SKIPPED_ELEMENTS for tag, _ in self._open)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag not in VOID_ELEMENTS:
            self._open.append((tag, values.get("lang")))
        if self._skipped():
            return
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name])
        is_button = tag == "input" and (values.get("type") or "").lower() in BUTTON_INPUTS
        if is_button and values.get("value"):
            self.texts.append(values["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data):
        if data.strip() and not self._skipped():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    """The text nodes and read-aloud attribute values of ``html``, scripts and styles left out."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.texts


def english_leaks(html: str, catalogue: Catalogue) -> list[tuple[str, str]]:
    """(text seen, msgid) for every visible text that is an English interface string."""
    leaks = []
    for text in visible_texts(html):
        msgid = catalogue.match(text)
        if msgid is not None:
            leaks.append((normalise(text), msgid))
    return leaks
