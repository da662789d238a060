"""The labelled sets of issue 16 (point 3) for Brazilian Portuguese, Spanish and German follow the
format in ``tests/data/labelled`` and carry what the evaluation needs: 40+ stories, a dev and a
held-out half each covering every theme and sub-code, consistent spans and valid ID numbers."""

import collections
import importlib.util
import json
import re
from pathlib import Path

import phonenumbers
import pytest
from stdnum import luhn
from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.mx import curp

from coding.default_codebook import SUB_CODES, THEMES

DATA = Path(__file__).resolve().parent.parent / "data" / "labelled"
LANGS = ("pt", "es", "de")
LABELS = {"PERSON", "PHONE", "EMAIL", "ADDRESS", "ID"}
THEME_KEYS = set(THEMES)
PARENT = {key: parent for parent, key, *_ in SUB_CODES}
MINIMUM = {"PHONE": 8, "EMAIL": 5, "ADDRESS": 6, "ID": 6}
# Where a telephone number is dialled from when it has no country code.
PHONE_REGIONS = {"pt": ("BR",), "es": ("ES", "MX"), "de": ("DE",)}
TITLE = re.compile(r"^(Dr|Dra|Sr|Sra|Don|Doña|Dona|Seu|Herr|Frau|Prof)\b\.?", re.IGNORECASE)


