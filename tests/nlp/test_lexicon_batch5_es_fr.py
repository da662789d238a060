"""Spanish and French terms of the fifth batch (issue 16): Spanish narrowed for precision (the
held-out half's precision was just under the goal while the development half's was high: terms
that fit the development stories too well), French widened for recall, both from the codebook's
definitions and criteria and from forty new development stories written before the lexicon was
run on them. Each new or narrowed term with a case the shipped lexicon (with its least evidence
per theme) must find, and a near miss, an everyday sense, it must leave. Our own sentences, none
from the labelled sets."""

import pytest

from tests.nlp.lexicon_helpers import shipped_suggests, suggested

FOUND = [
    # Not going back, said as such (not "no volvimos a saber").
    ("es", "Desde entonces no he vuelto a pisar ese centro de salud.", "not_welcome"),
    ("es", "Después de cómo me trataron, no volví más.", "not_welcome"),
    # A professional who sits down with the patient.
    ("es", "La doctora se sentó conmigo y me explicó todo.", "time_with_professional"),
    ("es", "El enfermero se sentó con él toda la tarde.", "time_with_professional"),
    # Becoming a nurse or a doctor (the infinitive: wanting to be one, not being one).
    ("es", "Mi hija quiere ser enfermera para cuidar a los suyos.", "workforce"),
    ("es", "Muy pocos de nosotros llegan a la carrera de medicina.", "workforce"),
    # Training for staff, asked for.
    ("es", "Pido más formación sobre diversidad para los médicos.", "education"),
    ("es", "Que les den formación a las recepcionistas.", "education"),
    ("es", "En ese hospital hay mucha falta de formación.", "education"),
    ("es", "Hace falta formación al personal de urgencias.", "education"),
]

LEFT = [
    # A course for one's own job is not training for health staff.
    ("es", "Hice una formación de carretillero hace años.", "education"),
    # By accident: not unconscious bias.
    ("es", "Se me cayó el vaso sin querer.", "unconscious_bias"),
    # Not hearing from someone again is not fear of going back.
    ("es", "Vinieron del taller y no volvimos a saber nada de ellos.", "not_welcome"),
    # Welcomed on the ward, exposed to a virus, a foster home: everyday senses.
    ("es", "La enfermera nos dio la bienvenida a la planta.", "not_welcome"),
    ("es", "Estuve expuesta al virus en el trabajo.", "not_welcome"),
    ("es", "Mi sobrina vive en un centro de acogida.", "not_welcome"),
    # Being a nurse, a degree in law, paying dues, one's trade, buying insurance: not careers
    # in health.
    ("es", "Mi mujer es enfermera en el hospital.", "workforce"),
    ("es", "Mi hijo hace la carrera de Derecho.", "workforce"),
    ("es", "Pagamos las cuotas del seguro cada mes.", "workforce"),
    ("es", "Es albañil de profesión.", "workforce"),
    ("es", "Vamos a contratar un seguro privado.", "workforce"),
    # Messages that must come from someone trusted, a crowd, "like me": not representation.
    ("es", "Los mensajes tienen que venir de alguien de confianza.", "representation"),
    ("es", "Nunca he visto tanta gente en urgencias.", "representation"),
    ("es", "Pido formación en diversidad.", "representation"),
    ("es", "Mi hermana piensa igual que yo.", "representation"),
    # Sitting down to eat, answering calmly, half an hour away, a queue, a delay: not time
    # with a professional.
    ("es", "Se sentó con nosotros en el comedor a comer.", "time_with_professional"),
    ("es", "Le contestó con calma a su nieta.", "time_with_professional"),
    ("es", "Vivo a media hora del hospital.", "time_with_professional"),
    ("es", "Hice fila en la farmacia.", "time_with_professional"),
    ("es", "El tren llegó con demora.", "time_with_professional"),
    # Telling one's sister is not being unheard.
    ("es", "Se lo dije a mi hermana por teléfono.", "not_listened_to"),
    # A vague answer, a scolding for the dog, an assumption about a virus: not stereotypes.
    ("es", "Me dio una explicación vaga.", "judged"),
    ("es", "Le dio un regaño al perro.", "judged"),
    ("es", "El médico supuso que era un virus.", "judged"),
    # The rules on visitors, a web forum, "not counting the bus": not community decisions.
    ("es", "El reglamento dice que solo entra un acompañante.", "community"),
    ("es", "Leí en un foro que era normal.", "community"),
    ("es", "Sin contar con el autobús, el viaje fue caro.", "community"),
    # Giving the vaccine, a form to fill in: not information one could not use.
    ("es", "La aplicación de la vacuna fue en el brazo.", "accessible_information"),
    ("es", "Llené el formulario de la farmacia.", "accessible_information"),
]


@pytest.mark.parametrize(("lang", "text", "code"), FOUND)
def test_the_term_finds_its_code(lang, text, code):
    assert code in shipped_suggests(lang, text)


@pytest.mark.parametrize(("lang", "text", "code"), LEFT)
def test_the_near_miss_is_left(lang, text, code):
    assert code not in shipped_suggests(lang, text)


def test_unconscious_after_a_fall_is_no_hit_at_all():
    # "inconsciente" alone was a term of its own (the bias is "sesgo inconsciente").
    assert "unconscious_bias" not in suggested("es", "Estuvo inconsciente dos días en la UCI.")
    assert "unconscious_bias" in suggested("es", "Tienen sesgos inconscientes.")
