"""English redaction examples: names, phones, e-mails, identifiers, addresses; words that stay."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    # Names after titles, cues, relatives, in lists, greetings and signatures.
    ("Dr Patel listened to me.", "Dr [PERSON] listened to me."),
    ("Mrs. Okonkwo was my midwife.", "Mrs. [PERSON] was my midwife."),
    ("My name is Grace Mbeki.", "My name is [PERSON]."),
    ("My daughter Chloe came with me.", "My daughter [PERSON] came with me."),
    ("I saw Michael Brennan at the clinic.", "I saw [PERSON] at the clinic."),
    ("Then Priya explained it again.", "Then [PERSON] explained it again."),
    ("Dear Dr Adeyemi, you saved my life.", "Dear Dr [PERSON], you saved my life."),
    (
        "Nobody believed me for years. Thank you for reading.\nJames Whitfield",
        "Nobody believed me for years. Thank you for reading.\n[PERSON]",
    ),
    ("They never called back. — Tom", "They never called back. — [PERSON]"),
    ("Thanks,\nSarah Lewis", "Thanks,\n[PERSON]"),
    ("Kind regards, Dwayne", "Kind regards, [PERSON]"),
    ("The nurse, Ms Kowalski, was kind; Kowalski stayed late.", None),
    # Phones, with and without a country code, in the four English-speaking countries.
    ("Call me on (617) 555-0142.", "Call me on [PHONE]."),
    ("My mobile is 07700 900123.", "My mobile is [PHONE]."),
    ("Ring +44 20 7946 0958 please.", "Ring [PHONE] please."),
    ("Phone 0412 345 678 after six.", "Phone [PHONE] after six."),
    ("The clinic is (416) 555-0199.", "The clinic is [PHONE]."),
    ("Reach me at +1 212 555 0187.", "Reach me at [PHONE]."),
    # E-mail addresses.
    ("Write to sam.o'neil@example.org today.", "Write to [EMAIL] today."),
    # Identifiers with valid check digits (or the SSN format).
    ("My NHS number is 943 476 5919.", "My NHS number is [ID]."),
    ("My SSN is 536-22-1234.", "My SSN is [ID]."),
    ("My SIN is 130 692 544.", "My SIN is [ID]."),
    ("My TFN is 876 543 210.", "My TFN is [ID]."),
    # Street addresses.
    ("We live at 221B Baker Street.", "We live at [ADDRESS]."),
    ("Send it to 12 Smith St, Fitzroy VIC 3065.", "Send it to [ADDRESS]."),
    ("I moved to 45 Queen Street West, Toronto, ON M5V 2T6.", "I moved to [ADDRESS]."),
    ("My flat is in Boston, MA 02118.", "My flat is in [ADDRESS]."),
    ("Our house, 7 Elm Grove, SE1 7EH, is cold.", "Our house, [ADDRESS], is cold."),
]
UNCHANGED = [
    "May was hard. I am Black and British; the GP in London was kind. In June I moved.",
    "Grace is what I needed from the staff, and hope.",
    "I waited 3 hours on 12 March 2023 and paid 150 dollars.",
    "The hospital in Sydney was better than the one in Paris.",
    "Mark my words: the system failed us.",
    "Thank you for listening to my story.",
    "I was 34 when I was diagnosed, in 2019, after 12 visits.",
    "The Royal Free Hospital and the Mayo Clinic both refused.",
]


@pytest.mark.parametrize(("text", "expected"), [c for c in CASES if c[1]])
def test_identifiers_are_replaced(text, expected):
    assert redacted(text, "en") == expected


def test_a_name_found_once_is_replaced_everywhere():
    out = redacted("The nurse, Ms Kowalski, was kind; Kowalski stayed late.", "en")
    assert out == "The nurse, Ms [PERSON], was kind; [PERSON] stayed late."


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_stay(text):
    assert redacted(text, "en") == text


@pytest.mark.parametrize("number", ["+61 412 345 678", "+55 11 98765-4321", "(02) 9876 5432"])
def test_a_dialled_number_is_a_phone_even_when_a_checksum_passes(number):
    assert redacted(f"Call me on {number} any time.", "en") == "Call me on [PHONE] any time."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruby, my sister, came with me.", "[PERSON], my sister, came with me."),
        ("Peter drove me to the clinic.", "[PERSON] drove me to the clinic."),
        ("Frank conversations are rare.", "Frank conversations are rare."),
        ("Chase the doctor if you must.", "Chase the doctor if you must."),
    ],
)
def test_names_at_the_start_of_a_sentence(text, expected):
    assert redacted(text, "en") == expected


# Issue 16: names the development set showed were missed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "My gran (we all call her Nanu) came too.",
            "My gran (we all call her [PERSON]) came too.",
        ),
        (
            "The practice took on Warsame, a health worker who speaks Somali.",
            "The practice took on [PERSON], a health worker who speaks Somali.",
        ),
        ("My pal Ishbel drove me there.", "My pal [PERSON] drove me there."),
        (
            'Thank you.\nMargaret ("Peggy"), retired nurse',
            'Thank you.\n[PERSON] ("[PERSON]"), retired nurse',
        ),
    ],
)
def test_issue16_names(text, expected):
    assert redacted(text, "en") == expected


def test_a_place_and_its_description_stay():
    text = "We moved to Leeds, a city with a big hospital."
    assert redacted(text, "en") == text
