"""The per-language evaluation (tests/data/labelled format) on a tiny fixture set."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nlp.evaluation import LayerScores, redaction_evaluate
from nlp.evaluation_languages import (
    EMBEDDING_LAYER,
    LanguageThemes,
    classifier_layer,
    embedding_layers,
    layer_summary,
    layers_in_use,
    lexicon_layer,
    load_labelled,
    redaction_by_language,
    redaction_table,
    score_layer,
    theme_language_table,
    themes_of,
)

FIXTURE = Path(__file__).resolve().parent / "data" / "labelled"


def test_load_keeps_every_language_found_and_its_split():
    rows = load_labelled(FIXTURE)
    assert {r["language"] for r in rows} == {"pt", "ja"}
    assert {r["split"] for r in rows} == {"dev", "heldout"}
    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]
    assert load_labelled(FIXTURE, languages=("de",)) == []


def test_a_sub_code_counts_for_its_theme():
    assert themes_of(["not_listened_to", "accessible_information"]) == {
        "person_centred",
        "communication",
    }
    assert themes_of(["research", "unknown"]) == {"research"}


def test_other_words_replaced_are_counted_outside_gold_identifiers():
    text = "I am Rose Tan and May was hard."
    row = {"id": "x", "language": "en", "text": text, "spans": []}
    report = redaction_evaluate([row])
    # 8 words, none of them an identifier in this gold: whatever was replaced counts.
    assert report.other_words == 8
    gold = {**row, "spans": [{"start": 5, "end": 13, "label": "PERSON", "text": "Rose Tan"}]}
    report = redaction_evaluate([gold])
    assert report.other_words == 6 and report.gold["PERSON"] == 1


def test_japanese_counts_characters():
    row = {"id": "j", "language": "ja", "text": "田中さんは親切。", "spans": []}
    assert redaction_evaluate([row]).other_words == 7


def test_redaction_table_has_both_splits_per_language():
    reports = redaction_by_language(load_labelled(FIXTURE))
    assert set(reports) == {"pt", "ja"}
    assert reports["pt"]["dev"].gold["PERSON"] == 1
    assert reports["pt"]["heldout"].gold["PHONE"] == 1
    lines = redaction_table(reports)
    assert "development: gold" in lines[0] and "held-out: gold" in lines[0]
    assert [line[:13] for line in lines[1:]] == [
        "pt   PERSON  ",
        "pt   PHONE   ",
        "pt   other   ",
        "ja   PERSON  ",
        "ja   other   ",
    ]


def test_lexicon_layer_judges_each_language_on_held_out_stories():
    results = {r.language: r for r in lexicon_layer(load_labelled(FIXTURE))}
    pt, ja = results["pt"], results["ja"]
    assert pt.stories == {"dev": 2, "heldout": 2}
    assert pt.themes["heldout"].recall() == 1.0 and pt.verdict() == (True, [])
    # One of the two workforce stories is found: recall 0.5, a miss.
    assert ja.themes["heldout"].tp["workforce"] == 1
    assert ja.themes["heldout"].fn["workforce"] == 1
    ok, reasons = ja.verdict()
    assert not ok and reasons == ["recall 0.50 < 0.8"]
    table = theme_language_table(ja)
    assert table[0].startswith("lexicon, ja: 1 development and 2 held-out stories")
    assert any(line.startswith("workforce") and line.endswith("MISS") for line in table)
    assert any(line.startswith("micro average") and line.endswith("MISS") for line in table)


def test_a_theme_never_suggested_is_a_miss_even_with_good_averages():
    held = LayerScores("heldout")
    for _ in range(9):
        held.add({"person_centred"}, {"person_centred"})
    held.add({"workforce"}, set())
    result = LanguageThemes(
        "lexicon",
        "de",
        {"dev": LayerScores("dev"), "heldout": held},
        {"dev": LayerScores("dev"), "heldout": LayerScores("heldout")},
        {"dev": 0, "heldout": 10},
    )
    ok, reasons = result.verdict()
    assert held.recall() == 0.9 and held.precision() == 1.0
    assert not ok and reasons == ["never suggested where expected: workforce"]


def test_classifier_layer_scores_every_language():
    results = classifier_layer(load_labelled(FIXTURE), folds=2)
    assert {r.language for r in results} == {"pt", "ja"}
    assert all(r.layer.startswith("textcat") for r in results)
    assert sum(r.stories["heldout"] for r in results) == 4


def test_embedding_layers_score_every_language_and_the_transfer_between_them():
    results = embedding_layers(load_labelled(FIXTURE), folds=2)
    layers = {r.layer for r in results}
    assert layers == {
        "lexicon + embeddings (trained on development)",
        "lexicon + embeddings trained without this language",
    }
    assert {(r.layer, r.language) for r in results} == {
        (layer, lang) for layer in layers for lang in ("pt", "ja")
    }
    summary = "\n".join(layer_summary(lexicon_layer(load_labelled(FIXTURE)) + results))
    assert "lexicon + embeddings trained without this language:" in summary
    assert "beats the lexicon's held-out F1" in summary


@pytest.mark.django_db
def test_command_prints_the_tables_and_fails_on_a_miss_when_asked():
    out = StringIO()
    args = ["--labelled-dir", str(FIXTURE), "--labelled-only", "--no-classifier", "--no-embeddings"]
    call_command("nlp_evaluate", *args, stdout=out)
    text = out.getvalue()
    assert "Redaction by language on 7 labelled stories (ja, pt)" in text
    assert "lexicon, pt: 2 development and 2 held-out stories" in text
    assert "MISS: held-out theme goals missed in ja" in text
    with pytest.raises(CommandError, match="missed in ja"):
        call_command("nlp_evaluate", *args, "--fail-on-miss", stdout=StringIO())


@pytest.mark.django_db
def test_command_without_labelled_sets_says_so(tmp_path):
    out = StringIO()
    call_command("nlp_evaluate", "--labelled-dir", str(tmp_path), "--labelled-only", stdout=out)
    assert "No per-language labelled set" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "nlp_evaluate", "--labelled-dir", str(tmp_path), "--labelled-only", "--fail-on-miss"
        )


def test_the_goals_are_judged_on_the_layer_in_use():
    themes = ["education", "research", "community", "person_centred", "communication", "workforce"]
    rows = [
        {"language": "pt", "split": split, "codes": [theme]}
        for split in ("dev", "heldout")
        for theme in themes
    ]
    right = [{row["codes"][0]} for row in rows]
    wrong = [{"research"} for _row in rows]
    lexicon = score_layer("lexicon", rows, wrong)
    embeddings = score_layer(EMBEDDING_LAYER, rows, right)
    [chosen] = layers_in_use(lexicon + embeddings)
    assert chosen.layer == EMBEDDING_LAYER and chosen.verdict()[0]
    [chosen] = layers_in_use(
        score_layer("lexicon", rows, right) + score_layer(EMBEDDING_LAYER, rows, wrong)
    )
    assert chosen.layer == "lexicon" and chosen.verdict()[0]
    [chosen] = layers_in_use(lexicon)
    assert chosen.layer == "lexicon" and not chosen.verdict()[0]
