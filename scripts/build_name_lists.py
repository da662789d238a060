"""Build the given-name and surname lists of ``nlp/data/names/`` from Faker's locale data.

Run once, by hand, when the lists should change: ``.venv/bin/python scripts/build_name_lists.py``.
The output is committed; nothing reads Faker at run time.

Source: the person providers of Faker (https://github.com/joke2k/faker, MIT licence), which
compile public name statistics (US Social Security baby names, UK ONS, Brazilian and German
name frequency lists, Spanish INE lists, Japanese name rankings...). We chose it over
names-dataset, whose lists are derived from the 2021 leak of Facebook users' data: see the
README, "Language processing per language".

Filtering: one word a line; names that are function words in any of our languages (spaCy's
stop words: "Para", "Will"...) are dropped, as are one-letter names. ``ambiguous.txt`` lists the
given names that are also common words: the lemma of three or more forms in the language's
spacy-lookups-data table ("Mark", "Grace", "Pilar"), plus ``EXTRA_AMBIGUOUS``.
"""

import gzip
import importlib
import json
import sys
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import spacy_lookups_data

OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "names"
LOCALES = {
    "en": ["en_US", "en_GB", "en_IE", "en_NZ", "en_IN"],
    "fr": ["fr_FR", "fr_CA"],
    "pt": ["pt_BR", "pt_PT"],
    "es": ["es_ES", "es_MX", "es_CO", "es_AR"],
    "de": ["de_DE", "de_AT", "de_CH"],
    "ja": ["ja_JP"],
}
FIRST_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_romanized_names")
LAST_ATTRS = ("last_names", "last_romanized_names")
# The lemma heuristic is used where it reads well (en, de); the Spanish and Portuguese tables
# hold many given names as lemmas (Bruno, Francisco), so those languages use the list alone.
LEMMA_HEURISTIC = {"en", "de"}
# Names the heuristic flags that stories use as names far more often than as words.
NOT_AMBIGUOUS = {"Bob", "Carol", "Harry", "Hector", "Peter", "Sally", "Mike", "Rick", "Veer"}
# Given names that are everyday words the lemma tables do not show as such.
EXTRA_AMBIGUOUS = {
    "es": "Dolores Luz Rosario Amparo Consuelo Socorro Paz Cruz Alba Amor Abril Esperanza Reyes "
    "Pilar Flor Franco Moreno Rico Modesto Severo Pastor Gallego Urbano Primitivo Amado Cándido "
    "Plácido Clemente Justo Leal Ángeles Nieves Soledad Remedios Milagros Salvador Domingo",
    "pt": "Luz Graça Glória Dores Neves Vitória Amor Paz Socorro Aurora Flor Clemente Justo "
    "Franco Modesto Salvador Domingos",
    "de": "Ernst Engel Mark Mai Kai Heide Christ Rosa Wolf August",
    "en": "April May June Will Summer Autumn Hope Faith Joy Dawn Destiny Rose Grace",
    "fr": "Guy Rose Marine Line Aurore Victoire Constance Prudence",
}


def _words(values) -> set[str]:
    if isinstance(values, dict):  # weighted lists: {name: weight}
        values = values.keys()
    out = set()
    for value in values:
        for word in str(value).replace("-", " ").split():
            if len(word) >= 2 or not word.isascii():
                out.add(word)
    return out


def _stop_words() -> set[str]:
    words: set[str] = set()
    for lang in ("en", "fr", "pt", "es", "de"):
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        words |= {w.lower() for w in module.STOP_WORDS}
    return words


def _collect(locales: list[str], attrs: tuple[str, ...]) -> set[str]:
    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            names |= _words(getattr(provider, attr, ()))
    return names


def _common_lemmas(lang: str) -> set[str]:
    """Lemmas of three or more forms in the language's lookup table (case kept for German)."""
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    fold = (lambda s: s) if lang == "de" else str.lower
    counts = Counter(fold(v) for v in table.values() if isinstance(v, str))
    return {word for word, n in counts.items() if n >= 3}


def _ambiguous(lang: str, names: list[str]) -> set[str]:
    if lang == "ja":
        return set()
    extra = set(EXTRA_AMBIGUOUS[lang].split())
    if lang not in LEMMA_HEURISTIC:
        return extra
    common = _common_lemmas(lang)
    fold = (lambda s: s) if lang == "de" else str.lower
    return ({n for n in names if fold(n) in common} - NOT_AMBIGUOUS) | extra


def main() -> int:
    stop = _stop_words()
    OUT.mkdir(parents=True, exist_ok=True)
    faker_version = version("faker")
    ambiguous: set[str] = set()
    for lang, locales in LOCALES.items():
        for kind, attrs in (("first", FIRST_ATTRS), ("last", LAST_ATTRS)):
            names = sorted(n for n in _collect(locales, attrs) if n.lower() not in stop)
            if kind == "first":
                ambiguous |= _ambiguous(lang, names)
            header = (
                f"# {kind} names for {lang}, from Faker {faker_version} ({', '.join(locales)}), "
                "MIT licence; built by scripts/build_name_lists.py. One name a line.\n"
            )
            (OUT / f"{lang}.{kind}.txt").write_text(
                header + "\n".join(names) + "\n", encoding="utf-8"
            )
            print(lang, kind, len(names))
    header = "# Given names that are also common words; built by scripts/build_name_lists.py.\n"
    (OUT / "ambiguous.txt").write_text(header + "\n".join(sorted(ambiguous)) + "\n", "utf-8")
    print("ambiguous", len(ambiguous))
    return 0


if __name__ == "__main__":
    sys.exit(main())
