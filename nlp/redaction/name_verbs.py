"""A known given name that is also a word, at the start of a sentence, when a verb that only a
person does follows it: "Hope drove me to the hospital", "Rocío me dijo", "Rosa me disse",
"Rose m'a dit", "Ernst fuhr mich" (issue 16: names that are words, such as Rosa, Grace, Hope,
Pilar, Sol). Mid-sentence, such names are found already (``nlp.redaction.names``); at the start
of a sentence a word is capitalised anyway, so the verb after it is the evidence: "Hope is what
keeps me going" has none.
"""

import re

from nlp.redaction.name_lists import first_names, split_words
from nlp.redaction.names import STOP_WORDS, TITLES

# Pronouns and people words that are also given names somewhere (Ella, Elle, Ela...).
_NOT_NAMES = frozenset(
    split_words(
        """
    Ella Ellas Elle Elles Ela Elas Ele Eles Él Sie Er Es Wir Ihr She He It They We You One
    Nadie Alguien Ninguém Alguém Personne Quelqu Niemand Jemand Nobody Someone Everyone
    Todos Todas Tous Alle Usted Ustedes Você Vocês Mamá Mama Maman Papa Papá Mutter Vater"""
    )
)

_CLITIC = r"(?:(?:me|te|le|les|nos|lo|la|lhe|lhes|o|a|mich|mir|uns|ihn|ihr)\s+)?"
_EN = (
    r"said|says|told|tells|asked|drove|brought|rang|phoned|texted|hugged|explained|answered|"
    r"replied|shouted|whispered|insisted|visited|came with|sat with|stayed with|took me|"
    r"held my|called me|helped me|carried|looked after|cared for|picked me up"
)
_ES = (
    r"dijo|dice|contó|preguntó|llevó|trajo|acompañó|llamó|ayudó|explicó|respondió|contestó|"
    r"gritó|insistió|visitó|abrazó|vino"
)
_PT = (
    r"disse|diz|contou|perguntou|levou|trouxe|acompanhou|ligou|ajudou|explicou|respondeu|"
    r"gritou|insistiu|visitou|abraçou|veio|chamou"
)
_FR = (
    r"(?:m['’]a|nous a|lui a|l['’]a|a)\s+(?:dit|demandé|emmenée?|amenée?|accompagnée?|appelé|"
    r"aidée?|expliqué|répondu|crié|rassurée?|serré)|est venue?"
)
_DE = (
    r"sagte|fragte|fuhr|brachte|begleitete|rief|half|erklärte|antwortete|schrie|besuchte|"
    r"umarmte|meinte|erzählte"
)
_VERB = rf"{_CLITIC}(?:{_EN}|{_ES}|{_PT}|{_FR}|{_DE})\b"
_START_RE = re.compile(
    rf"(?:^|(?<=[.!?…])\s+|(?<=\n))[\"“«„(]?\s*(?P<n>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)(?=\s+{_VERB})",
    re.MULTILINE,
)


# Portuguese and Spanish put an article before a person's name: "a Cida disse", "o Beto levou",
# "la Trini me dijo": there any capitalised word before a person's verb is a name.
# (Not the verbs an institution does too: "o Hospital ligou", "el Seguro respondió".)
_INSTITUTION_VERBS = frozenset(split_words("ligou chamou respondeu llamó respondió contestó"))
_ARTICLE_RE = re.compile(
    rf"(?<![\w])(?:a|o|la|el)\s+(?P<n>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)"
    rf"(?=\s+{_CLITIC}(?P<v>{_ES}|{_PT})\b)"
)


def verb_name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the given names found as above."""
    names = first_names()
    spans = [
        (m.start("n"), m.end("n"))
        for m in _START_RE.finditer(text)
        if m["n"] in names and m["n"] not in _NOT_NAMES | STOP_WORDS | TITLES
    ]
    spans += [
        (m.start("n"), m.end("n"))
        for m in _ARTICLE_RE.finditer(text)
        if m["n"] not in _NOT_NAMES | STOP_WORDS | TITLES and m["v"] not in _INSTITUTION_VERBS
    ]
    return spans
