"""Address forms of the second development batch (ja, fr): a lot's subdivision after の, a
building's floor or an estate's block and room, an office in a Québec address with its province
in brackets, and a French street with no house number before its postcode. Our own examples."""

import pytest

from tests.nlp.redaction_cases import redacted

CAUGHT = [
    ("ja", "住所は東京都足立区千住5丁目3番地の4です。", "住所は[ADDRESS]です。"),
    ("ja", "〒460-0008 名古屋市中区栄3丁目2番1号 中日ビル4階", "[ADDRESS]"),
    ("ja", "大阪市住之江区南港中2丁目1番 南港団地3号棟205", "[ADDRESS]"),
    ("fr", "Au 410, rue Sherbrooke Est, bureau 12, Montréal (Québec) H2L 1J9.", "Au [ADDRESS]."),
    ("fr", "Écrivez-nous : allée des Mimosas, 13009 Marseille.", "Écrivez-nous : [ADDRESS]."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CAUGHT)
def test_the_whole_address_is_one_placeholder(lang, text, expected):
    assert redacted(text, lang) == expected


# None: the text is left as it is.
LEFT = [
    # A floor with no address before it; a count of buildings.
    ("ja", "病院の3階で待たされた。", None),
    # A street named without a postcode stays (a place, not an address).
    ("fr", "On habitait rue des Mimosas, près du port.", None),
    # Brackets after a town with no postal code after them.
    ("fr", "Elle vit à Laval (Québec) depuis 2019.", None),
]


@pytest.mark.parametrize(("lang", "text", "expected"), LEFT)
def test_the_near_miss_is_left(lang, text, expected):
    assert redacted(text, lang) == (text if expected is None else expected)
