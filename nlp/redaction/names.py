"""Person names, by rules in every language and from spaCy's NER where a model is installed.

Rules: titles (Dr, Mme, Mr, Sr./Sra., Herr/Frau...), cues ("je m'appelle", "my name is",
"me llamo"...), lists of given names (``nlp.redaction.name_lists``), signatures and closing
formulas (``nlp.redaction.signatures``), Japanese part-of-speech tags and honorifics
(``nlp.redaction.japanese``), and the propagation of every name found to its other mentions.
"""

import re
from typing import NamedTuple

from spacy.tokens import Doc

from nlp.redaction.name_cue_lists import RELATIVE_CUES, STRONG_CUES, WEAK_CUES
from nlp.redaction.name_lists import (
    AMBIGUOUS_NAMES,
    PLACE_OR_MONTH_NAMES,
    ROLE_NOUNS,
    ambiguous_names,
    common_words,
    first_names,
    is_word,
    split_words,
)

PLACE_PREFIXES = frozenset({"São", "Sao", "Santo", "Santa", "San", "Saint", "Sainte", "St", "Ste"})
# Neighbourhoods named after a person: "Vila Madalena", "Jardim Helena".
PLACE_PREFIXES |= {"Vila", "Villa", "Jardim", "Bairro", "Colonia", "Col", "Virgen"}

