"""Redaction of direct identifiers into typed placeholders, with an offset map.

Person names come from spaCy's NER where a model is installed (French) and from rules in every
language: titles (Dr, Mme, Mr...), cues ("je m'appelle", "my name is"...), a gazetteer of given
names (``nlp/data/first_names.txt``) and the propagation of every name found to its other
mentions. E-mail addresses, phone numbers, street addresses and identity numbers are rules.

The result keeps, for each replacement, its offsets in the original and in the research copy, so
that an offset on the research copy (where coding happens) maps back and forth. Offsets are
Python string indices, that is Unicode code points, end exclusive.
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

PERSON, EMAIL, PHONE, ADDRESS, ID = "PERSON", "EMAIL", "PHONE", "ADDRESS", "ID"
LABELS = (PERSON, EMAIL, PHONE, ADDRESS, ID)
# When two candidate spans overlap, the merged span takes the label that ranks higher.
PRIORITY = {EMAIL: 5, ID: 4, PHONE: 3, ADDRESS: 2, PERSON: 1}
RULES_VERSION = "rules-1"

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    label: str
    new_start: int
    new_end: int

    def as_list(self) -> list:
        return [self.start, self.end, self.label, self.new_start, self.new_end]


@dataclass
class RedactionResult:
    text: str
    replacements: list[Replacement] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(LABELS, 0)
        for r in self.replacements:
            out[r.label] += 1
        return out

    def offset_map(self) -> list[list]:
        return [r.as_list() for r in self.replacements]


def to_research_offset(offset_map: list[list], offset: int) -> int:
    """An offset in the original text -> the offset in the research copy.

    An offset inside a redacted span maps to the start of its placeholder (a start) — callers
    that map an end use ``to_research_end``.
    """
    shift = 0
    for start, end, _label, new_start, new_end in offset_map:
        if offset < start:
            break
        if offset < end:
            return new_start
        shift = new_end - end
    return offset + shift


def to_research_end(offset_map: list[list], offset: int) -> int:
    shift = 0
    for start, end, _label, _new_start, new_end in offset_map:
        if offset <= start:
            break
        if offset < end:
            return new_end
        shift = new_end - end
    return offset + shift


def to_original_offset(offset_map: list[list], offset: int) -> int:
    """An offset in the research copy -> the offset in the original text."""
    shift = 0
    for start, end, _label, new_start, new_end in offset_map:
        if offset < new_start:
            break
        if offset < new_end:
            return start
        shift = end - new_end
    return offset + shift


# -- data ---------------------------------------------------------------------------------------


@functools.cache
def first_names() -> frozenset[str]:
    names = set()
    for line in (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        names.update(line.split())
    return frozenset(names)


def _words(text: str) -> list[str]:
    return text.split()


# Given names that are also ordinary words: at the start of a sentence they count only with a
# surname after them, a title or a cue.
AMBIGUOUS_NAMES = frozenset(
    _words(
        """
    Will May June Grace Hope Faith Mark Bill Frank Patience Precious Blessing Line Jan Min
    Sunny Summer Guy Victoria Georgia Florence Chanel Dean Amber Holly Robin Mai Jun Ken Li
    Lee Sora Ren Duc Anh Jin Hoa Yan Joy Rose Mercy Christian Marine Claire Ali Ana Anna
    Eric Sky Ivy Lily Daisy Iris Olive Pearl Ruby Violet Dawn Crystal Destiny Angel
    Constance Prudence Victoire Aurore Lucas Sara Gita Asha Raj Rosa Andrea Nia Emi Mei Ling
    Hana Yui"""
    )
)
# ...and these are months, places or beliefs even in mid-sentence.
PLACE_OR_MONTH_NAMES = frozenset(
    _words(
        """
    May June Jan Jun Mai Min Christian Victoria Georgia Florence Chanel Dean Line Sky Lee Li
    Marine Guy"""
    )
)
PLACE_PREFIXES = frozenset({"São", "Sao", "Santo", "Santa", "San", "Saint", "Sainte", "St", "Ste"})

# Capitalised words that are never part of a name (sentence starts, places, institutions...).
STOP_WORDS = frozenset(
    _words(
        """
    I A An The This That These Those My Your His Her Our Their We You He She It They Me Le
    La Les Un Une Des Ce Cette Ces Mon Ma Mes Son Sa Ses Notre Nos Leur Leurs Je Tu Il Elle
    On Nous Vous Ils Elles Et Mais Ou Donc Or Ni Car Quand Alors Puis Après Avant Depuis
    Pendant Aujourd Hier Demain And But Or So When Then After Before Since During Today
    Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April August September October November December Lundi Mardi Mercredi Jeudi
    Vendredi Samedi Dimanche Janvier Février Mars Avril Juin Juillet Août Septembre Octobre
    Novembre Décembre Hospital Hôpital Clinic Clinique Centre Center Health Santé Service
    Services Ward Unit University Université Street Road Avenue Rue Boulevard Place NHS GP
    CHU CHR SAMU PMI CMP Urgences Emergency Department Trust Foundation Association Black
    White Asian British French English American African Caribbean Indian Pakistani Muslim
    Jewish Christian Catholic Deaf LGBTQ LGBT Pride Paris Lyon Marseille London Londres
    Manchester Birmingham Leeds Boston Chicago York New Atlanta Washington Berlin Madrid
    Tokyo Brazil Brésil France Japan Japon USA UK US Canada Germany Allemagne Spain Espagne
    Mexico Mexique Australia Australie Dieu God Oui Non Yes No Hello Bonjour Merci Thanks
    Dear Cher Chère Sir Madam Doctor Docteur Nurse Covid COVID Ramadan Noël Christmas Easter
    Pâques Internet Google Facebook Doctolib Medicare Medicaid Ameli Sécu Vitale Carte Type
    Diabetes Diabète Ehpad EHPAD"""
    )
)
ACRONYM_STOP = frozenset({"NHS", "CHU", "SAMU", "USA", "LGBTQ", "LGBT", "GP", "PMI", "CMP", "AME"})

TITLES = frozenset(
    _words(
        """
    M Mme Mmes Mlle Mr Mrs Ms Miss Mx Dr Dre Drs Pr Prof Pre Professeur Professor Docteur
    Doctor Doctora Doutor Doutora Dra Sr Sra Señor Señora Senhor Senhora Herr Frau Madame
    Monsieur Mademoiselle Maître Nurse Sister Sœur Father Père Dottore"""
    )
)
LOWER_TITLES = frozenset(
    _words(
        """
    docteur doctor professeur professor nurse infirmier infirmière madame monsieur
    mademoiselle midwife sage-femme kiné dentiste dentist consultant surgeon chirurgien
    chirurgienne pharmacien pharmacienne gynécologue psychiatre psychologue cardiologue
    pédiatre généraliste médecin doctora doutor doutora enfermera enfermeira"""
    )
)
PARTICLES = frozenset({"de", "du", "des", "van", "von", "der", "den", "da", "das", "do", "dos"})
PARTICLES |= {"di", "del", "della", "le", "la", "al", "el", "ben", "bin", "ibn", "bint", "y"}

# Cues after which the next capitalised words are a name whatever they are.
STRONG_CUES = [
    r"je m['’]appelle",
    r"il s['’]appelle",
    r"elle s['’]appelle",
    r"s['’]appelait",
    r"s['’]appelle",
    r"moi,? c['’]est",
    r"(?:appelée?|nommée?|prénommée?|surnommée?)",
    r"my name is",
    r"his name (?:is|was)",
    r"her name (?:is|was)",
    r"their name (?:is|was)",
    r"(?:called|named)",
    r"me llamo",
    r"mi nombre es",
    r"se llama",
    r"meu nome é",
    r"me chamo",
    r"se chama",
    r"chamad[ao]",
    r"ich heiße",
    r"mein name ist",
    r"signée?",
    r"signed",
]
# Cues after which the next word is a name only when it is a known given name.
WEAK_CUES = [r"je suis", r"i am", r"i['’]m", r"ich bin", r"eu sou", r"soy", r"c['’]est"]
# Relatives and carers, after which a capitalised word is a name ("ma fille Inès").
RELATIVE_CUES = [
    r"(?:mon|ma|notre|son|sa) (?:fils|fille|mari|femme|époux|épouse|compagnon|compagne|"
    r"conjoint|conjointe|frère|sœur|soeur|mère|père|grand-mère|grand-père|amie?|voisine?|"
    r"cousine?|neveu|nièce|tante|oncle|partenaire|aidante?|médecin|infirmière|infirmier|"
    r"généraliste|sage-femme|petite-fille|petit-fils|belle-mère|beau-père)",
    r"(?:my|our|his|her) (?:son|daughter|husband|wife|partner|brother|sister|mother|mum|mom|"
    r"father|dad|friend|neighbour|neighbor|cousin|nephew|niece|aunt|uncle|carer|caregiver|"
    r"grandmother|grandfather|grandson|granddaughter|girlfriend|boyfriend|fiancée?|gp|"
    r"doctor|nurse|midwife|consultant|social worker|support worker)",
    r"(?:meu|minha) (?:filho|filha|marido|esposa|irmão|irmã|mãe|pai|médico|médica)",
    r"(?:mi) (?:hijo|hija|marido|esposo|esposa|hermano|hermana|madre|padre|médico|médica)",
    r"(?:mein|meine) (?:sohn|tochter|mann|frau|bruder|schwester|mutter|vater|ärztin|arzt)",
]

_CUE_RE = re.compile(r"(?i)(?<!\w)(?:" + "|".join(STRONG_CUES + RELATIVE_CUES) + r")(?:,|\s)\s*$")
_WEAK_CUE_RE = re.compile(r"(?i)(?<!\w)(?:" + "|".join(WEAK_CUES) + r")\s+$")

# -- tokens -------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?:[lLdDjJmMnNsStTcC]|[qQ]u)['’](?=\w)"  # French elision: l' d' j' qu'
    r"|\w+(?:[-'’]\w+)*"
    r"|\S"
)
_POSSESSIVE_RE = re.compile(r"^(.+?)['’]s$")


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str


def _tokens(text: str) -> list[Tok]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        poss = _POSSESSIVE_RE.match(word)
        if poss and word[0].isupper():
            base = poss.group(1)
            out.append(Tok(m.start(), m.start() + len(base), base))
            out.append(Tok(m.start() + len(base), m.end(), word[len(base) :]))
        else:
            out.append(Tok(m.start(), m.end(), word))
    return out


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper() and any(c.isalpha() for c in word)


def _is_name_word(word: str, *, allow_caps: bool = True) -> bool:
    if not _is_cap(word) or word in STOP_WORDS or word in TITLES:
        return False
    if word.isupper() and len(word) > 1:
        return allow_caps and len(word) >= 3 and word not in ACRONYM_STOP
    return word[0].isalpha()


def _sentence_start(tokens: list[Tok], i: int, text: str) -> bool:
    if i == 0:
        return True
    prev = tokens[i - 1].text
    return prev in {".", "!", "?", "\n", "«", '"', "“", ":", "—", "–", "-", "(", "…"} or (
        "\n" in text[tokens[i - 1].end : tokens[i].start]
    )


def _extend_name(tokens: list[Tok], i: int, text: str) -> int:
    """From token ``i`` (a name word), the index after the last word of the full name."""
    j = i + 1
    while j < len(tokens):
        gap = text[tokens[j - 1].end : tokens[j].start]
        if gap not in (" ", "\u00a0"):
            break
        word = tokens[j].text
        if _is_name_word(word):
            j += 1
            continue
        if word.lower() in PARTICLES and j + 1 < len(tokens) and _is_name_word(tokens[j + 1].text):
            gap2 = text[tokens[j].end : tokens[j + 1].start]
            if gap2 == " ":
                j += 2
                continue
        elision = word in {"'", "’"} or (len(word) == 2 and word[1] in "'’" and word[0] in "dDlL")
        # d'Almeida: an elision starts a surname (O'Brien-like forms already are one token).
        if elision and j + 1 < len(tokens) and _is_name_word(tokens[j + 1].text):
            j += 2
            continue
        break
    return j


def _person_rule_spans(text: str, tokens: list[Tok]) -> list[tuple[int, int]]:
    names = first_names()
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        word = tok.text
        # 1. A title, with or without its full stop, then a capitalised name.
        if word in TITLES or word.lower() in LOWER_TITLES:
            j = i + 1
            if j < n and tokens[j].text == "." and word in TITLES:
                j += 1
            if (
                j < n
                and word.lower() in LOWER_TITLES
                and tokens[j].text == ","
                and j + 1 < n
                and tokens[j + 1].text in names
            ):
                j += 1
            # "le docteur de Villiers"
            k = j
            if k < n and tokens[k].text.lower() in PARTICLES and k + 1 < n:
                k += 1
            if (
                k < n
                and _is_name_word(tokens[k].text)
                and (word in TITLES or _is_cap(tokens[k].text))
            ):
                end = _extend_name(tokens, k, text)
                spans.append((tokens[j].start, tokens[end - 1].end))
                i = end
                continue
        # 2. A cue ("je m'appelle", "my daughter") then a capitalised word.
        if _is_name_word(word):
            before = text[max(0, tok.start - 40) : tok.start]
            strong = _CUE_RE.search(before)
            weak = _WEAK_CUE_RE.search(before) and word in names and word not in AMBIGUOUS_NAMES
            if strong or weak:
                end = _extend_name(tokens, i, text)
                spans.append((tok.start, tokens[end - 1].end))
                i = end
                continue
        # 3. A known given name, and the surname words after it.
        if word in names and _is_cap(word) and not (i and tokens[i - 1].text in PLACE_PREFIXES):
            end = _extend_name(tokens, i, text)
            has_surname = end > i + 1
            at_start = _sentence_start(tokens, i, text)
            if word in AMBIGUOUS_NAMES and not has_surname:
                accept = not at_start and word not in PLACE_OR_MONTH_NAMES
            else:
                accept = True
            if accept:
                spans.append((tok.start, tokens[end - 1].end))
                i = end
                continue
        i += 1
    return spans


_JA_NAME_RE = re.compile(
    r"([\u4e00-\u9fff\u30a0-\u30ff]{1,6})(?=さん|様|先生|医師|看護師|くん|ちゃん)"
)

# -- e-mails, phones, identifiers, addresses ---------------------------------------------------

# NOTE: ASCII classes, not \w: in Japanese text an address is glued to kana or kanji.
EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"(?![A-Za-z0-9-])"
)

_SEP = r"[\s.\-\u00a0]?"
PHONE_RE = re.compile(
    r"(?<![A-Za-z0-9_+/.,-])(?:"
    # International: +33 6 12 34 56 78, +44 (0)20 7946 0958, 0044 20..., +1 (617) 555-0142
    rf"(?:\+|00)\d{{1,3}}{_SEP}(?:\(0\){_SEP})?(?:\(?\d{{1,5}}\)?{_SEP}){{1,6}}\d{{2,5}}"
    # National: 06 12 34 56 78, 020 7946 0958, (617) 555-0142, (11) 91234-5678, 090-1234-5678
    rf"|\(?\d{{2,5}}\)?{_SEP}(?:\d{{2,5}}{_SEP}){{1,4}}\d{{2,5}}"
    r")(?![A-Za-z0-9_/])"
)
_PHONE_CUE_RE = re.compile(
    r"(?i)(?:t[ée]l(?:[ée]phone)?|phone|mobile|portable|cell|call|appel(?:er|ez|é)?|"
    r"numéro|number|whatsapp|sms|text(?:ed)?|fax|ligne)\W{0,3}(?:\w+\W+){0,3}$"
)
_SHORT_PHONE_RE = re.compile(r"(?<![\w+])\d{3}[-.\s]\d{4}(?![\w])")

ID_PATTERNS = [
    # French social security number (NIR), with or without its key.
    re.compile(
        r"(?<!\d)[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[ABab])"
        r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?!\d)"
    ),
    re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"),  # US SSN
    re.compile(r"(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)"),  # Brazilian CPF
    re.compile(r"(?<![A-Z])[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])"),
    # Record numbers with letters and digits: MRN-482193, IPP 00482193, RX48213
    # (two capitals and a space are a US state and ZIP code, an address: not here)
    re.compile(r"(?<![\w-])(?:[A-Z]{2,5}[-/]?|[A-Z]{3,5} )\d{5,12}(?![\w-])"),
]
_ID_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:nhs|sécu(?:rité sociale)?|carte vitale|ssn|social security|insurance|assuré|"
    r"patient|hospital|hôpital|dossier|mrn|ipp|cpf|cns|sus|rg|passport|passeport|medicare|"
    r"medicaid|versicherten\w*|identifiant|record|matricule|id)\W{0,4}(?:\w+\W{1,3}){0,4}$"
)
_ID_VALUE_RE = re.compile(r"(?<![\w])(?:[A-Z]{1,5}[-/]?)?\d[\d\s.\-/]{3,22}\d[A-Z]?(?![\w])")

_STREET_FR = (
    r"rue|avenue|av\.|boulevard|bd|allée|allées|impasse|place|chemin|quai|cours|route|square|"
    r"passage|cité|résidence|lotissement|voie|sentier|rond-point|faubourg|hameau|villa"
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
_FR_POSTCODE = rf"(?:,?\s+\d{{5}}\s+{_CAP}(?:[\s\-]{_CAP})*(?:\s+(?:Cedex|CEDEX)(?:\s+\d+)?)?)?"
ADDRESS_FR_RE = re.compile(
    rf"(?<![\w])\d{{1,4}}(?:\s?(?:bis|ter|[A-Ba-b]))?,?\s+(?:{_STREET_FR})\s+"
    rf"(?:(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’]|aux|au)\s*)?"
    rf"[\w'’\-]+(?:\s+(?:de la|de l['’]|des|du|de|d['’])?\s*{_CAP})*" + _FR_POSTCODE,
    re.IGNORECASE,
)
_STREET_EN = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Place|Pl|Court|Ct|"
    r"Crescent|Terrace|Gardens|Grove|Hill|Square|Row|Parkway|Pkwy|Highway|Hwy|Mews|Walk|Rise"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
ADDRESS_EN_RE = re.compile(
    rf"(?<![\w])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+\d+\w?,?\s+)?\d{{1,5}}[A-Za-z]?,?\s+"
    rf"(?:[A-Z][\w'’\-]*\s+){{1,4}}(?:{_STREET_EN})\b\.?"
    rf"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|#)\s*\d+\w?)?"
    rf"(?:,\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){{0,2}})?"
    rf"(?:,?\s+(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE}))?"
)
UK_POSTCODE_RE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})(?![\w])"
)
ADDRESS_IBERIAN_RE = re.compile(
    rf"(?<![\w])(?:Rua|Avenida|Av\.|Calle|C/|Travessa|Alameda|Praça|Plaza|Paseo|Carrer|Camino|"
    rf"Estrada|Largo|Ronda)\s+(?:{_CAP}|de|da|do|dos|das|del|la|los|las)"
    rf"(?:\s+(?:{_CAP}|de|da|do|dos|das|del|la|los|las)){{0,5}},?\s+(?:n[º°o]\.?\s*)?\d{{1,5}}"
    rf"(?:[\s,]+(?:apto\.?|ap\.?|piso|puerta|bloco)\s*\w+)?"
    rf"(?:,?\s+\d{{5}}(?:-\d{{3}})?)?"
)
ADDRESS_DE_RE = re.compile(
    r"(?<![\w])[A-ZÄÖÜ][\wäöüß\-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer)"
    r"\s+\d{1,4}[a-z]?(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß\-]*)?"
)


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _id_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in ID_PATTERNS:
        for m in pattern.finditer(text):
            value = m.group()
            if _digits(value) < 5:
                continue
            spans.append((m.start(), m.end()))
    # A number right after a cue ("NHS number 485 777 3456", "dossier n° 2019-44821").
    for m in _ID_VALUE_RE.finditer(text):
        value = m.group().rstrip(" .-/")
        if _digits(value) < 5:
            continue
        if _ID_CUE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            spans.append((m.start(), m.start() + len(value)))
    return spans


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in PHONE_RE.finditer(text):
        value = m.group().rstrip(" .-")
        digits = _digits(value)
        international = value.startswith(("+", "00"))
        plausible = (international and 8 <= digits <= 15) or (
            not international and 9 <= digits <= 13
        )
        cued = digits >= 6 and _PHONE_CUE_RE.search(text[max(0, m.start() - 40) : m.start()])
        if plausible or cued:
            spans.append((m.start(), m.start() + len(value)))
    for m in _SHORT_PHONE_RE.finditer(text):
        if _PHONE_CUE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            spans.append((m.start(), m.end()))
    return spans


def _address_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in (
        ADDRESS_FR_RE,
        ADDRESS_EN_RE,
        ADDRESS_IBERIAN_RE,
        ADDRESS_DE_RE,
        UK_POSTCODE_RE,
    ):
        for m in pattern.finditer(text):
            value = m.group().rstrip(" ,.")
            spans.append((m.start(), m.start() + len(value)))
    return spans


# -- people from the model -----------------------------------------------------------------------


def _ner_person_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    spans = []
    for ent in doc.ents:
        if ent.label_ not in {"PER", "PERSON"}:
            continue
        tokens = [t for t in ent if not t.is_punct]
        # The title stays readable for research: "docteur [PERSON]".
        while tokens and (tokens[0].text in TITLES or tokens[0].text.lower() in LOWER_TITLES):
            tokens = tokens[1:]
            if tokens and tokens[0].text == ".":
                tokens = tokens[1:]
        if not tokens or not any(_is_name_word(t.text) for t in tokens):
            continue
        if all(t.text in STOP_WORDS for t in tokens):
            continue
        spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return spans


# -- putting it together ------------------------------------------------------------------------


def _merge(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[list] = []
    for start, end, label in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if PRIORITY[label] > PRIORITY[last[2]]:
                last[2] = label
        else:
            merged.append([start, end, label])
    return [tuple(m) for m in merged]


def _propagate_names(text: str, tokens: list[Tok], person_spans: list[tuple[int, int]]):
    """Every other mention of a name already found ("Dr Okafor ... Okafor said")."""
    found = set()
    for start, end in person_spans:
        for tok in _tokens(text[start:end]):
            if _is_cap(tok.text) and len(tok.text) >= 3 and tok.text not in STOP_WORDS:
                found.add(tok.text)
    if not found:
        return []
    return [(t.start, t.end) for t in tokens if t.text in found]


def redact(text: str, *, doc: Doc | None = None, language: str = "") -> RedactionResult:
    """Replace direct identifiers in ``text`` with typed placeholders.

    ``doc`` is the spaCy Doc of ``text`` when a pipeline with NER ran on it (French).
    """
    tokens = _tokens(text)
    candidates: list[tuple[int, int, str]] = []
    candidates += [(m.start(), m.end(), EMAIL) for m in EMAIL_RE.finditer(text)]
    candidates += [(s, e, ID) for s, e in _id_spans(text)]
    candidates += [(s, e, PHONE) for s, e in _phone_spans(text)]
    candidates += [(s, e, ADDRESS) for s, e in _address_spans(text)]
    people = _person_rule_spans(text, tokens)
    if doc is not None:
        people += _ner_person_spans(doc, text)
    if language.startswith("ja") or _JA_NAME_RE.search(text):
        people += [(m.start(1), m.end(1)) for m in _JA_NAME_RE.finditer(text)]
    people += _propagate_names(text, tokens, people)
    candidates += [(s, e, PERSON) for s, e in people]

    out: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    position = 0
    for start, end, label in _merge(candidates):
        out.append(text[cursor:start])
        position += start - cursor
        placeholder = f"[{label}]"
        out.append(placeholder)
        replacements.append(Replacement(start, end, label, position, position + len(placeholder)))
        position += len(placeholder)
        cursor = end
    out.append(text[cursor:])
    return RedactionResult(text="".join(out), replacements=replacements)
