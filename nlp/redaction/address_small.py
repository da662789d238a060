"""Streets written small: in a story typed as a chat (``nlp.redaction.chat``), or after the words
that give an address ("I live at 14 acacia road", "moro na rua das flores, 12"). Part of
``nlp.redaction.addresses.address_spans``."""

import re

from nlp.redaction.address_parts import COUNTS as _COUNTS
from nlp.redaction.address_parts import UK_POSTCODE as _UK_POSTCODE
from nlp.redaction.chat import chat_style
from nlp.redaction.name_lists import split_words, stop_words

# Streets written small in a story typed as a chat (``nlp.redaction.chat``), or after the words
# that give an address: "na av. brasil, 2500", "rua são bento, 45, bairro alto", "calle goya 18",
# "22 kingsley crescent, leeds ls8 2ab".
# The street's words may not be words of a sentence ("the", "down", "de casa"...), and a count
# is no house number ("5 minutes down the road", "rua 2 vezes").
_SMALL = r"[a-zà-öø-ÿ][a-zà-öø-ÿ'’\-]*"
_SMALL_IBERIAN = (
    r"rua|r\.|av\.?|avenida|avda\.|travessa|trav\.|tv\.|alameda|al\.|praça|pça\.|estrada|"
    r"estr\.|rodovia|rod\.|largo|ladeira|calle|c/|paseo|p[º°]|carretera|ctra\.|camino|calzada|"
    r"carrera|privada|cerrada|andador|bulevar|jirón|beco|viela|ladeira|servidão|pasaje|callejón"
)
_SMALL_PARTICLES = frozenset(split_words("de da do dos das del la las los e y"))
# Stop words that start street names: "rua são bento", "av. sete de setembro", "calle nueva".
_SMALL_PARTICLES |= frozenset(split_words("são santo santa san nova novo nueva nuevo sete dom"))
# Numbers written out: "rua dois, 33", "calle cinco de mayo 12" (a street's last word may be one).
_SMALL_NUMERALS = frozenset(
    split_words(
        "um dois três quatro cinco seis oito nove dez onze doze treze quinze vinte trinta "
        "uno dos tres cuatro seis siete ocho nueve diez once doce trece quince veinte"
    )
)
_SMALL_PARTICLES |= _SMALL_NUMERALS
_SMALL_IBERIAN_RE = re.compile(
    # (Argentina's "al" before the block is no part of the name: "av. san martín al 3400".)
    rf"(?<![\w])(?:{_SMALL_IBERIAN})[ \t]*"
    rf"(?P<name>{_SMALL}(?:[ \t]+(?!al[ \t]+\d){_SMALL}){{0,3}}),?[ \t]+"
    rf"(?:n[º°o]\.?[ \t]*|número[ \t]+|al[ \t]+)?\d{{1,5}}(?![\d\w%])(?![ \t]*(?:{_COUNTS})\b)"
    rf"(?:,?[ \t]*(?:(?:apto|apt|ap|casa|bloco|bl|piso|depto|dpto|puerta|int)\.?[ \t]*[\w\-º°ª]+"
    rf"|\d{{1,2}}[º°ª][ \t]?[a-z]?(?![\w])))*"
    rf"(?:,?[ \t]*(?:bairro|vila|jardim|col\.?|colonia|barrio)[ \t]+{_SMALL}(?:[ \t]+{_SMALL})?)?"
)
_SMALL_EN_STREETS = (
    r"street|st|road|rd|avenue|ave|lane|drive|close|crescent|terrace|mews|grove|way|court|place|"
    r"gardens|walk|row|square|parade"
)
_SMALL_EN_RE = re.compile(
    # A unit and its building as Australia writes them: "6/42 beach rd".
    rf"(?<![\w])(?:(?:flat|apt|unit)[ \t]*\w{{1,4}},?[ \t]+)?(?:\d{{1,4}}/)?\d{{1,5}}[a-z]?[ \t]+"
    rf"(?P<name>[a-z]+(?:[ \t]+[a-z]+){{0,2}})[ \t]+(?:{_SMALL_EN_STREETS})(?![\w])"
    rf"(?:,?[ \t]+(?:[a-z]+[ \t]+)?(?i:{_UK_POSTCODE})(?![\w]))?"
)


# A numbered street written small: Colombia's grid, whose "# 80-23" no sentence has ("cra 15 #
# 80-23", "cl 45 sur no. 12-30"), or a numbered street and its house after the words that give an
# address ("moro na rua 7 casa 12", "vivo en la calle 3 número 45"; not "rua 2 vezes").
_SMALL_NUMBERED_RE = re.compile(
    r"(?<![\w])(?i:rua|r\.|travessa|trav\.|calle|cl\.?|cll\.?|carrera|cra\.?|kra\.?|cr\.?|kr\.?|transversal|"
    r"tv\.?|diagonal|dg\.?|avenida|av\.?)[ \t]*\d{1,3}[a-z]?(?:[ \t]+bis)?"
    r"(?:[ \t]+(?i:sur|norte|este|oeste))?,?[ \t]*"
    r"(?:(?P<grid>(?:#|(?i:n[º°o]\.?|no\.|número))[ \t]*\d{1,3}[a-z]?[ \t]?-[ \t]?\d{1,3}[a-z]?)"
    r"|(?i:casa|lote|lt\.?|n[º°o]\.?|número|#)[ \t]*\d{1,4}[a-z]?)(?![\w\-])"
    r"(?:,?[ \t]*(?i:apto|apt|ap|int|interior|casa|torre|bloco|piso)\.?[ \t]*"
    r"\d{1,4}[a-z]?(?![\w]))*"
)


def _small_street_name(name: str, language: str) -> bool:
    words = name.split()
    if words[-1] in _SMALL_PARTICLES and words[-1] not in _SMALL_NUMERALS:
        return False
    return not any(
        w not in _SMALL_PARTICLES and w in stop_words(language) for w in words
    ) and not re.fullmatch(rf"(?:{_COUNTS})", words[0])


# Outside a chat, a street written small counts after the words that give an address: "I live
# at 14 acacia road", "moro na rua das flores, 12", "mi dirección es calle luna 5".
_HOME_CUE_RE = re.compile(
    r"(?i:\b(?:live|lives|lived|living|moved|address(?: is)?|moro|mora|morava|moramos|vivo|vive|"
    r"vivía|vivimos|endereço(?: é)?|dirección(?: es)?|domicilio(?: es)?|"
    # Where a place is: "a clínica fica na av paulista 1578", "el consultorio queda en la cra 15".
    r"fica|ficava|queda|quedaba|located|based)"
    r"(?:[ \t]+(?:at|in|on|to|na|no|em|en|en la|en el))?[:,]?[ \t]+)$"
)


def small_address_spans(text: str, language: str) -> list[tuple[int, int]]:
    chat = chat_style(text)
    spans = []
    for pattern in (_SMALL_IBERIAN_RE, _SMALL_EN_RE):
        for m in pattern.finditer(text):
            if not _small_street_name(m["name"], language):
                continue
            if chat or _HOME_CUE_RE.search(text, max(0, m.start() - 30), m.start()):
                spans.append((m.start(), m.end()))
    for m in _SMALL_NUMBERED_RE.finditer(text):
        if m["grid"] or chat or _HOME_CUE_RE.search(text, max(0, m.start() - 30), m.start()):
            spans.append((m.start(), m.end()))
    return spans
