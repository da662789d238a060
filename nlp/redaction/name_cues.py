"""Names that only their neighbourhood gives away, by patterns on the raw text.

- An article then a name, set off by commas in Portuguese and Spanish: "uma enfermeira, a Cida,
  me ajudou", "mi vecina, la Trini." (the article is how these languages speak of a person).
- A nickname given with its article: "me dicen la Chiqui" (the article is part of it).
- A nickname in brackets and quotes after a name: 'Margaret ("Peggy")'.
- A name followed by its role: "the clinic took on Abdi, a support worker who...".
- In Portuguese and Spanish, the article before a given name that is also a place or a word
  ("fui com a Luz", "la Sol me dijo", "pedi pra a Vitória"): mid-sentence, alone (not "la Cruz
  Roja", "a Luz Marina" is found whole already), and not after "de" or "en" ("Virgen de la Paz").
"""

import re

from nlp.redaction.name_lists import PLACE_OR_MONTH_NAMES, first_names, split_words
from nlp.redaction.names import STOP_WORDS, TITLES

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]+"
_APPOSED_RE = re.compile(
    rf"(?<=,\s)(?:a|o|la|el)\s(?P<n>{_CAP}(?:\s{_CAP}){{0,2}})(?=\s?[,.;)]|\s(?:que|quien)\b)"
)
_NICKNAME_RE = re.compile(
    rf"(?i:\b(?:me|te|le|la|lo|nos|les)\s(?:llaman|dicen|chamam|llamaban|dizem))"
    rf"(?:\sde)?\s(?P<n>(?:la|el|a|o)\s{_CAP})"
)
# A role said in several words, then the name: "a agente de saúde Lucivânia", "a técnica de
# enfermagem Joyciane", "la trabajadora social Itziar", "our health visitor Bernadette".
_ROLE_PHRASE_RE = re.compile(
    r"(?<![\w])(?:agente comunitári[ao](?: de saúde)?|agente de saúde|técnic[ao] de enfermagem|"
    r"auxiliar de enfermagem|assistente social|médic[ao] de família|trabajador(?:a)? social|"
    r"auxiliar de enfermería|técnic[ao] en enfermería|promotor(?:a)? de salud|health visitor|"
    r"support worker|social worker|key worker|care worker|healthcare assistant)"
    rf"[ \t]+(?P<n>{_CAP}(?:[ \t]+{_CAP}){{0,2}})"
)
_BRACKET_NICKNAME_RE = re.compile(rf"(?P<a>{_CAP})\s?\([\"“«„]\s?(?P<n>{_CAP})\s?[\"”»“]\)")
_ROLES = (
    r"worker|nurse|doctor|midwife|woman|man|girl|boy|lady|mother|volunteer|interpreter|"
    r"receptionist|student|friend|neighbour|neighbor|enfermeira|enfermera|médica|médico|mujer|"
    r"mulher|señora|senhora|infirmière|femme|homme|Frau|Mann|Pflegerin|Ärztin|Arzt|"
    r"Dolmetscherin|Dolmetscher"
)
_ROLE_RE = re.compile(
    rf"(?<=[a-zà-ÿ]\s)(?P<n>{_CAP}),\s(?:a|an|un|une|una|um|uma|ein|eine)\s"
    rf"(?:[\w\-]+\s){{0,2}}(?:{_ROLES})\b"
)

_ARTICLE_RES = {
    language: re.compile(
        rf"(?P<before>[\w,]+)[ \t](?:{articles})[ \t](?P<n>{_CAP})(?![\w'’\-])"
        r"(?![ \t]+[A-ZÀ-ÖØ-Þ])(?![ \t]+d[eoa]s?[ \t])"
    )
    for language, articles in (("pt", r"a|o"), ("es", r"la|el"))
}
_NOT_BEFORE_ARTICLE = frozenset(
    split_words("de en em desde hasta hacia para por sobre entre contra")
)


def _article_name_spans(text: str, language: str) -> list[tuple[int, int]]:
    pattern = _ARTICLE_RES.get(language[:2])
    if pattern is None:
        return []
    names = first_names()
    return [
        m.span("n")
        for m in pattern.finditer(text)
        if m["n"] in PLACE_OR_MONTH_NAMES
        and m["n"] in names
        and m["before"].lower() not in _NOT_BEFORE_ARTICLE
    ]


def _is_name(value: str) -> bool:
    words = value.split()
    return not any(w in STOP_WORDS or w in TITLES or (w.isupper() and len(w) > 1) for w in words)


def cue_name_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of the names found by the patterns above."""
    spans = _article_name_spans(text, language)
    for pattern in (_APPOSED_RE, _NICKNAME_RE, _BRACKET_NICKNAME_RE, _ROLE_RE, _ROLE_PHRASE_RE):
        for m in pattern.finditer(text):
            value = m.group("n")
            last = value.split()[-1]
            if _is_name(last if pattern is _NICKNAME_RE else value):
                spans.append((m.start("n"), m.end("n")))
            if pattern is _BRACKET_NICKNAME_RE and _is_name(m.group("a")):
                spans.append((m.start("a"), m.end("a")))
    return spans
