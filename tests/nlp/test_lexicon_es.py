"""The Spanish lexicon: every theme and sub-code, on our own short examples."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("El médico no me escuchó y dijo que eran nervios.", "not_listened_to"),
    ("Nadie me creía, la doctora miraba la pantalla.", "not_listened_to"),
    ("Me preguntó si había bebido, por ser indígena.", "judged"),
    ("Fueron diez minutos y con prisa.", "time_with_professional"),
    ("En recepción dijeron mi antiguo nombre delante de todos.", "not_welcome"),
    ("Me trató como persona y tuvo en cuenta mi situación.", "person_centred"),
    ("Tienen prejuicios sin darse cuenta, es racismo estructural.", "unconscious_bias"),
    ("Hace falta capacitación en escucha activa para todo el personal.", "education"),
    ("Los ensayos clínicos casi no incluyen datos de mujeres como yo.", "research"),
    ("Queremos participación comunitaria en la toma de decisiones.", "community"),
    ("Había bulos en las redes sociales y nadie me explicó nada.", "communication"),
    ("No había intérprete y no entendí los términos médicos.", "accessible_information"),
    ("Mi hijo quiere estudiar medicina con una beca.", "workforce"),
    ("Nunca vi una médica indígena que hablara mi lengua, de mi comunidad.", "representation"),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_each_theme_and_sub_code_is_found(text, code):
    assert code in suggested("es", text)


def test_a_sub_code_brings_its_theme():
    assert {"not_listened_to", "person_centred"} <= suggested("es", "No me escuchó.")


def test_listening_well_is_not_being_unheard():
    codes = suggested("es", "La enfermera me escuchó con paciencia.")
    assert "not_listened_to" not in codes and "person_centred" in codes


def test_a_plain_visit_suggests_nothing():
    assert suggested("es", "Fui al centro de salud el martes y volví en autobús.") == set()
