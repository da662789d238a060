"""Names in the informal forms of a testimony written on a phone, in Latin-script languages.

- Chat style, all in lower case: a lowercase title then a word that is not a word of the
  language ("o dr paco", "my auntie jen", "la tía nena"); a lone lowercase word signing the last
  line after a finished sentence ("...de 70 anos.\\ndani").
- A signature line that gives a contact or a place after the name: "Cléo — cleo@mail.com",
  "Jo - 0412 345 678", "Edvaldo (Recife)".
- A name of any kind set off by a relative or carer in a closed apposition: "Page, my daughter,
  rang the flying doctor", "Yakecan, mi sobrina, ..." (a known given name is found already; this
  takes the names no list holds, and the given names that are words).
- Portuguese "seu" and "dona" as titles in apposition: "Meu avô, seu Dito, tava internado"
  ("seu" before a noun is a possessive: "seu Cartão do SUS" is left).
"""

import re

from nlp.redaction.chat import chat_style
from nlp.redaction.name_cue_lists import RELATIVE_CUES
from nlp.redaction.name_lists import ROLE_NOUNS, first_names, is_word, split_words, stop_words
from nlp.redaction.names import STOP_WORDS, TITLES
from nlp.redaction.scan import between_commas
from nlp.redaction.signatures import CLOSINGS

