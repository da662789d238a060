"""German terms added for recall and French terms tightened for precision (issue 16, point 4),
from the codebook and the development rows only. Each new term with a case the shipped lexicon
(with its least evidence per theme) must find, and each tightened term with the everyday use it
must now leave. Our own sentences, none from the labelled sets."""

import pytest

from tests.nlp.lexicon_helpers import shipped_suggests

FOUND = [
    # What professionals learn, with their training named (German puts the verb at the end).
    ("de", "Die Pflegekräfte müssten in ihrer Ausbildung erfahren, was Demenz ist.", "education"),
    ("de", "Im Medizinstudium lernt keiner, wie man mit Gehörlosen spricht.", "education"),
    ("de", "Im Studium lernt man nichts über Menschen, die nicht hören.", "education"),
    ("de", "Das müsste Pflicht sein in der Ausbildung.", "education"),
    # Being taken seriously; and the opposite: not looking up, symptoms put down to stress.
    ("de", "Zum ersten Mal hat mich eine Ärztin ernst genommen.", "person_centred"),
    ("de", "Der Arzt hat nicht einmal vom Bildschirm aufgesehen.", "not_listened_to"),
    ("de", "Meine Schmerzen seien nur Stress, meinte er.", "not_listened_to"),
    # The question of origin before the complaint; a stereotype named as the reason.
    ("de", "Vor der Frage nach den Schmerzen kam die Frage nach der Herkunft.", "judged"),
    ("de", "Sie hat mich so behandelt, weil ich Muslimin bin.", "judged"),
    # Time given; a place one cannot get into; lasting joint work; someone like oneself.
    ("de", "Sie nahm sich eine halbe Stunde für meinen Vater.", "time_with_professional"),
    ("de", "Die Praxis liegt im dritten Stock, ohne Aufzug.", "not_welcome"),
    ("de", "Mit dem Gesundheitsamt gab es danach keine Zusammenarbeit.", "community"),
    ("de", "Es tat gut, dass dort jemand war wie wir.", "representation"),
    ("de", "Für Blinde gibt es die Befunde nicht in Punktschrift.", "accessible_information"),
    ("de", "Der Pfleger sagte: Ihr Leute seid doch immer so laut.", "judged"),
    ("de", "Die Sprechstundenhilfe hat mich vor allen angeschrien.", "not_welcome"),
    ("de", "Vom Amt bekomme ich bis heute keine barrierefreien Formate.", "accessible_information"),
    # French (and the German "ihr Leute", now a pattern): the tightened terms still find what
    # they stand for.
    ("fr", "Pour la première fois, je me suis sentie respectée par un médecin.", "person_centred"),
    ("fr", "Je suis aveugle et le courrier de l'hôpital n'existe pas en braille.", "communication"),
    ("fr", "Les chercheurs ont mené une étude sans aucune femme noire.", "research"),
    ("fr", "On traite les sans-papiers comme des profiteurs.", "judged"),
    ("fr", "Une infirmière qui parle créole, ça change tout pour ma mère.", "representation"),
    ("fr", "À l'accueil, on m'a parlé sèchement, j'étais mal reçue.", "not_welcome"),
]


@pytest.mark.parametrize(("lang", "text", "code"), FOUND)
def test_the_term_finds_its_code(lang, text, code):
    assert code in shipped_suggests(lang, text)


LEFT = [
    # A blind spot is not a blind reader; "our people" is not "you people".
    ("de", "Das war ein blinder Fleck in der ganzen Planung.", "accessible_information"),
    ("de", "Unsere Leute wohnen fast alle im selben Viertel.", "judged"),
    # The receptionist named is not an unwelcoming reception (a weak word now, as fr "secrétaire").
    ("de", "Die Sprechstundenhilfe gab mir einen Termin für Dienstag.", "not_welcome"),
    # Everyday phrasings near the new ones: coming to a party, someone like him, being old.
    ("de", "Ich weiß noch nicht, woher ich komme und ob ich wirklich komme.", "judged"),
    ("de", "Jemand wie er hätte das sofort gesehen.", "representation"),
    ("de", "Weil ich alt bin, schlafe ich mittags eine Stunde.", "judged"),
    # A practice without steps is not information one can use; a single mother is not judged
    # for being named one.
    ("de", "Die neue Praxis im Erdgeschoss ist barrierefrei.", "accessible_information"),
    ("de", "Als Alleinerziehende bringe ich die Kinder mit in die Praxis.", "judged"),
    # Papers of any kind are not a residence status; advancing blindly is not being blind.
    ("fr", "Il faut des papiers pour tout, même pour ouvrir un compte.", "judged"),
    ("fr", "Elle a écrit la posologie sur un papier pour le frigo.", "judged"),
    ("fr", "Nous avançons à l'aveugle dans ce dossier.", "accessible_information"),
    # A patient who speaks Creole is not a professional who shares her language.
    ("fr", "Je parle créole avec ma grand-mère tous les dimanches.", "representation"),
    # Respecting one's colleagues is not being respected in one's care.
    ("fr", "Je respecte beaucoup mes collègues du service.", "person_centred"),
    # The reception desk named is not an unwelcoming reception (a weak word now).
    ("fr", "Je me suis présentée à l'accueil à huit heures.", "not_welcome"),
    # Researchers named in passing (a story addressed to them) are not research.
    ("fr", "Les chercheurs qui liront ceci peuvent me rappeler.", "research"),
]


@pytest.mark.parametrize(("lang", "text", "code"), LEFT)
def test_the_near_miss_is_left(lang, text, code):
    assert code not in shipped_suggests(lang, text)
