"""Names in signatures, closing formulas and greetings.

- A closing formula then a name: "Thanks, Sarah", "Best wishes,\\nJohn Smith", "Un saludo, Ana",
  "Atenciosamente, João Pereira", "Viele Grüße, Jürgen", "Cordialement, Marie".
- A greeting then a name: "Dear Sarah", "Querida Ana", "Liebe Frau Schmidt" (the title is left),
  "Bonjour Marie".
- The last line of a story when it signs it: after a dash ("— James Whitfield", "– Tom"), or a
  short line whose words are a known given name or surname, or end with an initial ("Sarah M.",
  "Ana, 34, Sevilla": the name only).
"""

import re

from nlp.redaction.name_lists import first_names, split_words, surnames
from nlp.redaction.names import STOP_WORDS, TITLES

_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*\.?"
_PARTICLE = r"(?:de|da|do|dos|das|del|van|von|der|la|le|y)[ \u00a0]+"
_NAME = rf"{_NAME_WORD}(?:[ \u00a0]+(?:{_PARTICLE}){{0,2}}{_NAME_WORD}){{0,3}}"
CLOSINGS = (
    r"thanks|thank you|many thanks|best wishes|best regards|kind regards|warm regards|regards|"
    r"best|cheers|love|sincerely|yours sincerely|yours truly|yours|take care|with love|xx|"
    r"cordialement|bien à vous|amicalement|merci|bisous|avec mes remerciements|"
    r"saludos|un saludo|un abrazo|atentamente|gracias|muchas gracias|cordialmente|"
    r"atenciosamente|abraços|um abraço|obrigad[ao]|muito obrigad[ao]|beijos|"
    # Informal and abbreviated sign-offs: "Abs,", "Bjs", "Att.", "Besos,", "Saludos cordiales,".
    r"abs|bjs|bj|beijo|beijão|beijinhos|abraço|att|atte|besos|un beso|abrazos|"
    r"saludos cordiales|cordiales saludos|un saludo cordial|lots of love|all the best|"
    r"viele grüße|liebe grüße|mit freundlichen grüßen|herzliche grüße|lg|danke|vielen dank|"
    r"grüße|"
    # More of a phone's sign-offs: "Bss,", "Besitos", "Cariños", "Thanks again", "Much love".
    r"bss|bsos|besitos|cariños|con cariño|abrazo|thanks again|thanks so much|"
    r"thank you so much|much love|love always|big hugs|hugs"
)
GREETINGS = (
    r"dear|hi|hello|hola|olá|oi|hallo|salut|coucou|querid[ao]|estimad[ao]|prezad[ao]|liebe|"
    r"lieber|bonjour|chère|cher"
)
_CLOSING_RE = re.compile(
    rf"(?m)(?:^|[.!?]\s+)(?i:{CLOSINGS})[,!.]?[ \t]*(?:(?:do|da|de|from)[ \t]+)?"
    rf"\n?[ \t]*[—–\-~]?[ \t]*(?P<n>{_NAME})"
)
# A closing formula written as one word on the signature's line: "Att. Marcos Paulo".
_CLOSING_WORD = re.compile(rf"(?i:{CLOSINGS})[.,]?")
_GREETING_RE = re.compile(rf"(?m)(?:^|[.!?]\s+)(?i:{GREETINGS}),?[ \t]+(?P<n>{_NAME})")
_LAST_LINE_RE = re.compile(
    rf"(?:^|\n|[.!?]\s+)[ \t]*[—–\-~]+[ \t]*(?P<n>{_NAME})[ \t]*(?:[,(].*)?\s*$"
)
# The last line, or the line before a last line that gives a role ("nurse, Leeds"), or before
# the lines of a contact: an address, a phone number, an e-mail (lines with digits or an @).
_SHORT_LAST_LINE_RE = re.compile(
    rf"\n[ \t]*(?P<n>{_NAME})[ \t]*(?P<rest>[,(][^\n]{{0,60}})?"
    rf"(?:\n[ \t]*[a-zà-ÿ][^\n]{{0,60}}|(?:\n[^\n\d@]{{0,60}}[\d@][^\n]{{0,80}}){{1,3}})?\s*$"
)


