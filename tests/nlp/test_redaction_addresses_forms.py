"""Street addresses in forms the second development batch of issue 16 showed (our own examples):
an Australian unit written "Unit 2/14", US street types such as Concourse and Plaza, and the
Argentine "Bv." (bulevar). Each with a near miss that must stay."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    (
        "en",
        "She came to Unit 3/27 Lygon Street, Carlton VIC 3053 twice.",
        "She came to [ADDRESS] twice.",
    ),
    (
        "en",
        "Write to 210 Grand Concourse, Apt 2B, Bronx, NY 10451 please.",
        "Write to [ADDRESS] please.",
    ),
    ("en", "We moved to 45 Hudson Plaza last May.", "We moved to [ADDRESS] last May."),
    ("es", "Me atendieron en Bv. Gálvez 2210, 5° A, Santa Fe.", "Me atendieron en [ADDRESS]."),
]

UNCHANGED = [
    ("en", "Unit 2 was closed on Monday."),
    ("en", "It took 3/4 of an hour."),
    ("en", "The concourse at the station was packed."),
    ("es", "El bulevar estaba cortado."),
]


# A near miss expects its text back unchanged.
EXPECTED = CASES + [(lang, text, text) for lang, text in UNCHANGED]


@pytest.mark.parametrize(("lang", "text", "expected"), EXPECTED)
def test_redacted_as_expected(lang, text, expected):
    assert redacted(text, lang) == expected
