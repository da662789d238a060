"""Terms added to the pt, es and en lexicons after the second development batch of issue 16,
written from the codebook's criteria (misgendering and fear of going back; assumptions about
drinking and pain; concerns put down to age or stress; carers who share one's background;
bias with no ill intent; time well used). Our own examples, each with a near miss."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("en", "At the desk she kept calling me sir, and I walked out.", "not_welcome"),
    ("en", "The nurse said I couldn't be in that much pain, we were being dramatic.", "judged"),
    ("en", "He asked if I'd been on the grog before he even looked at the cut.", "judged"),
    ("en", "The GP put it down to stress and never examined me.", "not_listened_to"),
    ("en", "With a nurse who is openly gay I don't have to explain anything.", "representation"),
    ("es", "La doctora le contestó que era la edad y no miró la lista.", "not_listened_to"),
    ("es", "El pediatra se sentó con ella y le dedicó una hora.", "time_with_professional"),
    ("es", "Hacen falta profesionales que vengan de donde venimos.", "representation"),
    (
        "es",
        "No lo hizo de malo: nadie le enseñó cómo atender a un niño autista.",
        "unconscious_bias",
    ),
    (
        "pt",
        "Não acho que ela fez de maldade, ninguém nunca ensinou isso pra ela.",
        "unconscious_bias",
    ),
    ("pt", "A clínica precisava treinar o pessoal da recepção.", "education"),
    ("pt", "A enfermeira perguntou quantos filhos eu tinha, com aquela cara.", "judged"),
    (
        "pt",
        "Precisa de mais gente como eu de jaleco; já me confundiram com maqueiro.",
        "representation",
    ),
]

NEAR_MISSES = [
    ("en", "I rang the surgery three times about the letter.", "not_listened_to"),
    ("en", "The drive to the clinic took an hour.", "judged"),
    ("es", "Fui tres veces a la farmacia por la receta.", "not_listened_to"),
    ("es", "El autobús tardó una hora en llegar.", "representation"),
    ("pt", "A consulta foi marcada para terça de manhã.", "judged"),
]


@pytest.mark.parametrize(("lang", "text", "code"), CASES)
def test_the_code_is_suggested(lang, text, code):
    assert code in suggested(lang, text)


@pytest.mark.parametrize(("lang", "text", "code"), NEAR_MISSES)
def test_the_near_miss_is_not(lang, text, code):
    assert code not in suggested(lang, text)
