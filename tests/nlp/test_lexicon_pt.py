"""The Brazilian Portuguese lexicon: every theme and sub-code, on our own short examples."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("O médico não quis me escutar e disse que era coisa da minha cabeça.", "not_listened_to"),
    ("A doutora não me ouvia, só olhava para a tela.", "not_listened_to"),
    ("Ninguém acreditou na minha dor.", "not_listened_to"),
    ("Perguntou logo se eu usava drogas, por ser da favela.", "judged"),
    ("A consulta durou cinco minutos e ele estava com pressa.", "time_with_professional"),
    ("Na recepção me chamaram pelo nome antigo na frente de todos.", "not_welcome"),
    ("Ela me tratou como ser humano e perguntou o que eu preferia.", "person_centred"),
    ("Eles têm preconceito sem perceber, é racismo estrutural.", "unconscious_bias"),
    ("Todo profissional devia ter formação em escuta ativa.", "education"),
    ("Faltam pesquisas com dados sobre mulheres negras.", "research"),
    ("O conselho de saúde precisa ouvir a comunidade.", "community"),
    ("Recebi um folheto e ninguém me explicou nada.", "communication"),
    ("Não tinha intérprete de libras e não entendi os termos técnicos.", "accessible_information"),
    ("Minha filha quer fazer medicina com as cotas raciais.", "workforce"),
    ("Nunca fui atendida por uma médica negra que se parece comigo.", "representation"),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_each_theme_and_sub_code_is_found(text, code):
    assert code in suggested("pt", text)


def test_a_sub_code_brings_its_theme():
    assert {"not_listened_to", "person_centred"} <= suggested("pt", "Ela não me escutou.")


def test_listening_well_is_not_being_unheard():
    codes = suggested("pt", "A enfermeira me escutou com atenção.")
    assert "not_listened_to" not in codes and "person_centred" in codes


def test_a_plain_visit_suggests_nothing():
    assert suggested("pt", "Fui ao posto na terça e voltei para casa de ônibus.") == set()


def test_a_term_whose_lemma_is_an_everyday_verb_matches_only_as_written():
    # "dados" (data) has the lookup lemma "dar" (to give): "me deu um remédio" is not research.
    assert "research" not in suggested("pt", "O médico me deu um remédio e deram alta.")
    assert "research" in suggested("pt", "Não há dados sobre mulheres negras.")
