"""Build the Japanese given-name and surname lists in kanji, ``nlp/data/names/ja.gimei.*.txt``.

Run once, by hand, when the lists should change, with the ``names.yml`` of the gimei package
(MIT licence, (c) 2015 nabetama; its wheel holds ``gimei/data/names.yml``):

    .venv/bin/python scripts/build_ja_name_lists.py path/to/gimei/data/names.yml

The output is committed with the licence (``nlp/data/names/LICENSE.gimei.txt``); gimei is not a
dependency and nothing reads it at run time. Faker's Japanese lists hold fifty names each;
gimei's hold some twelve thousand given names and five hundred surnames, with their readings.
Only names written wholly in kanji are kept in those lists (a name in kana, さくら, is also a
word); the hiragana readings of the given names go to ``ja.gimei.first.kana.txt``, which the
rules read only where a cue says a name is coming (のぞみと言ってもらえれば).
"""

import re
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "names"
KANJI = re.compile(r"^[\u4e00-\u9fff々]+$")
HEADER = (
    "# {kind} for ja, from gimei 0.2.3 names.yml (MIT licence, (c) 2015 nabetama, see "
    "LICENSE.gimei.txt); built by scripts/build_ja_name_lists.py. One name a line.\n"
)


def kanji_names(rows) -> list[str]:
    return sorted({row[0] for row in rows if row and KANJI.match(row[0])})


HIRAGANA = re.compile(r"^[ぁ-ゖー]{2,}$")


def readings(rows) -> list[str]:
    return sorted({row[1] for row in rows if len(row) > 1 and HIRAGANA.match(row[1])})


def main(path: str) -> None:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    first = kanji_names(data["first_name"]["male"] + data["first_name"]["female"])
    last = kanji_names(data["last_name"])
    kana = readings(data["first_name"]["male"] + data["first_name"]["female"])
    for kind, names, name in (
        ("given names", first, "first"),
        ("surnames", last, "last"),
        ("readings of given names", kana, "first.kana"),
    ):
        target = OUT / f"ja.gimei.{name}.txt"
        target.write_text(HEADER.format(kind=kind) + "\n".join(names) + "\n", encoding="utf-8")
        print(f"{target.name}: {len(names)} names")


if __name__ == "__main__":
    main(sys.argv[1])
