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
    # Weak words still count beside the phrase that says it.
    ("es", "El médico miraba el reloj todo el rato.", "time_with_professional"),
    ("es", "No tenía tiempo para escucharme, solo unos minutos.", "time_with_professional"),
    ("es", "Me trató con atención y respeto.", "person_centred"),
    # French, for recall. Not heard: said as people say it.
    ("fr", "Le médecin n'a rien voulu savoir, pour lui tout allait bien.", "not_listened_to"),
    ("fr", "Il a tapé son ordonnance sans lever les yeux.", "not_listened_to"),
    ("fr", "L'interne m'a pas calculée de toute la visite.", "not_listened_to"),
    ("fr", "J'étais assise là, comme si je n'existais pas.", "not_listened_to"),
    ("fr", "Le neurologue a dit que c'était psychosomatique.", "not_listened_to"),
    ("fr", "Le docteur parlait à mon mari, pas à moi.", "not_listened_to"),
    ("fr", "Aux urgences, on m'a renvoyée à la maison avec du paracétamol.", "not_listened_to"),
    # Stereotypes: the pain one, the reason named, "a social case".
    ("fr", "L'infirmière a parlé de syndrome méditerranéen devant moi.", "judged"),
    ("fr", "On m'a mal soignée parce que je suis voilée.", "judged"),
    ("fr", "Il ne m'a pas prise à cause de mon handicap.", "judged"),
    ("fr", "Pour elle, j'étais un cas social.", "judged"),
    # Heard by the whole waiting room, not one's place, no privacy, a face pulled.
    ("fr", "Elle a dit mon nom assez fort pour que tout le monde entende.", "not_welcome"),
    ("fr", "Je ne me sentais pas à ma place dans ce cabinet.", "not_welcome"),
    ("fr", "Elle a utilisé mon nom de naissance.", "not_welcome"),
    ("fr", "On m'a examinée avec la porte ouverte.", "not_welcome"),
    (
        "fr",
        "La réceptionniste a fait une face quand on a dit qu'on était deux mamans.",
        "not_welcome",
    ),
    ("fr", "J'ai eu envie de disparaître.", "not_welcome"),
    # Between two doors, one problem a visit, an hour given.
    ("fr", "Le généraliste me reçoit entre deux portes.", "time_with_professional"),
    ("fr", "Il n'accepte qu'un problème par consultation.", "time_with_professional"),
    ("fr", "Elle m'a consacré une heure entière.", "time_with_professional"),
    # French not spoken, doctors' words, small print, lip reading.
    ("fr", "Mon père ne parle pas français.", "accessible_information"),
    ("fr", "Pour moi, c'était du chinois, des mots de médecin.", "accessible_information"),
    ("fr", "La notice est en petits caractères.", "accessible_information"),
    ("fr", "Je dois lire sur les lèvres, et avec le masque c'est fini.", "accessible_information"),
    # Trusted voices.
    ("fr", "Ici l'info passe par le bouche à oreille.", "communication"),
    ("fr", "Les relais communautaires ont fait du porte-à-porte.", "communication"),
    # Communities: a seat, told after, decided for.
    ("fr", "On veut une place autour de la table.", "community"),
    ("fr", "L'agence a tout fermé sans nous en parler.", "community"),
    ("fr", "Ils ont décidé pour nous, comme toujours.", "community"),
    # Wanting to be a midwife (the infinitive), pushed away from it.
    ("fr", "Ma fille voudrait être sage-femme.", "workforce"),
    ("fr", "Au lycée on nous pousse vers les filières courtes.", "workforce"),
    # Carers who speak one's language with one, who come from one's world.
    ("fr", "La préposée qui parlait créole l'a calmé.", "representation"),
    ("fr", "Elle a parlé créole avec ma grand-mère.", "representation"),
    ("fr", "Il nous faut quelqu'un de chez nous à l'hôpital.", "representation"),
    ("fr", "Elle venait du même monde que nous.", "representation"),
    # Training: compulsory courses, nobody teaching it.
    ("fr", "Il faudrait des cours obligatoires sur le handicap.", "education"),
    ("fr", "Personne ne nous apprend à examiner quelqu'un en fauteuil.", "education"),
    # A person, not a file.
    ("fr", "Il me traitait comme un dossier.", "person_centred"),
    ("fr", "Elle m'a demandé ce qui était important pour moi.", "person_centred"),
    ("fr", "La sage-femme ne m'a rien imposé.", "person_centred"),
    # A second French step, from our own probe sentences: training asked for, who is counted,
    # communities asked, official messages, clear words, diplomas, talked down to, suspected
    # of drugs or of lying, misgendered, left on a trolley in a corridor.
    ("fr", "Il faudrait que les médecins apprennent à parler aux personnes âgées.", "education"),
    ("fr", "Les soignants devraient être formés au handicap.", "education"),
    ("fr", "Qu'on forme les secrétaires à l'accueil des personnes trans.", "education"),
    ("fr", "On ne sait pas combien on est, il n'y a pas de chiffres sur nous.", "research"),
    ("fr", "Ils ont fermé la maternité sans demander l'avis des habitants.", "community"),
    ("fr", "Les associations de malades devraient avoir leur mot à dire.", "community"),
    ("fr", "Les messages du gouvernement changeaient tous les jours.", "communication"),
    ("fr", "Le médecin m'a tout expliqué avec des mots simples.", "accessible_information"),
    ("fr", "Mon diplôme d'infirmière du Cameroun n'est pas reconnu ici.", "workforce"),
    ("fr", "Il m'a parlé comme à une gamine.", "judged"),
    ("fr", "Je me suis sentie comme une moins que rien.", "judged"),
    ("fr", "Il m'a demandé si je prenais de la drogue.", "judged"),
    ("fr", "Elle m'a parlé comme si j'étais une enfant.", "judged"),
    ("fr", "Ils pensaient que je mentais.", "not_listened_to"),
    ("fr", "Le médecin a dit que je faisais du cinéma.", "not_listened_to"),
    ("fr", "On m'a appelé madame alors que je suis un homme.", "not_welcome"),
    ("fr", "J'ai attendu sur un brancard dans le couloir toute la nuit.", "not_welcome"),
    ("fr", "La secrétaire m'a mal parlé.", "not_welcome"),
    ("fr", "On m'a mis dehors.", "not_welcome"),
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
    # Reading carefully, one's medical record, "in my opinion": not person-centred care.
    ("es", "Leí el prospecto con atención.", "person_centred"),
    ("es", "Está en mi historia clínica.", "person_centred"),
    ("es", "En mi opinión, el hospital está lejos.", "person_centred"),
    # No time for anything, that time, a watch, months of saving, "wait a few minutes".
    ("es", "No tengo tiempo para nada.", "time_with_professional"),
    ("es", "Durante ese tiempo viví en Lima.", "time_with_professional"),
    ("es", "Me regalaron el reloj de mi abuelo.", "time_with_professional"),
    ("es", "Tardé meses para ahorrar.", "time_with_professional"),
    ("es", "Espere unos minutos, por favor.", "time_with_professional"),
    # Not ready for the news: not untrained staff.
    ("es", "No estaba preparada para la noticia.", "education"),
    # A grandmother who understood me, the heat back home: not representation.
    ("es", "Mi abuela, que me entendía, murió.", "representation"),
    ("es", "De donde vengo hace mucho calor.", "representation"),
    # French near misses. Talking to one's husband, a chat with one's mother.
    ("fr", "Elle parlait à mon mari tous les soirs au téléphone.", "not_listened_to"),
    ("fr", "Il ne faut pas dramatiser, disait ma grand-mère.", "not_listened_to"),
    # "Because" and "because of" with no stereotype.
    ("fr", "Je l'ai su parce que je suis curieuse.", "judged"),
    ("fr", "Il est parti à cause de mon retard.", "judged"),
    # A clean room, an open day, a dog simile, a warm country: not a welcome.
    ("fr", "J'ai nettoyé toute la salle avant la fête.", "not_welcome"),
    ("fr", "Le centre fait une journée portes ouvertes.", "not_welcome"),
    ("fr", "J'étais malade comme un chien.", "not_welcome"),
    ("fr", "Le Sénégal est un pays chaleureux.", "not_welcome"),
    ("fr", "Il s'est mis à ma place et m'a rassurée.", "not_welcome"),
    # A problem around here, one's own lack of time, a slow recovery: not time with a carer.
    ("fr", "Il y a un problème par ici.", "time_with_professional"),
    ("fr", "Faute de temps, je n'ai pas fini le livre.", "time_with_professional"),
    ("fr", "La guérison a pris du temps.", "time_with_professional"),
    # A smile on one's lips, a picture book: not information one could not use.
    ("fr", "Elle avait le sourire sur les lèvres.", "accessible_information"),
    ("fr", "Mon fils lit un livre avec des images.", "accessible_information"),
    # Dinner around the table, telling one's mother, understanding later: not community.
    ("fr", "On était six autour de la table pour le dîner.", "community"),
    ("fr", "Je suis partie sans en parler à ma mère.", "community"),
    ("fr", "J'ai compris après coup.", "community"),
    # Being a nurse, a room facing south: not careers.
    ("fr", "Ma voisine est infirmière à Liège.", "workforce"),
    ("fr", "La chambre est orientée vers le sud.", "workforce"),
    # The nurse who comes every morning, a doctor who spoke loudly, near our home.
    ("fr", "L'infirmière qui vient le matin est très gentille.", "representation"),
    ("fr", "La docteure qui parlait fort m'a fait peur.", "representation"),
    ("fr", "Le centre est près de chez nous.", "representation"),
    # Cooking classes, role-playing games: not training for carers.
    ("fr", "Je prends des cours sur la cuisine italienne.", "education"),
    ("fr", "Mon fils adore les jeux de rôle.", "education"),
    # A normal thing, walking at one's pace, asking the way: not person-centred care.
    ("fr", "C'est venu comme une chose normale.", "person_centred"),
    ("fr", "Je marche à mon rythme le dimanche.", "person_centred"),
    ("fr", "Un passant m'a demandé comment aller à la gare.", "person_centred"),
    # Teams for a match, clouds, a toddler learning to talk: not training.
    ("fr", "On a formé les équipes pour le tournoi.", "education"),
    ("fr", "Les nuages sont formés de vapeur.", "education"),
    ("fr", "Mon fils apprend à parler.", "education"),
    # A phone with no data: not who is counted.
    ("fr", "Mon téléphone n'a pas de données.", "research"),
    # A word for one's son: not a say in decisions.
    ("fr", "J'ai un mot à dire à mon fils.", "community"),
    # Crying like a kid, lying as a child, going to the cinema.
    ("fr", "Il pleurait comme un gamin.", "judged"),
    ("fr", "Je mentais à ma mère quand j'étais petite.", "not_listened_to"),
    ("fr", "On est allés au cinéma.", "not_listened_to"),
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
