"""Street addresses in more of each language's forms (issue 16): Colombian and Peruvian streets,
"s/n", units, a city and state after the number, Portugal's postcodes; German hyphenated and
preposition streets, house-number ranges, Austrian and Swiss postcodes; Japanese rural lots,
buildings and rooms. Our own examples, none from the labelled sets."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("es", "Vivo en Calle de Alcalá, 45, 3.º izq., 28014 Madrid desde hace años."),
    ("es", "La clínica está en Avenida Insurgentes Sur 1602, Col. Crédito Constructor, "),
    ("es", "Vivíamos en la Carrera 7 # 45-10 en Bogotá."),
    ("es", "Mi casa queda en la Calle 72 No. 10-34, apartamento 301."),
    ("es", "La sede está en Camino Real s/n, Toledo."),
    ("es", "La asociación está en Jr. Junín 345, Lima."),
    ("es", "Me enviaron la carta a Pasaje Los Aromos 1120, Santiago."),
    ("es", "Vivo en la calle Hidalgo #45, colonia Centro, en Oaxaca."),
    ("pt", "Moro na Rua Augusta, 1500 - Consolação, São Paulo - SP, 01304-001 há dez anos."),
    ("pt", "A casa é na Rua das Flores, s/n, perto da igreja."),
    ("pt", "O escritório é na Alameda Santos, 2000, conjunto 12."),
    ("pt", "Moramos na Ladeira do Carmo, 32."),
    ("pt", "Moro em Lisboa, na Rua Augusta 120, 2.º Esq., 1100-053 Lisboa."),
    ("pt", "Moro na Rua Tal, n.º 45, bairro Boa Vista."),
    ("de", "Wir wohnen in der Karl-Marx-Allee 34, 10178 Berlin."),
    ("de", "Die Botschaft ist Unter den Linden 77."),
    ("de", "Die Klinik ist in der Bahnhofstraße 3-5."),
    ("de", "Die Beratung findet in der Straße des 17. Juni 135 statt."),
    ("de", "Treffpunkt ist Alter Markt 4 in Köln."),
    ("de", "Wir wohnen in der Landstraßer Hauptstraße 12, 1030 Wien."),
    ("de", "Die Praxis ist in der Zürcher Strasse 8, 8001 Zürich."),
    ("ja", "住所は沖縄県国頭郡本部町字豊原123です。"),
    ("ja", "私は東京都足立区千住旭町40-12 ハイツ千住305号室に住んでいます。"),
    ("ja", "私の住所は、東京都品川区大井1-14-1、大井マンション203です。"),
]
EXPECTED = {
    "Calle de Alcalá": "Calle de Alcalá, 45, 3.º izq., 28014 Madrid",
    "Insurgentes": "Avenida Insurgentes Sur 1602, Col. Crédito Constructor",
    "Carrera": "Carrera 7 # 45-10",
    "Calle 72": "Calle 72 No. 10-34, apartamento 301",
    "Camino": "Camino Real s/n, Toledo",
    "Junín": "Jr. Junín 345, Lima",
    "Aromos": "Pasaje Los Aromos 1120, Santiago",
    "Hidalgo": "calle Hidalgo #45, colonia Centro",
    "Augusta, 1500": "Rua Augusta, 1500 - Consolação, São Paulo - SP, 01304-001",
    "Flores": "Rua das Flores, s/n",
    "Santos": "Alameda Santos, 2000, conjunto 12",
    "Ladeira": "Ladeira do Carmo, 32",
    "Augusta 120": "Rua Augusta 120, 2.º Esq., 1100-053 Lisboa",
    "Rua Tal": "Rua Tal, n.º 45, bairro Boa Vista",
    "Karl-Marx": "Karl-Marx-Allee 34, 10178 Berlin",
    "Linden": "Unter den Linden 77",
    "Bahnhof": "Bahnhofstraße 3-5",
    "Juni": "Straße des 17. Juni 135",
    "Markt": "Alter Markt 4",
    "Landstraßer": "Landstraßer Hauptstraße 12, 1030 Wien",
    "Zürcher": "Zürcher Strasse 8, 8001 Zürich",
    "豊原": "沖縄県国頭郡本部町字豊原123",
    "千住": "東京都足立区千住旭町40-12 ハイツ千住305号室",
    "大井": "東京都品川区大井1-14-1、大井マンション203",
}


@pytest.mark.parametrize(("language", "text"), CASES)
def test_the_whole_address_is_replaced(language, text):
    address = next(v for k, v in EXPECTED.items() if k in text)
    assert redacted(text, language) == text.replace(address, "[ADDRESS]")


UNCHANGED = [
    ("de", "Ich war am Montag 3 Stunden dort. Im Jahr 2019 war ich 5 Mal da."),
    ("de", "Am Ende 2 Tage später. In der Klinik 4 Wochen."),
    ("es", "Estuve 3 horas en la Sala 4 de urgencias."),
    ("pt", "Fiquei na sala 2 por 3 horas."),
    ("ja", "東京都内で3回、病院に2回行きました。区役所で1時間待ちました。"),
    ("ja", "大阪市の病院では5分しか話せませんでした。"),
]


@pytest.mark.parametrize(("language", "text"), UNCHANGED)
def test_counts_and_years_are_not_addresses(language, text):
    assert redacted(text, language) == text
