"""Brazilian Portuguese redaction examples."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("A Dra. Fernanda Lima me atendeu.", "A Dra. [PERSON] me atendeu."),
    ("O Sr. Oliveira não me ouviu.", "O Sr. [PERSON] não me ouviu."),
    ("Meu nome é Ana Paula Souza.", "Meu nome é [PERSON]."),
    ("Me chamo Thiago.", "Me chamo [PERSON]."),
    ("Minha filha Beatriz estava comigo.", "Minha filha [PERSON] estava comigo."),
    ("Fui com a Dona Conceição ao posto.", "Fui com a Dona [PERSON] ao posto."),
    ("Depois a enfermeira Juliana explicou tudo.", "Depois a enfermeira [PERSON] explicou tudo."),
    ("Atenciosamente, João Pereira", "Atenciosamente, [PERSON]"),
    ("Obrigada por ouvir.\n— Raimunda", "Obrigada por ouvir.\n— [PERSON]"),
    ("Meu celular é (11) 91234-5678.", "Meu celular é [PHONE]."),
    ("Ligue para +55 21 2345-6789.", "Ligue para [PHONE]."),
    ("Meu e-mail é maria.souza@exemplo.com.br.", "Meu e-mail é [EMAIL]."),
    ("Meu CPF é 529.982.247-25.", "Meu CPF é [ID]."),
    ("CPF 52998224725 no cadastro.", "CPF [ID] no cadastro."),
    ("Moro na Rua das Flores, 123, apto 45.", "Moro na [ADDRESS]."),
    ("Fica na Av. Paulista, 1000, CEP 01310-100.", "Fica na [ADDRESS]."),
    ("O CEP é 01310-100.", "O CEP é [ADDRESS]."),
]
UNCHANGED = [
    "Esperei quatro horas no posto de saúde em São Paulo.",
    "Sou uma mulher negra e o médico não acreditou na minha dor.",
    "Paguei 150 reais em 12 de março de 2023.",
    "A Luz do dia entrava pela janela do hospital.",
    "Graças a Deus tudo deu certo.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifiers_are_replaced(text, expected):
    assert redacted(text, "pt") == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_stay(text):
    assert redacted(text, "pt") == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bruno chegou depois.", "[PERSON] chegou depois."),
        ("Rosa, minha vizinha, ajudou.", "[PERSON], minha vizinha, ajudou."),
        ("Graça me levou de carro.", "Graça me levou de carro."),
    ],
)
def test_names_at_the_start_of_a_sentence(text, expected):
    assert redacted(text, "pt") == expected


# Issue 16: names and addresses the development set showed were missed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name set off by commas after its article.
        ("A recepcionista, a Dedé, me chamou.", "A recepcionista, a [PERSON], me chamou."),
        ("Quem ajudou foi uma vizinha, a Rosinete.", "Quem ajudou foi uma vizinha, a [PERSON]."),
        ("Todos me chamam de Juca, mas não ligo.", "Todos me chamam de [PERSON], mas não ligo."),
        ("Vim depois de casar com o Wellington.", "Vim depois de casar com o [PERSON]."),
        ("Chamaram a paciente Iara na sala.", "Chamaram a paciente [PERSON] na sala."),
        ("Falei com o pastor Marcelino ontem.", "Falei com o pastor [PERSON] ontem."),
        ("Foi isso que vivi.\nAssinado: Genivaldo", "Foi isso que vivi.\nAssinado: [PERSON]"),
        # A signature the name lists do not know, with or without a role under it.
        ("Espero que mudem.\nDjalma", "Espero que mudem.\n[PERSON]"),
        (
            "Ninguém traduziu.\nKelly Condori Apaza\nagente comunitária, Brás",
            "Ninguém traduziu.\n[PERSON]\nagente comunitária, Brás",
        ),
        # Addresses with the neighbourhood, or with a house part and the CEP.
        ("Moro na Rua Serra Azul, 55, Jardim Esperança, perto.", "Moro na [ADDRESS], perto."),
        ("Fica na Travessa do Sol, 12, fundos, CEP 04321-000.", "Fica na [ADDRESS]."),
    ],
)
def test_issue16_names_and_addresses(text, expected):
    assert redacted(text, "pt") == expected


def test_a_capitalised_word_after_an_article_mid_sentence_stays():
    text = "Entramos no posto e a Vila inteira esperava."
    assert redacted(text, "pt") == text


def test_a_neighbourhood_named_after_a_person_stays():
    text = "Fui ao posto da Vila Mariana de manhã."
    assert redacted(text, "pt") == text
