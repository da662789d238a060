import pytest

from testimonies.redaction import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe+nhs@example.co.uk today", "write to [EMAIL] today"),
        ("mail: élodie@hôpital.fr.", "mail: [EMAIL]."),
        ("call +33 6 12 34 56 78 now", "call [PHONE] now"),
        ("ring 020 7946 0958.", "ring [PHONE]."),
        ("(555) 123-4567", "[PHONE]"),
        ("tel: +1-202-555-0143", "tel: [PHONE]"),
        ("0612345678", "[PHONE]"),
        ("+55 11 91234-5678", "[PHONE]"),
    ],
)
def test_identifiers_are_replaced_by_typed_placeholders(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 I was 34 and waited 3 hours.",
        "On 12/03/2021 and on 2024-05-01.",
        "Room 12, floor 3, bed 4.",
        "My HbA1c was 7.5 and my dose 40 units.",
        "",
    ],
)
def test_dates_years_and_small_numbers_stay(text):
    assert redact(text) == text
