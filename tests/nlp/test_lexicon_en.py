"""The English lexicon: every theme and sub-code, on our own short examples."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("The doctor wouldn't listen and said it was just anxiety.", "not_listened_to"),
    ("She kept typing and never listened to a word I said.", "not_listened_to"),
    ("He assumed I was a drug seeker because of my accent.", "judged"),
    ("Ten minutes, and she was in a hurry the whole time.", "time_with_professional"),
    ("They misgendered me in front of everyone at reception.", "not_welcome"),
    ("The nurse treated me as a person and asked me what I wanted.", "person_centred"),
    ("Without realising it they treated me differently: unconscious bias.", "unconscious_bias"),
    ("Every GP should have training in cultural awareness.", "education"),
    ("Women like me are under-represented in clinical trials.", "research"),
    ("Patients should have a say and a seat on the hospital board.", "community"),
    ("There was so much misinformation on social media.", "communication"),
    ("No interpreter came and the letter was full of medical jargon.", "accessible_information"),
    ("My son wants to study medicine but needs a bursary.", "workforce"),
    ("I have never had a nurse who looks like me or speaks my language.", "representation"),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_each_theme_and_sub_code_is_found(text, code):
    assert code in suggested("en", text)


def test_a_sub_code_brings_its_theme():
    assert {"not_listened_to", "person_centred"} <= suggested("en", "The doctor didn't listen.")


def test_a_plain_visit_suggests_nothing():
    assert suggested("en", "On Tuesday I went to the surgery and took the bus home.") == set()
