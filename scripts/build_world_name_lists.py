"""Build ``nlp/data/names/world.first.txt`` and ``world.last.txt``: given names and surnames of
the communities whose members tell their stories in our six languages (Turkish, Polish,
Romanian, Vietnamese, West and East African, Italian, Balkan, Filipino, Indonesian...), from
Faker's person providers (MIT licence), Latin-script locales only.

Run once, by hand, when the lists should change: ``.venv/bin/python
scripts/build_world_name_lists.py``. The output is committed; nothing reads Faker at run time.

These names are read in stories of every language, where a capitalised word is often an
ordinary word at the start of a sentence: a name is kept only when it has three letters or more
and no form of it is a word of the lookup tables of spacy-lookups-data for en, fr, pt, es and
de ("Long", "Can", "Son" and "Nam" are words; "Mehmet", "Wanjiru" and "Thuy" are not) nor a
stop word of those languages.
"""

import gzip
import importlib
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path

import spacy_lookups_data

OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "names"
LOCALES = [
    "tr_TR", "pl_PL", "ro_RO", "vi_VN", "tw_GH", "yo_NG", "ig_NG", "ha_NG", "en_NG", "en_KE",
    "en_PK", "sw", "zu_ZA", "it_IT", "hr_HR", "sl_SI", "cs_CZ", "sk_SK", "hu_HU", "az_AZ",
    "uz_UZ", "id_ID", "fr_DZ", "fr_BE", "fr_CH", "nl_NL", "nl_BE", "es_CL", "ga_IE", "lt_LT",
    "lv_LV", "et_EE", "fi_FI", "sv_SE", "no_NO", "da_DK", "en_TH",
]  # fmt: skip
FIRST_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_romanized_names")
LAST_ATTRS = ("last_names", "last_romanized_names")
LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-žǀ-ɏ'’]{2,}$")


def _words_of_our_languages() -> set[str]:
    words: set[str] = set()
    for lang in ("en", "fr", "pt", "es", "de"):
        path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        words |= {w.lower() for w in table}
        words |= {v.lower() for v in table.values() if isinstance(v, str)}
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        words |= {w.lower() for w in module.STOP_WORDS}
    return words


def _collect(attrs: tuple[str, ...]) -> set[str]:
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            values = getattr(provider, attr, ())
            if isinstance(values, property):
                continue
            values = values.keys() if isinstance(values, dict) else values
            for value in values:
                names.update(w for w in str(value).replace("-", " ").split() if LATIN_NAME.match(w))
    return names


def main() -> int:
    words = _words_of_our_languages()
    for kind, attrs in (("first", FIRST_ATTRS), ("last", LAST_ATTRS)):
        names = sorted(n for n in _collect(attrs) if n.lower() not in words)
        header = (
            f"# {kind} names of the communities, from Faker {version('faker')} "
            f"({', '.join(LOCALES)}), MIT licence; built by scripts/build_world_name_lists.py. "
            "One name a line.\n"
        )
        (OUT / f"world.{kind}.txt").write_text(header + "\n".join(names) + "\n", encoding="utf-8")
        print("world", kind, len(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
