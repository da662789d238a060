"""Rule-based redaction of e-mail addresses and phone numbers: the one set of these rules.

On submission, ``redact`` replaces them with ``[EMAIL]`` and ``[PHONE]``: the stand-in until the
NLP pipeline runs. The NLP app builds on ``rule_spans`` (the same rules) and replaces names,
places, street addresses and identity numbers as well, recording ``redaction_method="spacy"``.

``RULES_VERSION`` names this rule set; it changes whenever the rules do. ``rules-2`` is the
union of the submission rules and the NLP rules that were both called ``rules-1``; ``rules-3``
lets an e-mail address's local part hold an apostrophe (o'neil@...), and goes with the NLP
recognisers of issue 16 (libphonenumber, python-stdnum, addresses and names per language).
"""

import re

RULES_VERSION = "rules-3"

EMAIL_LABEL, PHONE_LABEL = "EMAIL", "PHONE"

# NOTE: letters and digits of any script except CJK, kana, hangul and full-width forms: in
# Japanese or Chinese text an address is glued to the words around it
# ("メールはtaro@example.jpです").
_NOT_CJK = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_LOCAL = rf"(?:[^\W{_NOT_CJK}]|[.%+'-])"
_DOMAIN = rf"[^\W_{_NOT_CJK}]"
_TLD = rf"[^\W\d_{_NOT_CJK}]"
EMAIL = re.compile(
    rf"(?<!{_LOCAL}){_LOCAL}+@(?:{_DOMAIN}(?:(?:{_DOMAIN}|-){{0,61}}{_DOMAIN})?\.)+{_TLD}{{2,}}"
    rf"(?!{_DOMAIN}|-)"
)

# A phone number: optional +country code or leading 0/(0), then 7+ digits grouped by spaces,
# dots, dashes or brackets. Years, dates and small numbers stay (fewer than 7 digits).
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)?(?:\(?\d{1,4}\)?[\s.\-/]?){1,2}\d(?:[\s.\-/]?\d){5,13}(?![\w])",
    re.UNICODE,
)
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")

_SEP = r"[\s.\-\u00a0]?"
# Numbers in the national and international formats, also glued to non-Latin text.
PHONE_FORMATS = re.compile(
    r"(?<![A-Za-z0-9_+/.,-])(?:"
    # International: +33 6 12 34 56 78, +44 (0)20 7946 0958, 0044 20..., +1 (617) 555-0142
    rf"(?:\+|00)\d{{1,3}}{_SEP}(?:\(0\){_SEP})?(?:\(?\d{{1,5}}\)?{_SEP}){{1,6}}\d{{2,5}}"
    # National: 06 12 34 56 78, 020 7946 0958, (617) 555-0142, (11) 91234-5678, 090-1234-5678
    rf"|\(?\d{{2,5}}\)?{_SEP}(?:\d{{2,5}}{_SEP}){{1,4}}\d{{2,5}}"
    r")(?![A-Za-z0-9_/])"
)
# Words just before a number that make it a phone number even when it is short.
PHONE_CUE = re.compile(
    r"(?i)(?:t[ée]l(?:[ée]phone)?|phone|mobile|portable|cell|call|appel(?:er|ez|é)?|"
    r"numéro|number|whatsapp|sms|text(?:ed)?|fax|ligne)\W{0,3}(?:\w+\W+){0,3}$"
)
SHORT_PHONE = re.compile(r"(?<![\w+])\d{3}[-.\s]\d{4}(?![\w])")
# Each phone pattern needs six digits (``\d``) or more: a text with fewer holds no phone number,
# and one without "@" no e-mail address (the patterns are not run: most stories have neither).
_DIGIT = re.compile(r"\d")
_PHONE_MIN_DIGITS = 6


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _cued(text: str, start: int) -> bool:
    return bool(PHONE_CUE.search(text[max(0, start - 40) : start]))


def email_spans(text: str) -> list[tuple[int, int]]:
    if "@" not in text:
        return []
    return [(m.start(), m.end()) for m in EMAIL.finditer(text)]


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers: digit groups of a plausible length, or shorter ones after a cue word."""
    if len(_DIGIT.findall(text)) < _PHONE_MIN_DIGITS:
        return []
    spans = []
    for m in PHONE.finditer(text):
        found = m.group()
        if 7 <= _digits(found) <= 15 and not DATE_LIKE.match(found.strip()):
            spans.append((m.start(), m.end()))
    for m in PHONE_FORMATS.finditer(text):
        value = m.group().rstrip(" .-")
        digits = _digits(value)
        international = value.startswith(("+", "00"))
        plausible = (international and 8 <= digits <= 15) or (
            not international and 9 <= digits <= 13
        )
        if plausible or (digits >= 6 and _cued(text, m.start())):
            spans.append((m.start(), m.start() + len(value)))
    for m in SHORT_PHONE.finditer(text):
        if _cued(text, m.start()):
            spans.append((m.start(), m.end()))
    return spans


def rule_spans(text: str) -> list[tuple[int, int, str]]:
    """Every e-mail address and phone number of ``text``: (start, end, label), may overlap."""
    return [(s, e, EMAIL_LABEL) for s, e in email_spans(text)] + [
        (s, e, PHONE_LABEL) for s, e in phone_spans(text)
    ]


def redact(text: str) -> str:
    """The text with e-mail addresses and phone numbers replaced by typed placeholders."""
    if not text:
        return ""
    out, cursor = [], 0
    merged: list[list] = []
    for start, end, label in sorted(rule_spans(text), key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if label == EMAIL_LABEL:  # an address wins over the digits inside it
                last[2] = label
        else:
            merged.append([start, end, label])
    for start, end, label in merged:
        out.append(text[cursor:start])
        out.append(f"[{label}]")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
