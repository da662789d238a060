"""Given names and surnames used by the name rules, read once per process.

- ``nlp/data/first_names.txt``: the hand-kept list (names of the programme's communities in every
  script; researchers may extend it).
- ``nlp/data/names/<lang>.first.txt`` and ``<lang>.last.txt``: lists derived once from Faker's
  locale data (MIT licence) by ``scripts/build_name_lists.py`` (``world.*.txt``: the communities'
  names, by ``scripts/build_world_name_lists.py``); ``ambiguous.txt``: the given names
  that are also common words ("Mark", "Pilar", "Dolores"), which count only with a surname, a
  title or a cue at the start of a sentence.
"""

import functools
import gzip
import json
from pathlib import Path

import spacy_lookups_data
from spacy.util import get_lang_class

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
NAMES_DIR = DATA_DIR / "names"
# Roles after a name and an article: "Grace, the midwife", "Sol, la trabajadora social".
ROLE_NOUNS = (
    r"midwife|nurse|doctor|gp|consultant|surgeon|interpreter|receptionist|carer|volunteer|"
    r"social worker|support worker|health visitor|chaplain|pharmacist|paramedic|"
    r"enfermera|enfermero|médica|médico|doctora|trabajadora social|trabajador social|matrona|"
    r"partera|intérprete|recepcionista|cuidadora|voluntaria|psicóloga|"
    r"enfermeira|enfermeiro|parteira|assistente social|agente de saúde|agente comunitária|"
    r"técnica|doula|sage-femme|infirmière|infirmier|interprète|aide-soignante|"
    r"hebamme|pflegerin|pfleger|ärztin|arzt|dolmetscherin|dolmetscher|sozialarbeiterin|"
    # Who else looks after someone in a Brazilian or Spanish-speaking clinic.
    r"psicólogo|fisioterapeuta|nutricionista|farmacêutica|farmacêutico|farmacéutica|"
    r"farmacéutico|dentista|técnico de enfermagem|técnica de enfermagem|auxiliar de enfermagem|"
    r"agente comunitária de saúde|agente comunitário|agente de saúde|promotora|maqueiro|"
    r"cuidadora|cuidador|physio|porter|health care assistant|healthcare assistant"
)


# "world": the names of the communities whose members tell stories in these languages (Turkish,
# Polish, Vietnamese, West African...), by ``scripts/build_world_name_lists.py``.
def split_words(text: str) -> list[str]:
    return text.split()


# Given names that are also ordinary words: at the start of a sentence they count only with a
# surname after them, a title or a cue.
AMBIGUOUS_NAMES = frozenset(
    split_words(
        """
    Will May June Grace Hope Faith Mark Bill Frank Patience Precious Blessing Line Jan Min
    Sunny Summer Guy Victoria Georgia Florence Chanel Dean Amber Holly Robin Mai Jun Ken Li
    Lee Sora Ren Duc Anh Jin Hoa Yan Joy Rose Mercy Christian Marine Claire Ali Ana Anna
    Eric Sky Ivy Lily Daisy Iris Olive Pearl Ruby Violet Dawn Crystal Destiny Angel
    Constance Prudence Victoire Aurore Lucas Sara Gita Asha Raj Rosa Andrea Nia Emi Mei Ling
    Hana Yui Ash Graça Glória Céu"""
    )
)
# ...and these are months, places or beliefs even in mid-sentence.
PLACE_OR_MONTH_NAMES = frozenset(
    split_words(
        """
    May June Jan Jun Mai Min Christian Victoria Georgia Florence Chanel Dean Line Sky Lee Li
    Marine Guy Paris Sydney Austin Dakota Brooklyn Israel India Asia Carolina Virginia Santiago
    Salvador Darwin Chelsea Phoenix Orlando Savannah Lincoln Jackson León Vitória Kent Devon
    Lorraine Sierra Sol Cielo Mar Luna Estrella Montserrat April Luz Paz Amor Cruz Mercedes
    Madison Regina August Ramadan Corona Asunción Concepción"""
    )
)

LIST_LANGUAGES = ("en", "fr", "pt", "es", "de", "ja", "world")


def _read(path: Path) -> set[str]:
    if not path.exists():
        return set()
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            names.update(line.split())
    return names


@functools.cache
def first_names() -> frozenset[str]:
    names = _read(DATA_DIR / "first_names.txt")
    for lang in LIST_LANGUAGES:
        names |= _read(NAMES_DIR / f"{lang}.first.txt")
    return frozenset(names)


@functools.cache
def surnames() -> frozenset[str]:
    names: set[str] = set()
    for lang in LIST_LANGUAGES:
        names |= _read(NAMES_DIR / f"{lang}.last.txt")
    return frozenset(names)


@functools.cache
def ambiguous_names() -> frozenset[str]:
    return frozenset(_read(NAMES_DIR / "ambiguous.txt"))


@functools.cache
def common_words(lang: str) -> frozenset[str]:
    """The word forms of a language's lemma table in spacy-lookups-data, lower-cased: "seu
    Cartão" is a possessive and a noun, "seu Tonho" a title and a name."""
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return frozenset(w.lower() for pair in table.items() for w in pair if isinstance(w, str))


WORD_LANGUAGES = ("pt", "es", "en", "fr", "de")


@functools.cache
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(get_lang_class(lang).Defaults.stop_words)


def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of the story's language (of all of ours when it is unknown)."""
    if language[:2] in WORD_LANGUAGES:
        return _stop_words(language[:2])
    return frozenset().union(*(_stop_words(lang) for lang in WORD_LANGUAGES))


def is_word(word: str, language: str) -> bool:
    """A word of the story's language (of any of ours when the language is unknown)."""
    langs = [language[:2]] if language[:2] in WORD_LANGUAGES else WORD_LANGUAGES
    word = word.lower()
    return any(word in common_words(lang) or word in _stop_words(lang) for lang in langs)
