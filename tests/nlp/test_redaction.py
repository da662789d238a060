"""Redaction: typed placeholders, the offset map, and recall on the labelled set."""

import pytest

from nlp.evaluation import load_jsonl, redaction_evaluate
from nlp.pipelines import NER_COMPONENTS, disabled_except, pipeline_for
from nlp.redaction import redact, to_original_offset, to_research_end, to_research_offset


def _fr(text):
    nlp = pipeline_for("fr")
    return redact(text, doc=nlp(text, disable=disabled_except(nlp, NER_COMPONENTS)), language="fr")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Écrivez à jean.dupont+soins@example.fr demain.", "Écrivez à [EMAIL] demain."),
        ("Call (617) 555-0142 tonight.", "Call [PHONE] tonight."),
        ("Ring +44 20 7946 0958 please.", "Ring [PHONE] please."),
        ("Mon portable : 06 12 34 56 78.", "Mon portable : [PHONE]."),
        ("Meu celular é +55 11 91234-5678.", "Meu celular é [PHONE]."),
        ("電話は090-1234-5678です", "電話は[PHONE]です"),
        ("My SSN is 078-05-1120.", "My SSN is [ID]."),
        ("NIR 2 85 05 75 123 456 78 sur la carte.", "NIR [ID] sur la carte."),
        ("We live at 12 Abbey Road, London NW8 9AH.", "We live at [ADDRESS]."),
        ("J'habite 5 bis rue de la Paix, 75002 Paris.", "J'habite [ADDRESS]."),
        (
            "My name is Grace Mbeki and Dr Okafor saw me.",
            "My name is [PERSON] and Dr [PERSON] saw me.",
        ),
        (
            "Mrs O'Brien saw Dr Okafor; Okafor's nurse came.",
            "Mrs [PERSON] saw Dr [PERSON]; [PERSON]'s nurse came.",
        ),
    ],
)
def test_identifiers_become_typed_placeholders(text, expected):
    assert redact(text, language="en").text == expected


def test_words_that_look_like_names_stay():
    text = "May was hard. I am Black and British; the GP in London was kind. In June I moved."
    assert redact(text, language="en").text == text


def test_french_model_and_rules_together():
    result = _fr("Le docteur Lefebvre m'a reçue avec Amadou Diallo, puis Lefebvre est parti.")
    assert result.text == "Le docteur [PERSON] m'a reçue avec [PERSON], puis [PERSON] est parti."


def test_offset_map_round_trips():
    text = "Bonjour, je m'appelle Nadia Benali, mon mail est nadia@example.org et j'ai mal."
    result = _fr(text)
    offsets = result.offset_map()
    # Text after every redaction keeps its meaning at the mapped offsets.
    start = text.index("j'ai mal")
    mapped = to_research_offset(offsets, start)
    assert result.text[mapped : mapped + 8] == "j'ai mal"
    assert to_original_offset(offsets, mapped) == start
    # A span over a name maps onto its whole placeholder.
    name = text.index("Nadia")
    s, e = to_research_offset(offsets, name), to_research_end(offsets, name + 5)
    assert result.text[s:e] == "[PERSON]"
    for r in result.replacements:
        assert result.text[r.new_start : r.new_end] == f"[{r.label}]"


def test_offsets_are_code_points_with_emoji_and_accents():
    text = "🙂 Élodie m'a dit : écrivez à elodie@example.fr 🙂 merci"
    result = _fr(text)
    assert result.text.endswith("[EMAIL] 🙂 merci")
    after = text.index("merci")
    assert result.text[to_research_offset(result.offset_map(), after) :] == "merci"


def test_recall_on_the_labelled_set_meets_the_bar(capsys):
    rows = load_jsonl("redaction_set.jsonl")
    assert len(rows) >= 50
    assert {r["language"] for r in rows} == {"fr", "en"}
    report = redaction_evaluate(rows)
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.gold["PERSON"] >= 40
    assert report.recall("PERSON") >= 0.95
    assert report.recall("EMAIL") == 1.0
    assert report.recall("PHONE") == 1.0
    assert report.recall("ID") == 1.0
    # Over-redaction stays rare: most placeholders cover a real identifier.
    assert report.spurious / report.predicted < 0.1
