"""German and French name forms that the shared rules (``nlp.redaction.names``,
``nlp.redaction.signatures``) leave out, written from each language's grammar and letter-writing
habits (issue 16, second development batch):

- German titles in their other cases and short forms: "Herrn Vogel" (dative and accusative),
  "Hr. Meier", "Fr. Yilmaz", and ranks used as titles: "Oberärztin Nowak", "Chefarzt Brandt".
- A title, then a surname that starts with a capitalised particle: "le Dr Van den Bossche",
  "Mme De la Fuente", "Frau Von der Heide".
- Closing formulas the shared list lacks, with what may stand between them and the name: "Avec
  mes salutations,\\nAdja Fatou Sarr", "Bien cordialement, Pierre", "Grüße aus Stuttgart,
  Lena-Marie", "Beste Grüße\\nKlaus", "MfG Weber".
- Two people signing together on the last line: "Rasha und Nabil", "Fatou et Moussa" (one of them
  a known given name).
- A person named beside "ich" in German, where every noun is capitalised too: "ich und Sevgi",
  "Sevgi und ich" (not a word of the language: "ich und Kollegen" is left).
- A double given name whose two halves are known given names: "Lena-Marie", "Anne-Sophie".
"""

import re

from nlp.redaction.name_lists import common_words, first_names, split_words
from nlp.redaction.names import STOP_WORDS, TITLES

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’]*(?:-[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’]*)*"
_DE_TITLE_RE = re.compile(
    rf"(?<![\w.])(?:Herrn|Hrn?\.|Fr\.|Ober(?:arzt|ärztin)|Chef(?:arzt|ärztin)|"
    rf"Stations(?:arzt|ärztin)|Assistenz(?:arzt|ärztin))"
    rf"(?:\s+(?:Dr|Prof)\.(?:\s+(?:med|dent|rer|nat)\.)*)*\s+(?P<n>{_CAP})"
    rf"(?:\s+(?P<s>{_CAP}))?"
)
_PARTICLE_TITLE_RE = re.compile(
    r"(?<![\w])(?:Dre?|Pr|Prof|Mme|Mlle|M|Me|Docteur|Professeur|[Mm]adame|[Mm]onsieur|Herr|"
    r"Herrn|Frau)\.?\s+"
    r"(?P<n>(?:Van|Von|Vom|De|Del|Della|Di|Da|Du|Des|Le|La|Ter|Ten|El|Al|Ould|Ben|Bin)"
    r"(?:\s+(?:den|der|de|la|le|van|von|el))?\s+[A-ZÀ-ÖØ-Þ][\w'’\-]+)"
)
_CLOSINGS = (
    r"(?:avec\s+)?(?:mes\s+|nos\s+)?(?:sincères\s+|meilleures\s+|respectueuses\s+)?salutations"
    r"(?:\s+distinguées|\s+cordiales)?|(?:bien|très)\s+cordialement|bien\s+amicalement|amitiés|"
    r"respectueusement|(?:grosses\s+)?bises|je\s+vous\s+embrasse|à\s+bientôt|merci\s+d['’]avance|"
    r"bonne\s+(?:journée|soirée|continuation)|"
    r"(?:viele|liebe|beste|schöne|herzliche|freundliche|sonnige|solidarische)\s+grüße|grüße|gruß|"
    r"mfg|vg|herzlichst|alles\s+gute|bis\s+bald|servus"
)
_NAME_RUN = rf"{_CAP}(?:[ \u00a0]+(?:(?:de|du|da|van|von|der|ben|ould|el)[ \u00a0]+)?{_CAP}){{0,3}}"
_CLOSING_RE = re.compile(
    rf"(?m)(?:^|[.!?]\s+)(?i:{_CLOSINGS})(?:\s+(?:aus|von|de|depuis)\s+{_CAP})?[,!.]?"
    rf"[ \t]*\n?[ \t]*[—–\-]?[ \t]*(?:(?:Dr|Dre|Pr|Prof)\.?[ \t]+)?(?P<n>{_NAME_RUN})"
    rf"(?=[ \t]*(?:[,(]|$))"
)
_PAIR_RE = re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_CAP})\s+(?:und|et|&)\s+(?P<b>{_CAP})[ \t]*$")
# "Sevgi und ich" at the start of a clause only: "starke Bauchschmerzen und ich" is a noun.
_BESIDE_ICH_RE = re.compile(
    rf"(?<![\w])(?:ich|wir)\s+und\s+(?P<a>{_CAP})(?=[\s.,;!?])"
    rf"|(?:^|(?<=[.,;:!?\n])\s*)(?P<b>{_CAP})\s+und\s+ich\b"
)
_DOUBLE_RE = re.compile(r"(?<![\w\-])(?P<a>[A-ZÀ-Þ][a-zà-ÿ]+)-(?P<b>[A-ZÀ-Þ][a-zà-ÿ]+)(?![\w\-])")
# Words that begin a collective signature or a role, not a name: "Ihre Praxis", "L'équipe".
_NOT_SIGNERS = frozenset(
    split_words(
        "Ihr Ihre Euer Eure Dein Deine Familie Praxis Team Équipe Collectif Association Maman"
    )
)


def _is_name(word: str) -> bool:
    return word not in STOP_WORDS and word not in TITLES and word not in _NOT_SIGNERS


def _not_a_word(word: str, lang: str) -> bool:
    return word.lower() not in common_words(lang) or word in first_names()


# Words one of whose forms each pattern needs (case as written): a text with none of them is not
# scanned for it. "Hr" is in "Hr." and "Hrn."; "arzt" and "ärztin" in every rank.
_DE_TITLE_WORDS = ("Herrn", "Hr", "Fr.", "arzt", "ärztin")


def _title_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    titled = any(word in text for word in _DE_TITLE_WORDS)
    for m in _DE_TITLE_RE.finditer(text) if titled else ():
        if not _is_name(m["n"]):
            continue
        # A second capitalised word is the surname only after a known given name ("Herrn Klaus
        # Weber"), not a noun ("Herrn Vogel Bescheid sagen").
        end = m.end("s") if m["s"] and m["n"] in first_names() and _is_name(m["s"]) else m.end("n")
        spans.append((m.start("n"), end))
    spans += [(m.start("n"), m.end("n")) for m in _PARTICLE_TITLE_RE.finditer(text)]
    return spans


def _closing_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _CLOSING_RE.finditer(text):
        words = m["n"].split()
        if all(_is_name(w) for w in words):
            spans.append((m.start("n"), m.end("n")))
    return spans


def _pair_spans(text: str) -> list[tuple[int, int]]:
    tail = max(0, len(text.rstrip()) - 120)
    spans = []
    for m in _PAIR_RE.finditer(text.rstrip(), tail):
        a, b = m["a"], m["b"]
        if _is_name(a) and _is_name(b) and (a in first_names() or b in first_names()):
            spans += [(m.start("a"), m.end("a")), (m.start("b"), m.end("b"))]
    for m in _BESIDE_ICH_RE.finditer(text) if "und" in text else ():
        group = "a" if m["a"] else "b"
        if _is_name(m[group]) and _not_a_word(m[group], "de"):
            spans.append((m.start(group), m.end(group)))
    return spans


def de_fr_name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names found by the forms above (in any Latin-script story)."""
    names = first_names()
    spans = _title_spans(text) + _closing_spans(text) + _pair_spans(text)
    spans += [
        (m.start(), m.end())
        for m in (_DOUBLE_RE.finditer(text) if "-" in text else ())
        if m["a"] in names and m["b"] in names and _is_name(m["a"])
    ]
    return spans
