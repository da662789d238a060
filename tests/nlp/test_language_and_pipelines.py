import gc
import logging

import pytest

from nlp import pipelines
from nlp.language import language_detect


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le médecin ne m'a pas écoutée quand je lui ai parlé de ma douleur.", "fr"),
        ("The doctor did not listen to me when I described the pain.", "en"),
        ("O médico não me ouviu quando falei da minha dor.", "pt"),
        ("El médico no me escuchó cuando le hablé de mi dolor.", "es"),
        ("Der Arzt hat mir nicht zugehört, als ich von meinen Schmerzen sprach.", "de"),
        ("医者は私の痛みの話を聞いてくれなかった。", "ja"),
    ],
)
def test_detects_the_programme_languages_with_a_confidence(text, code):
    result = language_detect(text=text)
    assert result.code == code
    assert result.method == "lingua"
    assert 0.3 < result.confidence <= 1


def test_declared_language_wins():
    result = language_detect(text="The doctor did not listen.", declared="fr")
    assert (result.code, result.confidence, result.method) == ("fr", 1.0, "declared")


def test_empty_text_says_nothing():
    assert language_detect(text="   ").code == ""


def test_each_pipeline_loads_once_per_process():
    assert pipelines.pipeline_for("fr") is pipelines.pipeline_for("fr-CA")
    assert pipelines.pipeline_for("en") is pipelines.pipeline_for("en-GB")
    fr = pipelines.pipeline_for("fr")
    assert pipelines.has_model(fr) and pipelines.has_lemmas(fr)
    assert "parser" not in fr.pipe_names
    assert not pipelines.has_model(pipelines.pipeline_for("en"))


def test_japanese_uses_sudachi_with_part_of_speech_tags():
    nlp = pipelines.pipeline_for("ja")
    assert nlp.lang == "ja"
    doc = nlp("佐藤健太さんは東京都新宿区に住んでいます。")
    assert [t.text for t in doc][:2] == ["佐藤", "健太"]
    assert "人名" in doc[0].tag_ and "人名" in doc[1].tag_
    # Split mode C keeps the place name whole.
    assert "東京都新宿区" in [t.text for t in doc]


@pytest.mark.parametrize(
    ("lang", "word", "lemma"),
    [
        ("en", "complaints", "complaint"),
        ("pt", "médicos", "médico"),
        ("es", "escucharon", "escuchar"),
        ("de", "Ärzte", "Arzt"),
    ],
)
def test_blank_pipelines_have_lookup_lemmas(lang, word, lemma):
    nlp = pipelines.pipeline_for(lang)
    assert pipelines.has_lemmas(nlp) and not pipelines.has_model(nlp)
    assert nlp(word)[0].lemma_ == lemma


def test_a_loaded_pipeline_is_left_out_of_full_collections(monkeypatch):
    """The pipeline and what it loaded live as long as the process: they are frozen, so the
    garbage collector's full collections stop walking them (docs/dev/scale.md)."""
    monkeypatch.setattr(pipelines, "_cache", {})
    nlp = pipelines.pipeline_for("en")
    lemmatizer = nlp.get_pipe("lemmatizer")
    walked = {id(o) for o in gc.get_objects()}
    assert id(nlp) not in walked and id(lemmatizer) not in walked
    assert gc.get_freeze_count() > 0
    assert nlp("doctors")[0].lemma_ == "doctor"  # still whole and in use


def test_a_missing_lookup_table_leaves_forms_only(monkeypatch, caplog):
    monkeypatch.setattr(pipelines, "_cache", {})

    from spacy.pipeline import Lemmatizer

    def broken(component, *args, **kwargs):
        raise ValueError("no table")

    monkeypatch.setattr(Lemmatizer, "initialize", broken)
    with caplog.at_level(logging.WARNING, logger="nlp.pipelines"):
        nlp = pipelines.pipeline_for("es")
    assert not pipelines.has_lemmas(nlp)
    assert any("No lookup lemmas for es" in r.getMessage() for r in caplog.records)


def test_a_missing_model_falls_back_to_rules_with_one_log_line(monkeypatch, caplog):
    monkeypatch.setitem(pipelines.MODEL_PACKAGES, "de", "de_core_news_missing")
    monkeypatch.setattr(pipelines, "_cache", {})
    with caplog.at_level(logging.WARNING, logger="nlp.pipelines"):
        first = pipelines.pipeline_for("de")
        second = pipelines.pipeline_for("de")
    assert first is second
    assert not pipelines.has_model(first)
    lines = [r for r in caplog.records if "de_core_news_missing" in r.getMessage()]
    assert len(lines) == 1
    assert "falls back to rules" in lines[0].getMessage()


def test_analysed_docs_skip_empty_texts_and_match_one_pass():
    nlp = pipelines.pipeline_for("fr")
    texts = ["Marie Dupont habite à Lyon.", "", "Les médecins écoutaient."]
    calls = []
    real_pipe = nlp.pipe

    def counting_pipe(batch, **kwargs):
        batch = list(batch)
        calls.append(batch)
        return real_pipe(batch, **kwargs)

    docs = pipelines.analysed_docs(nlp, texts)
    expected = list(
        nlp.pipe(texts, disable=pipelines.disabled_except(nlp, pipelines.ANALYSIS_COMPONENTS))
    )
    nlp.pipe = counting_pipe
    try:
        pipelines.analysed_docs(nlp, texts)
    finally:
        del nlp.pipe
    assert calls == [[texts[0], texts[2]]]  # the empty text is not piped
    assert [d.text for d in docs] == texts
    assert len(docs[1]) == 0
    for doc, want in zip(docs, expected, strict=True):
        assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in want.ents]
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in want]