_LOWER_TITLE = r"dr|dra|auntie|aunty|aunt|uncle|tia|tio|tía|tío|dona|doña|don|seu|sr|sra|mr|mrs|ms"
# ...and the roles said before a name in a chat: "a enfermeira cris", "the nurse jo".
_LOWER_ROLE = (
    r"enfermeira|enfermeiro|enfermera|enfermero|nurse|midwife|doula|parteira|partera|matrona|"
    r"médica|médico|doctora|doutora|doutor|physio|fisio|técnica|psicóloga|psicólogo|prof|profe|"
    r"professora|agente"
)
_SMALL_WORD = r"[a-zà-öø-ÿ]{2,}"
_LOWER_TITLE_RE = re.compile(
    rf"(?<![\w])(?:{_LOWER_TITLE}|(?P<role>{_LOWER_ROLE}))\.?[ \t]+(?P<n>{_SMALL_WORD})\b"
    rf"(?:[ \t]+(?P<m>{_SMALL_WORD})\b)?"
)
_LONE_LAST_RE = re.compile(
    r"(?P<end>[.!?…)]?)\s*\n[ \t]*(?P<dash>[—–\-~][ \t]*)?(?P<n>[a-zà-öø-ÿ]{2,15})[ \t]*\s*$"
)
# Laughter and sign-off words written in lower case: not names.
_NOT_NAMES = frozenset(
    split_words("haha hahaha jaja jajaja hehe kkk lol xoxo bye fin fim amen amém obg vlw tks")
)
_CAP = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+"
_NAME = rf"{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
_CONTACT = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|\+?[\d(][\d \t().\-]{7,}\d"
_CONTACT_LINE_RE = re.compile(
    rf"\n[ \t]*(?P<n>{_NAME})[ \t]*[—–\-|·,][ \t]*(?:{_CONTACT})[ \t]*\s*$"
)
_PLACE_LINE_RE = re.compile(
    rf"[.!?…]\s*\n[ \t]*(?P<n>{_NAME})[ \t]*\([ \t]*{_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]*\)\s*$"
)
# The relatives and carers of ``nlp.redaction.name_cue_lists`` (one list for every rule).
_RELATIVES = "(?:" + "|".join(RELATIVE_CUES) + ")"
_APPOSED_RELATIVE_RE = re.compile(rf"(?<![\w])(?P<n>{_CAP})(?=,\s+(?i:{_RELATIVES}),)")
# Chat style: a relative or a friend, then a name written small ("minha amiga babi").
_LOWER_RELATIVE_RE = re.compile(
    rf"(?<![\w])(?:{_RELATIVES})[ \t]+(?P<n>{_SMALL_WORD})\b(?:[ \t]+(?P<m>{_SMALL_WORD})\b)?"
)
# A relative or a role, and where they are from, then the name in a closed apposition: "Mi
# vecina del cuarto, Maruja, es...", "La matrona del barrio, Montse, sí...", "the nurse there,
# ash, asked..." (written small in a chat only).
_ROLE_APPOSED_RE = re.compile(
    rf"(?<![\w])(?i:{_RELATIVES}|(?:{ROLE_NOUNS}))"
    r"(?:[ \t]+(?i:del|de la|de|da|do|of the|on the|at the|from the|in the)[ \t]+[\w\-]+"
    r"|[ \t]+(?i:there|here|aqui|aquí|ali|lá|allí|acá))?"
    rf",[ \t]+(?P<n>{_CAP}|{_SMALL_WORD})(?=,)"
)
# What every match of the above holds from its comma on (``scan.between_commas``).
_ROLE_APPOSED_TAIL_RE = re.compile(rf",[ \t]+(?:{_CAP}|{_SMALL_WORD})(?=,)")
# Chat style: an article and a name written small, set off by commas ("o agente de saúde, o
# tonho, que viu ela"), as ``nlp.redaction.name_cues`` finds them written with a capital.
_LOWER_APPOSED_RE = re.compile(
    rf"(?<=,[ \t])(?:a|o|la|el)[ \t](?P<n>{_SMALL_WORD})(?=[ \t]?[,.;)]|[ \t](?:que|quien)\b)"
)
# A closing formula alone on the line before the last: "bjs\njaque", "cheers\nmo".
_CLOSING_LINE_RE = re.compile(rf"\n[ \t]*(?i:{CLOSINGS})[ \t]*[,!.]?[ \t]*\n[ \t]*$")
_SEU_RE = re.compile(
    rf",\s+(?:seu|dona)\s+(?P<n>{_CAP})"
    r"(?=\s*[,.;:!?)(]|\s+(?!(?:do|da|de|dos|das|e|no|na)\b)[a-zà-ÿ])"
)
_CLOSING_RE = re.compile(rf"(?i:{CLOSINGS})")


def _plain_name(value: str) -> bool:
    return not any(
        w in STOP_WORDS or w in TITLES or _CLOSING_RE.fullmatch(w) for w in value.split()
    )


def _lowercase_name(word: str, language: str) -> bool:
    """A given name written small ("paco"), or a word that is no word of the language."""
    if word in _NOT_NAMES or _CLOSING_RE.fullmatch(word):
        return False
    if word.capitalize() in first_names():
        return True
    has_vowel = any(c in "aeiouyàáâãéêíóôõúü" for c in word)
    return has_vowel and not is_word(word, language)


def _second_given_name(m: re.Match, language: str) -> int:
    """The end of a name written small, with its second given name: "meu filho joão pedro"."""
    second = m["m"]
    if second and second.capitalize() in first_names() and second not in stop_words(language):
        return m.end("m")
    return m.end("n")


def informal_name_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of the names found by the forms above."""
    if language.startswith("ja"):
        # A Japanese story signed in small Latin letters after its last sentence: "。\nyuki".
        m = _LONE_LAST_RE.search(text, max(0, len(text) - 200))
        ended = m and text[: m.start()].rstrip().endswith(("。", "！", "!"))
        return [m.span("n")] if ended and _lowercase_name(m["n"], language) else []
    spans = []
    chat = chat_style(text)
    if chat:
        patterns = [_LOWER_TITLE_RE, _LOWER_RELATIVE_RE]
        if language[:2] in ("pt", "es"):  # "a" and "o" are articles before a name there
            patterns.append(_LOWER_APPOSED_RE)
        for pattern in patterns:
            for m in pattern.finditer(text):
                # After a role, a word of the language is what the role does: "the nurse said"
                # (Said is a given name too).
                role = "role" in pattern.groupindex and m["role"]
                second = "m" in pattern.groupindex
                if _lowercase_name(m["n"], language) and not (role and is_word(m["n"], language)):
                    end = _second_given_name(m, language) if second else m.end("n")
                    spans.append((m.start("n"), end))
    for m in between_commas(_ROLE_APPOSED_RE, _ROLE_APPOSED_TAIL_RE, text):
        word = m["n"]
        if word[0].isupper():
            if len(word) >= 3 and not word.lower().endswith("ly") and _plain_name(word):
                spans.append(m.span("n"))
        elif chat and _lowercase_name(word, language):
            spans.append(m.span("n"))
    tail = max(0, len(text) - 200)
    m = _LONE_LAST_RE.search(text, tail)
    # After a closing formula on its own line, the last word signs the story even when it is
    # also a word ("bjs\njaque").
    closed = m and _CLOSING_LINE_RE.search(text, max(0, m.start("n") - 40), m.start("n"))
    if (
        m
        and m["n"] not in _NOT_NAMES
        and (closed or ((m["end"] or m["dash"] or chat) and _lowercase_name(m["n"], language)))
    ):
        spans.append(m.span("n"))
    for pattern in (_CONTACT_LINE_RE, _PLACE_LINE_RE):
        m = pattern.search(text, tail)
        if m and _plain_name(m["n"]):
            spans.append(m.span("n"))
    for m in _APPOSED_RELATIVE_RE.finditer(text):
        word = m["n"]
        if len(word) >= 3 and not word.lower().endswith("ly") and _plain_name(word):
            spans.append(m.span("n"))
    for m in _SEU_RE.finditer(text):
        if _plain_name(m["n"]):
            spans.append(m.span("n"))
    return spans