def _rows(lang: str) -> list[dict]:
    with open(DATA / f"{lang}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _cns_is_valid(number: str) -> bool:
    """Brazil's Cartão Nacional de Saúde: 15 digits, weights 15..1, sum divisible by 11."""
    digits = re.sub(r"\D", "", number)
    if len(digits) != 15 or digits[0] not in "12789":
        return False
    return sum(int(d) * (15 - i) for i, d in enumerate(digits)) % 11 == 0


def _kvnr_is_valid(number: str) -> bool:
    """Germany's Krankenversichertennummer: a letter (01-26), 8 digits and a check digit
    (weights 1, 2 alternating over the 10 digits, cross sums of the products, modulo 10)."""
    if not re.fullmatch(r"[A-Z]\d{9}", number):
        return False
    digits = f"{ord(number[0]) - 64:02d}" + number[1:9]
    total = 0
    for i, d in enumerate(digits):
        product = int(d) * (1 if i % 2 == 0 else 2)
        total += product // 10 + product % 10
    return total % 10 == int(number[9])


def _mx_nss_is_valid(number: str) -> bool:
    """Mexico's IMSS número de seguridad social: 11 digits, the last a Luhn check digit."""
    digits = re.sub(r"\D", "", number)
    return len(digits) == 11 and luhn.is_valid(digits)


ID_CHECKS = {
    "pt": (cpf.is_valid, _cns_is_valid),
    "es": (dni.is_valid, nie.is_valid, curp.is_valid, _mx_nss_is_valid),
    "de": (idnr.is_valid, _kvnr_is_valid),
}


@pytest.fixture(scope="module", params=LANGS)
def labelled(request):
    return request.param, _rows(request.param)


def test_the_sources_rebuild_to_the_committed_files():
    spec = importlib.util.spec_from_file_location("build", DATA / "build_from_markup.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for lang in LANGS:
        source = (DATA / "src" / f"{lang}.txt").read_text(encoding="utf-8")
        expected = (DATA / f"{lang}.jsonl").read_text(encoding="utf-8")
        assert build.render(build.build_rows(lang, source)) == expected, lang


def test_ids_language_and_split(labelled):
    lang, rows = labelled
    assert len(rows) >= 40
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert ids == [f"{lang}-{n:03d}" for n in range(1, len(rows) + 1)]
    assert {r["language"] for r in rows} == {lang}
    assert [r["split"] for r in rows[:20]] == ["dev"] * 20
    assert [r["split"] for r in rows[20:52]] == ["heldout"] * 32
    assert {r["split"] for r in rows[52:]} <= {"dev"}


def test_spans_are_consistent(labelled):
    _, rows = labelled
    for row in rows:
        text, end_of_last = row["text"], 0
        for span in row["spans"]:
            assert span["label"] in LABELS, (row["id"], span)
            assert 0 <= span["start"] < span["end"] <= len(text), (row["id"], span)
            assert text[span["start"] : span["end"]] == span["text"], (row["id"], span)
            assert span["text"] == span["text"].strip(), (row["id"], span)
            assert span["start"] >= end_of_last, f"{row['id']}: spans overlap or are unsorted"
            end_of_last = span["end"]


def test_person_spans_hold_the_name_without_a_title(labelled):
    _, rows = labelled
    for row in rows:
        for span in row["spans"]:
            if span["label"] == "PERSON":
                assert not TITLE.match(span["text"]), (row["id"], span["text"])


def test_word_counts_vary_between_50_and_600(labelled):
    _, rows = labelled
    counts = [len(r["text"].split()) for r in rows]
    assert all(50 <= n <= 600 for n in counts), counts
    assert sum(n <= 100 for n in counts) >= 4
    assert sum(150 <= n <= 300 for n in counts) >= 15
    assert sum(n >= 380 for n in counts) >= 3


def test_codes_exist_and_sub_codes_carry_their_theme(labelled):
    _, rows = labelled
    for row in rows:
        codes = row["codes"]
        assert 1 <= len(codes) == len(set(codes)), row["id"]
        for code in codes:
            assert code in THEME_KEYS or code in PARENT, (row["id"], code)
            if code in PARENT:
                assert PARENT[code] in codes, (row["id"], code)


def test_each_half_covers_every_theme_and_sub_code_twice(labelled):
    _, rows = labelled
    for split in ("dev", "heldout"):
        counts = collections.Counter(
            code for r in rows if r["split"] == split for code in r["codes"]
        )
        for code in THEME_KEYS | set(PARENT):
            assert counts[code] >= 2, (split, code, counts[code])


def test_identifier_counts(labelled):
    _, rows = labelled
    counts = collections.Counter(s["label"] for r in rows for s in r["spans"])
    for label, minimum in MINIMUM.items():
        assert counts[label] >= minimum, (label, counts[label])
    with_identifier = sum(any(s["label"] != "PERSON" for s in r["spans"]) for r in rows)
    # About a third to a half of the stories carry a non-name identifier, not all of them.
    assert len(rows) // 3 <= with_identifier <= len(rows) // 2
    assert sum(not r["spans"] for r in rows) >= 2  # some stories hold no identifier at all


def test_id_numbers_have_valid_check_digits(labelled):
    lang, rows = labelled
    for row in rows:
        for span in row["spans"]:
            if span["label"] == "ID":
                assert any(check(span["text"]) for check in ID_CHECKS[lang]), span["text"]


def test_phone_numbers_are_possible_numbers_and_formats_vary(labelled):
    lang, rows = labelled
    phones = [s["text"] for r in rows for s in r["spans"] if s["label"] == "PHONE"]
    for phone in phones:
        regions = PHONE_REGIONS[lang]
        # NOTE: Mexican mobiles are still often written with the "1" dropped in 2019 (+52 1 ...).
        dialled = re.sub(r"^\+52 1 ", "+52 ", phone)
        assert any(
            phonenumbers.is_possible_number(phonenumbers.parse(dialled, region))
            for region in regions
        ), phone
    international = [p for p in phones if p.startswith(("+", "00"))]
    assert 2 <= len(international) < len(phones)


def test_emails_and_addresses_look_like_what_they_are(labelled):
    _, rows = labelled
    for row in rows:
        for span in row["spans"]:
            if span["label"] == "EMAIL":
                assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", span["text"]), span
            if span["label"] == "ADDRESS":
                assert re.search(r"\d", span["text"]), span  # a number or a postcode
