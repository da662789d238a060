"""Spanish and French terms of the sixth batch (issue 16): recall, from the codebook's
definitions and criteria, as people say it in Spain, Mexico, Colombia, Argentina, France,
Belgium and Québec: colloquial and regional forms, verb forms, multi-word patterns. Written
after 32 new development stories whose blind first run showed recall and precision short.
Each new form with a case the shipped lexicon (with its least evidence per theme) must find,
and a near miss, an everyday sense, it must leave. Our own sentences, none from the labelled
sets."""

import pytest

from tests.nlp.lexicon_helpers import shipped_suggests

FOUND = [
    # Not heard: paid no heed, talked past to a relative, symptoms minimised, not examined.
    ("es", "No le hicieron caso a mi madre cuando dijo que le dolía.", "not_listened_to"),
    ("es", "La neuróloga solo le hablaba a mi hija, como si yo no estuviera.", "not_listened_to"),
    ("es", "Le preguntó a mi hijo cómo dormía yo.", "not_listened_to"),
    ("es", "Sus síntomas fueron minimizados durante años.", "not_listened_to"),
    ("es", "El traumatólogo ni me revisó la rodilla.", "not_listened_to"),
    ("es", "Me ningunearon en urgencias.", "not_listened_to"),
    # Heard, a person and not a number, empathy.
    ("es", "Me sentí escuchada por primera vez.", "person_centred"),
    ("es", "Allí fui solo un número de expediente.", "person_centred"),
    ("es", "Me atendieron con empatía.", "person_centred"),
    # Misgendered, called out, stared at, set apart, not going back.
    ("es", "Me llamaron por mi nombre de hombre delante de la sala.", "not_welcome"),
    ("es", "La auxiliar me llamó señor dos veces.", "not_welcome"),
    ("es", "Cuando entré, todas las pacientes se voltearon.", "not_welcome"),
    ("es", "Gritaron mi nombre por el altavoz delante de todos.", "not_welcome"),
    ("es", "La recepcionista se negó a llamarme por mi nombre.", "not_welcome"),
    ("es", "Nos trató como padres, no como un caso.", "person_centred"),
    ("es", "No pienso volver a esa clínica.", "not_welcome"),
    ("es", "En la ventanilla dijeron que no se atiende a extranjeros.", "not_welcome"),
    # Stereotypes said out loud: "you people", pain tolerance, the headscarf, "those people".
    ("es", "El celador dijo que ustedes nunca llegan a la hora.", "judged"),
    ("es", "Me dijo que las indígenas aguantan todo, que no exagerara.", "judged"),
    ("es", "Me trataron distinto por el pañuelo.", "judged"),
    ("es", "Para ella, la gente de los cerros no se cuida.", "judged"),
    ("es", "Fue puro clasismo lo que vivimos en esa clínica.", "judged"),
    # Time: express visits, minutes written short, no eye on the clock.
    ("es", "Aquello fueron consultas exprés.", "time_with_professional"),
    ("es", "Le dio 10 min y se fue.", "time_with_professional"),
    ("es", "El cirujano me atendió sin mirar el reloj.", "time_with_professional"),
    # Small print, simple words, spoken slowly, the digital divide, jargon.
    ("es", "La receta venía con letra chiquita.", "accessible_information"),
    ("es", "Me lo dijo con palabras sencillas.", "accessible_information"),
    ("es", "Me habló despacio y con paciencia.", "accessible_information"),
    ("es", "La brecha digital deja fuera a los mayores.", "accessible_information"),
    ("es", "El médico usaba puros tecnicismos.", "accessible_information"),
    # Nobody explained it to a relative; a community radio.
    ("es", "Nadie le explicó a mi padre para qué eran las pastillas.", "communication"),
    ("es", "El aviso salió en la radio comunitaria.", "communication"),
    # Training asked for; a bias the professional did not see.
    ("es", "Habría que enseñarles eso en la universidad.", "education"),
    ("es", "No creo que lo hiciera con mala intención.", "unconscious_bias"),
    ("es", "Ni se daba cuenta de que me trataba distinto.", "unconscious_bias"),
    # Who is counted in research.
    ("es", "Los criterios de inclusión dejaban fuera a las mujeres mayores.", "research"),
    ("es", "Nunca nos invitan a participar en un estudio.", "research"),
    # Communities: signatures, citizens' oversight, where it is decided.
    ("es", "Los vecinos recogimos firmas contra el cierre.", "community"),
    ("es", "La veeduría ciudadana pidió cuentas al hospital.", "community"),
    ("es", "Queremos estar donde se decide.", "community"),
    ("es", "Los programas de salud deberían contar con las parteras.", "community"),
    # Careers: more nurses, diplomas recognised, the first of one's family.
    ("es", "En el pueblo necesitamos más enfermeras.", "workforce"),
    ("es", "La convalidación de mi título tardó seis años.", "workforce"),
    ("es", "Soy la primera de mi familia que estudia.", "workforce"),
    ("es", "Queremos estar en los puestos de dirección.", "workforce"),
    # Professionals who share one's origin.
    ("es", "Había una mediadora intercultural en el centro.", "representation"),
    ("es", "Por fin me atendió una enfermera dominicana.", "representation"),
    # French: staff short-handed, temps, diplomas.
    ("fr", "Il manque des bras dans cette maison de repos.", "workforce"),
    ("fr", "Il faudrait engager du personnel.", "workforce"),
    ("fr", "Il faudrait plus d'infirmières la nuit.", "workforce"),
    ("fr", "Sa reconnaissance des diplômes a pris quatre ans.", "workforce"),
    # Communities asked for their opinion, users' committees.
    ("fr", "Pour une fois, on nous a demandé notre avis.", "community"),
    ("fr", "Ils demandent leur avis aux habitants avant.", "community"),
    ("fr", "Le comité des usagers a été consulté.", "community"),
    ("fr", "Nous voulons être consultés.", "community"),
    # Pretending to understand, lip reading behind a mask, French only.
    ("fr", "J'ai fait semblant de comprendre.", "accessible_information"),
    ("fr", "Il pourrait baisser le masque une minute.", "accessible_information"),
    ("fr", "Les papiers étaient seulement en français.", "accessible_information"),
    # Stereotypes: "tough", suspected of dealing, a religion blamed.
    ("fr", "On m'a dit que les Africaines sont dures au mal.", "judged"),
    ("fr", "La pharmacienne m'a pris pour un dealer.", "judged"),
    ("fr", "Il a parlé d'obscurantisme quand j'ai parlé du jeûne.", "judged"),
    ("fr", "Elle m'a parlé comme à une ignorante.", "judged"),
    # Not heard: not taken seriously, the nose in the screen, cut off.
    ("fr", "Je n'ai pas été prise au sérieux, pas prise au sérieux du tout.", "not_listened_to"),
    ("fr", "Il avait le nez dans son écran.", "not_listened_to"),
    ("fr", "Il m'a coupé la parole.", "not_listened_to"),
    ("fr", "J'ai répété trois fois que j'avais mal.", "not_listened_to"),
    # Welcome: CMU patients refused, a door left ajar, a name shouted.
    ("fr", "Ce dentiste ne prend pas la CMU.", "not_welcome"),
    ("fr", "Elle m'a examinée avec la porte entrouverte.", "not_welcome"),
    ("fr", "La secrétaire a crié mon nom de naissance.", "not_welcome"),
    # Person-centred: heard, what mattered, not a room number.
    ("fr", "Pour la première fois, je me suis sentie écoutée.", "person_centred"),
    ("fr", "Elle m'a demandé ce qui comptait pour moi.", "person_centred"),
    ("fr", "Il a décidé à ma place.", "person_centred"),
    ("fr", "Mon père n'est plus qu'un numéro de chambre.", "person_centred"),
    # Time: express visits, understaffed.
    ("fr", "C'était une consultation express.", "time_with_professional"),
    ("fr", "Le service est en sous-effectif.", "time_with_professional"),
    # Research: no box for us, not counted.
    ("fr", "Il n'y avait aucune case pour nous dans le formulaire.", "research"),
    ("fr", "Les femmes comme moi ne sont pas représentées.", "research"),
    # Communication: community radio, vaccine rumours.
    ("fr", "L'annonce est passée à la radio communautaire.", "communication"),
    ("fr", "On disait que le vaccin rendait stérile.", "communication"),
    # Training asked for a whole team; associated from the start; talked to as senile.
    ("fr", "Il faudrait former les équipes de maternité aux familles homoparentales.", "education"),
    ("fr", "Nous voulons être associés dès le début.", "community"),
    ("fr", "L'infirmière me parlait comme à un gâteux.", "judged"),
    # Representation.
    ("fr", "Enfin quelqu'un qui va me comprendre.", "representation"),
]