def _stop_word(word: str) -> bool:
    """A stop word, or one with a contraction glued to it: "I'm", "It's", "We're"."""
    return word in STOP_WORDS or re.split(r"['’]", word)[0] in STOP_WORDS


def _name_words(value: str, start: int) -> tuple[int, int] | None:
    """Drop titles and stop words at the edges of a candidate; None when nothing is left."""
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\s\u00a0]+", value)]
    while words and (
        words[0][2].rstrip(".") in TITLES
        or _CLOSING_WORD.fullmatch(words[0][2])
        or words[0][2][0].islower()  # "Abraço do Tião": the "do" after the closing
    ):
        words = words[1:]
    # "Ma. Elena": a word with a full stop before another word is an abbreviation.
    last = len(words) - 1
    if not words or any(
        _stop_word(w[2].rstrip(",") if k < last else w[2].rstrip(".,")) for k, w in enumerate(words)
    ):
        return None
    end = words[-1][1] - (1 if words[-1][2].endswith(".") and len(words[-1][2]) > 2 else 0)
    return start + words[0][0], start + end


def _known_name(value: str) -> bool:
    words = value.replace(".", " ").split()
    initial = len(words) > 1 and len(words[-1]) == 1
    return initial or words[0] in first_names() or any(w in surnames() for w in words)


# Capitalised last lines that are wishes or closings, not names.
_NOT_NAMES = frozenset(
    [
        "Alles",
        "Gute",
        "Grüße",
        "Gruß",
        "Tschüss",
        "Ciao",
        "Saludos",
        "Saludo",
        "Abraços",
        "Abraço",
        "Beijos",
        "Bisous",
        "Amen",
        "Amén",
        "Amém",
        "Fim",
        "Fin",
        "Ende",
        "Cheers",
        "Love",
        "Regards",
        "Adieu",
        "Bye",
        "Salut",
        "Vale",
        "Gesundheit",
        "Frieden",
        "Paz",
    ]
)


# Words that start a closing formula or a collective signature after another closing.
_FORMULA_STARTS = frozenset(
    split_words(
        """Avec Bien Très Beste Schöne Herzliche Viele Mit Freundliche Ihr Ihre Euer Eure Dein
        Deine Votre Vos"""
    )
)


def _signed(m: re.Match) -> bool:
    """A last line that is a known name, or nothing but one to three capitalised words after a
    finished sentence ("...obrigada.\\nNeide"). A closing formula is not one ("Love, Dev")."""
    if _CLOSING_WORD.fullmatch(m.group("n")):
        return False
    if _known_name(m.group("n")):
        return True
    words = m.group("n").split()
    ended = m.string[: m.start()].rstrip()[-1:] in set('.!?…»"”)')
    unknown = not any(w.rstrip(".") in _NOT_NAMES for w in words)
    return ended and unknown and len(words) <= 3 and not m.group("rest")


def signature_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names signed, greeted or thanked in ``text``."""
    spans = []
    tail_start = max(0, len(text) - 200)
    for pattern, base in (
        (_CLOSING_RE, 0),
        (_GREETING_RE, 0),
        (_LAST_LINE_RE, tail_start),
        (_SHORT_LAST_LINE_RE, tail_start),
    ):
        for m in pattern.finditer(text, base):
            if pattern is _SHORT_LAST_LINE_RE and not _signed(m):
                continue
            # "Liebe Grüße" is a closing, not a greeting to someone called Grüße; "Merci.\nAvec
            # mes salutations" and "Viele Grüße, Ihr Praxisteam" are formulas, not names.
            first = m.group("n").split()[0]
            if pattern is _GREETING_RE and first in _NOT_NAMES:
                continue
            if pattern is _CLOSING_RE and first in _NOT_NAMES | _FORMULA_STARTS:
                continue
            found = _name_words(m.group("n"), m.start("n"))
            if found:
                spans.append(found)
    return spans