# Capitalised words that are never part of a name (sentence starts, places, institutions...).
STOP_WORDS = frozenset(
    split_words(
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
    Diabetes Diabète Ehpad EHPAD Clínica Klinik Krankenhaus Praxis Centro Santa Casa
    Universidad Universidade Seguro Social IMSS ISSSTE SUS UBS UPA Krankenkasse AOK Dios Deus
    Gott Virgen Hola Olá Hallo Gracias Obrigado Obrigada Danke Querida Querido Liebe Lieber
    Estimada Estimado Prezada Prezado Madrid Barcelona Sevilla Valencia Ciudad México
    Guadalajara Monterrey Rio Janeiro Brasil Bahia Recife Salvador Berlin München Hamburg Köln
    Frankfurt Toronto Montréal Montreal Québec Vancouver Sydney Melbourne Brisbane Perth
    Osaka Kyoto Mum Mom Dad Mama Papa Mamá Papá Mãe Pai Mutti Vati Oma Opa Grandma Grandpa
    Nan Nana Vovó Vovô Abuela Abuelo Family Familia Família Everyone Todos Alle Tous End Fin
    Ende Fim Team Equipe Equipo Reader Readers Diary Friends All Colleagues Doctors Thanks
    Help Never Always Numéro Número Nummer Number Medical Memorial General Regional Klinikum
    Institut Instituto Hospitalar Sanatorium
    Jamaican Nigerian Ghanaian Somali Kenyan Ethiopian Eritrean Sudanese Congolese Cameroonian
    Senegalese Zimbabwean Ugandan Haitian Mexican Brazilian Colombian Venezuelan Peruvian
    Bolivian Cuban Dominican Filipino Filipina Vietnamese Chinese Japanese Korean Bangladeshi
    Nepali Afghan Iranian Iraqi Syrian Turkish Kurdish Polish Romanian Ukrainian Russian
    Albanian Irish Scottish Welsh Italian Spanish Portuguese German Greek Moroccan Algerian
    Egyptian Lebanese Palestinian Arab Māori Maori Aboriginal Samoan Tongan Fijian
    Att Atte Roja Vermelha O Os As Um Uma Una"""
    )
)
ACRONYM_STOP = frozenset({"NHS", "CHU", "SAMU", "USA", "LGBTQ", "LGBT", "GP", "PMI", "CMP", "AME"})

TITLES = frozenset(
    split_words(
        """
    M Mme Mmes Mlle Mr Mrs Ms Miss Mx Dr Dre Drs Pr Prof Pre Professeur Professor Docteur
    Doctor Doctora Doutor Doutora Dra Sr Sra Señor Señora Senhor Senhora Herr Frau Madame
    Monsieur Mademoiselle Maître Nurse Sister Sœur Father Père Dottore Srta Sres Dña Doña
    Dona Don Lic Licenciada Licenciado Ing Schwester Pfleger Pflegerin Doktor Dott Enfermera
    Enfermero Enfermeira Enfermeiro Enf Mister Mistress Madam Ms. Dres
    Auntie Aunty Uncle Tia Tio Tía Tío Seu Tata Tatie Tonton Doc
    Drª Dª Profª Profa Srª Mtra Mtro Rev Revd Ña Ño Tita"""
    )
)
# Roles written before a name ("a fisioterapeuta Wesley", "the porter Winston"): no particle and
# no acronym after them ("a professora da USP" is where she teaches).
ROLE_TITLES = frozenset(
    split_words(
        """
    pharmacist porter registrar locum paramedic physio receptionist interpreter
    professora fisioterapeuta fonoaudióloga fonoaudiólogo parteira cacique pajé atendente
    recepcionista supervisora residente técnica nutricionista psicóloga psicólogo
    matrona pediatra celadora celador promotora cuidadora
    doula maqueiro maqueira porteiro cuidador farmacêutica farmacêutico dentista obstetra
    ginecologista psiquiatra enfermeira-chefe"""
    )
)
LOWER_TITLES = ROLE_TITLES | frozenset(
    split_words(
        """
    docteur doctor professeur professor nurse infirmier infirmière madame monsieur
    mademoiselle midwife sage-femme kiné dentiste dentist consultant surgeon chirurgien
    chirurgienne pharmacien pharmacienne gynécologue psychiatre psychologue cardiologue
    pédiatre généraliste médecin doctora doutor doutora enfermera enfermeira enfermero
    enfermeiro señora señor senhora senhor doña dona doktor ärztin arzt paciente pastor pastora
    licenciada licenciado pfarrer pfarrerin seu tia tio tía tío"""
    )
)
DEGREE_FIELDS = frozenset({"med", "dent", "vet", "phil", "rer", "nat", "jur", "habil"})
PARTICLES = frozenset({"de", "du", "des", "van", "von", "der", "den", "da", "das", "do", "dos"})
PARTICLES |= {"di", "del", "della", "le", "la", "al", "el", "ben", "bin", "ibn", "bint", "y"}
# The second word of a two-word particle: "de la", "de los", "van der", "von der".
_SECOND_PARTICLES = frozenset({"la", "las", "los", "der", "den"})

# "Ruby, my sister, ..." / "Pilar, mi vecina": a relative or role right after the name; or an
# article and a role: "Grace, the midwife", "Sol, la trabajadora social", "Rosa, a enfermeira".
_APPOSITION_RE = re.compile(
    r",\s+(?:(?:my|our|his|her|their|mi|mis|su|nuestra|nuestro|minha|meu|sua|seu|nossa|nosso|"
    r"ma|mon|sa|son|notre|meine|mein|unsere|unser|seine|ihre)\s|"
    r"(?:the|la|el|a|o|le|l['’]|die|der|unsere?|una?|um|uma|une?|eine?)\s?(?:[\w\-]+\s)?"
    rf"(?:{ROLE_NOUNS})\b)",
    re.IGNORECASE,
)
_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:" + "|".join(STRONG_CUES + RELATIVE_CUES) + r")(?:[,:]|\s)\s*$"
)
_WEAK_CUE_RE = re.compile(r"(?i)(?<!\w)(?:" + "|".join(WEAK_CUES) + r")\s+$")

# -- tokens -------------------------------------------------------------------------------------

# Japanese and Chinese characters make words of their own: "Yamamotoです" is a name and a copula.
_CJK = "\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
_LATIN_WORD = rf"[^\W{_CJK}]+"
_TOKEN_RE = re.compile(
    r"(?:[lLdDjJmMnNsStTcC]|[qQ]u)['’](?=\w)"  # French elision: l' d' j' qu'
    rf"|{_LATIN_WORD}(?:[-'’]{_LATIN_WORD})*"
    rf"|[{_CJK}]+"
    r"|\S"
)
_POSSESSIVE_RE = re.compile(r"^(.+?)['’]s$")


class Tok(NamedTuple):
    """A word or a sign of the text (a tuple: made for every token of every story, cheaply)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Tok]:
    if "'s" not in text and "’s" not in text:  # no possessive: no Python-level Tok.__new__
        return [tuple.__new__(Tok, (*m.span(), m.group())) for m in _TOKEN_RE.finditer(text)]
    out = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        poss = word[0].isupper() and _POSSESSIVE_RE.match(word)
        base = poss.group(1) if poss else word
        out.append(Tok(m.start(), m.start() + len(base), base))
        if poss:
            out.append(Tok(m.start() + len(base), m.end(), word[len(base) :]))
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
            # "Vânia R. Couto": an initial and its full stop inside the name.
            if (
                len(word) == 1
                and j + 1 < len(tokens)
                and tokens[j].text == "."
                and tokens[j].start == tokens[j - 1].end
                and text[tokens[j].end : tokens[j + 1].start] == " "
                and _is_name_word(tokens[j + 1].text)
            ):
                j += 1
            continue
        if word.lower() in PARTICLES and j + 1 < len(tokens) and _is_name_word(tokens[j + 1].text):
            gap2 = text[tokens[j].end : tokens[j + 1].start]
            if gap2 == " ":
                j += 2
                continue
        # Two particles: "Juan Carlos de la Fuente", "Pedro de los Santos", "van der Berg".
        if (
            word.lower() in {"de", "van", "von"}
            and j + 2 < len(tokens)
            and tokens[j + 1].text.lower() in _SECOND_PARTICLES
            and text[tokens[j].end : tokens[j + 1].start] == " "
            and text[tokens[j + 1].end : tokens[j + 2].start] == " "
            and _is_name_word(tokens[j + 2].text)
        ):
            j += 3
            continue
        elision = word in {"'", "’"} or (len(word) == 2 and word[1] in "'’" and word[0] in "dDlL")
        # d'Almeida: an elision starts a surname (O'Brien-like forms already are one token).
        if elision and j + 1 < len(tokens) and _is_name_word(tokens[j + 1].text):
            j += 2
            continue
        break
    return j


def _ambiguous(word: str) -> bool:
    return word in AMBIGUOUS_NAMES or word in PLACE_OR_MONTH_NAMES or word in ambiguous_names()


def _ambiguous_accepted(word: str, at_start: bool, text: str, end: int) -> bool:
    """An ambiguous given name alone: mid-sentence (not a place or month), or with a relative
    right after it ("Ruby, my sister")."""
    mid_sentence = not at_start and word not in PLACE_OR_MONTH_NAMES
    return mid_sentence or bool(_APPOSITION_RE.match(text, end))


def _possessed(word: str) -> bool:
    """After "seu": a noun or an acronym is what is owned ("seu Cartão", "seu RNM"), not a name."""
    return word.isupper() or word.lower() in common_words("pt")


def _after_place_prefix(tokens: list[Tok], i: int) -> bool:
    """ "São Paulo", "St. Ambrose": a saint's or a place's name, not a person's."""
    if i and tokens[i - 1].text in PLACE_PREFIXES:
        return True
    # "Virgen del Rocío", "Santa Maria da Glória": a particle between the prefix and the name.
    if i > 1 and tokens[i - 1].text in {"del", "de", "da", "do"}:
        return tokens[i - 2].text in PLACE_PREFIXES
    return i > 1 and tokens[i - 1].text == "." and tokens[i - 2].text in PLACE_PREFIXES


def _after_title(tokens: list[Tok], i: int, text: str, names) -> tuple[int, int] | None:
    """(first name token, end) of the name after the title at ``i``, if one follows."""
    n = len(tokens)
    word = tokens[i].text
    j = i + 1
    if j < n and tokens[j].text == "." and word in TITLES:
        j += 1
    # "Dr. med. Schulz", "Dr. rer. nat. Vogel": the degree's field is not the name.
    while j + 1 < n and tokens[j].text in DEGREE_FIELDS and tokens[j + 1].text == ".":
        j += 2
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
    role = word.lower() in ROLE_TITLES
    if k < n and tokens[k].text.lower() in PARTICLES and k + 1 < n and not role:
        k += 1
    if (
        k < n
        and _is_name_word(tokens[k].text, allow_caps=not role)
        and (word in TITLES or _is_cap(tokens[k].text))
        and not (word.lower() == "seu" and _possessed(tokens[k].text))
    ):
        return j, _extend_name(tokens, k, text)
    return None


def _month_name_after_cue(tokens: list[Tok], i: int, text: str) -> bool:
    word = tokens[i].text
    if word not in PLACE_OR_MONTH_NAMES or not _is_cap(word):
        return False
    after = text[tokens[i].end : tokens[i].end + 3]
    return not re.match(r"\s?\d", after) and bool(
        _CUE_RE.search(text[max(0, tokens[i].start - 40) : tokens[i].start])
    )


def person_rule_spans(text: str, tokens: list[Tok]) -> list[tuple[int, int]]:
    names = first_names()
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        word = tok.text
        # NOTE: a word without a capital can only be a title (rules 2 and 3 need a capital):
        # most words, so they are passed here at once.
        if not word[0].isupper() and word not in TITLES and word.lower() not in LOWER_TITLES:
            i += 1
            continue
        # 1. A title, with or without its full stop, then a capitalised name.
        # "Nossa Senhora da Glória", "Nuestra Señora de la Luz": the Virgin, not a patient.
        devotion = i and tokens[i - 1].text in {"Nossa", "Nuestra"}
        if (word in TITLES or word.lower() in LOWER_TITLES) and not devotion:
            found = _after_title(tokens, i, text, names)
            if found is not None:
                j, end = found
                spans.append((tokens[j].start, tokens[end - 1].end))
                i = end
                continue
        # 2. A cue ("je m'appelle", "my daughter") then a capitalised word; a name that is
        # also a month or a place only right after a strong cue ("my daughter, April, ...").
        if _is_name_word(word) or _month_name_after_cue(tokens, i, text):
            before = text[max(0, tok.start - 40) : tok.start]
            strong = _CUE_RE.search(before)
            weak = word in names and not _ambiguous(word) and _WEAK_CUE_RE.search(before)
            if strong or weak:
                end = _extend_name(tokens, i, text)
                spans.append((tok.start, tokens[end - 1].end))
                i = end
                continue
        # 3. A known given name, and the surname words after it.
        if (
            word in names
            and _is_cap(word)
            and word not in STOP_WORDS
            and not _after_place_prefix(tokens, i)
        ):
            end = _extend_name(tokens, i, text)
            has_surname = end > i + 1
            at_start = _sentence_start(tokens, i, text)
            if not (_ambiguous(word) and not has_surname) or _ambiguous_accepted(
                word, at_start, text, tokens[end - 1].end
            ):
                spans.append((tok.start, tokens[end - 1].end))
                i = end
                continue
        i += 1
    return spans


JA_NAME_RE = re.compile(
    r"([\u4e00-\u9fff\u30a0-\u30ff]{1,6})(?=さん|様|先生|医師|看護師|くん|ちゃん)"
)


def _common_word(word: str, lang: str) -> bool:
    if word in first_names() and not _ambiguous(word):
        return False
    # French adverbs in -ment (Heureusement, Malheureusement) are not all in the lemma table.
    adverb = lang.startswith("fr") and word.lower().endswith("ement") and len(word) > 7
    return adverb or is_word(word, lang) or word in PLACE_OR_MONTH_NAMES


def ner_person_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
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
        # "Sinon, ...", "Heureusement, ...": one word of the language that is no given name.
        if len(tokens) == 1 and _common_word(tokens[0].text, doc.lang_):
            continue
        spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return spans


def propagate_names(text: str, tokens: list[Tok], person_spans: list[tuple[int, int]]):
    """Every other mention of a name already found ("Dr Okafor ... Okafor said")."""
    found = set()
    for start, end in person_spans:
        for tok in tokenize(text[start:end]):
            if _is_cap(tok.text) and len(tok.text) >= 3 and tok.text not in STOP_WORDS:
                found.add(tok.text)
    if not found:
        return []
    return [(t.start, t.end) for t in tokens if t.text in found]