LEFT = [
    # Heeding one's mother, talking with one's daughter on the phone.
    ("es", "Le hice caso a mi madre y me abrigué.", "not_listened_to"),
    ("es", "Hablaba con mi hija por teléfono cada noche.", "not_listened_to"),
    ("es", "A mi edad ya no bailo.", "not_listened_to"),
    # A crowd watching a match, a cleaning lady calling one to lunch, coats in another room,
    # going back to one's village, a shy dancer, a cat's glance.
    ("es", "Todos miraron el partido en el bar.", "not_welcome"),
    ("es", "La señora de la limpieza me llamó para comer.", "not_welcome"),
    ("es", "Pusieron los abrigos en una sala aparte.", "not_welcome"),
    ("es", "No he regresado al pueblo desde la boda.", "not_welcome"),
    ("es", "No bailé por vergüenza.", "not_welcome"),
    ("es", "Miré de reojo el reloj de la estación.", "not_welcome"),
    # Thanks to the team, a bridge's load, a neighbourhood party, a scarf bought, a photo.
    ("es", "Ustedes son muy amables, gracias por todo.", "judged"),
    ("es", "Aguantan todo el peso del puente.", "judged"),
    ("es", "La gente del barrio organizó una fiesta.", "judged"),
    ("es", "Esos de la foto son mis primos.", "judged"),
    # Speaking frankly at a meeting, a song's lyrics.
    ("es", "Habló claro en la reunión de vecinos.", "accessible_information"),
    ("es", "La letra de esa canción es preciosa.", "accessible_information"),
    # Explaining the way to the station.
    ("es", "Me explicó el camino a la estación.", "communication"),
    # On purpose: not unconscious bias.
    ("es", "Lo hizo con mala intención, estoy segura.", "unconscious_bias"),
    # Asked the time, asked about the dog: not a say in decisions.
    ("es", "No nos preguntaron la hora.", "community"),
    ("es", "Nunca nos preguntan por el perro.", "community"),
    # More chairs, a cousin's university, a salary.
    ("es", "Hacen falta más sillas en la sala.", "workforce"),
    ("es", "Mi sobrino estudia en la universidad pública.", "workforce"),
    ("es", "El sueldo no me alcanza.", "workforce"),
    # A cousin as Mexican as me, a Dominican neighbour who cooks.
    ("es", "Mi primo es mexicano como yo.", "representation"),
    ("es", "Mi vecina dominicana cocina muy bien.", "representation"),
    # A workshop's participants, invisible guests, lost dignity in a game.
    ("es", "Los participantes del taller bailaron.", "research"),
    ("es", "Perdió la dignidad en el juego.", "person_centred"),
    # French: chairs missing, a pledge, friends.
    ("fr", "Il manque des chaises dans la salle.", "workforce"),
    ("fr", "Il faut s'engager pour le climat.", "workforce"),
    ("fr", "Ils sont devenus amis.", "workforce"),
    # Seeing a specialist ("consultés" alone, a lemma of every "consulter", is now phrases),
    # the doctor's opinion, a holiday decided together.
    ("fr", "J'ai consulté trois dermatologues.", "community"),
    ("fr", "Ils ont demandé l'avis du médecin.", "community"),
    ("fr", "On a décidé ensemble de partir en vacances.", "community"),
    # Pretending to sleep, ticking a box.
    ("fr", "Il a fait semblant de dormir.", "accessible_information"),
    ("fr", "J'ai coché la case à cocher du formulaire.", "research"),
    # Cheering a team, a dealer arrested, selling cars on.
    ("fr", "Vous êtes forts, bravo pour le match !", "judged"),
    ("fr", "Le dealer du quartier a été arrêté.", "judged"),
    ("fr", "Il achète des voitures pour les revendre.", "judged"),
    # A village fair announced over the loudspeaker, a case of wine, business partners, team
    # sports, sleeping like a log.
    ("es", "Anunciaron la feria por el altavoz de la plaza.", "not_welcome"),
    ("es", "Compramos un caso más de vino.", "person_centred"),
    ("fr", "Nous sommes associés dans une entreprise.", "community"),
    ("fr", "On a formé les équipes pour le tournoi de foot.", "education"),
    ("fr", "Il dort comme un loir.", "judged"),
    # A cat at a door, skis.
    ("fr", "J'ai laissé la porte entrouverte pour le chat.", "not_welcome"),
    ("fr", "Nous ne sommes pas équipés pour le ski.", "not_welcome"),
    # Rumours about a neighbour's divorce.
    ("fr", "Les rumeurs sur le divorce de la voisine m'ont fatiguée.", "communication"),
]


@pytest.mark.parametrize(("lang", "text", "code"), FOUND)
def test_the_term_finds_its_code(lang, text, code):
    assert code in shipped_suggests(lang, text)


@pytest.mark.parametrize(("lang", "text", "code"), LEFT)
def test_the_near_miss_is_left(lang, text, code):
    assert code not in shipped_suggests(lang, text)
