"""What the per-story path does beyond one spaCy pass, kept small (issue 22 point 3): Japanese
tokenized once a story (its themes read from the text, in a re-tag too), and the lexicon's
revision read once a language in a batch's tagging."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nlp import pipelines, services
from nlp.services import analysis
from nlp.services.analysis import _redact_group
from testimonies.models import ResearchCopy

PLAIN = "病院で五時間待たされたが、誰も何も説明してくれなかった。"
NAMED = "看護師の佐藤さんは丁寧に話を聞いてくれた。"


@pytest.fixture
def tokenized(monkeypatch):
    """Every text the Japanese tokenizer runs on."""
    nlp = pipelines.pipeline_for("ja")
    real = nlp.tokenizer
    calls: list[str] = []

    def spy(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(nlp, "tokenizer", spy)
    return calls


def _story(pk: int, text: str):
    return SimpleNamespace(pk=pk, text=text, title="", restore_trust="")


def test_a_japanese_story_is_tokenized_once_for_redaction_and_themes(tokenized):
    if not pipelines.tags_names(pipelines.pipeline_for("ja")):
        pytest.skip("no Sudachi tokenizer")
    results, docs = _redact_group("ja", [_story(1, PLAIN), _story(2, NAMED)])
    assert results[1].body.text == PLAIN and not results[1].body.replacements
    assert results[2].body.text == "看護師の[PERSON]さんは丁寧に話を聞いてくれた。"
    # The originals once each, for the name tags; not the research text, even where a name was
    # replaced: Japanese themes are matched in the text itself (empty titles get an empty Doc).
    assert sorted(t for t in tokenized if t) == sorted([PLAIN, NAMED])
    assert docs == {1: None, 2: None}


@pytest.mark.django_db
def test_tagging_japanese_stories_runs_no_pipeline(make_story, codebook, tokenized, monkeypatch):
    """A re-tag of Japanese stories reads their research texts: no tokenizer, no pipeline, and
    the same suggestions as from a Doc of each text."""
    services.lexicon_seed()
    story = make_story(
        "差別されたと感じた。医師は説明してくれず、通訳もいなかった。", declared_language="ja"
    )
    analysis.testimonies_analyse(testimony_ids=[story.pk])
    monkeypatch.setattr(
        pipelines.pipeline_for("ja"), "pipe", lambda *a, **k: pytest.fail("the pipeline ran")
    )
    tokenized.clear()
    assert analysis.testimonies_tag(testimony_ids=[story.pk]) == 1
    assert [t for t in tokenized if t] == []
    matcher = services.lexicon_matcher("ja")
    text = ResearchCopy.objects.get(testimony=story).redacted_text
    from_text = matcher.suggest(None, text)
    assert from_text and from_text == matcher.suggest(pipelines.pipeline_for("ja").make_doc(text))
    with pytest.raises(ValueError):
        services.lexicon_matcher("fr").suggest(None, "Le médecin ne m'a pas écoutée.")


@pytest.mark.django_db
def test_tagging_a_batch_reads_the_lexicon_revision_once_a_language(make_story, codebook):
    services.lexicon_seed()
    ids = [
        make_story(f"Le médecin ne m'a pas écoutée ({i}).", declared_language="fr").pk
        for i in range(3)
    ]
    analysis.testimonies_analyse(testimony_ids=ids)
    with CaptureQueriesContext(connection) as queries:
        assert analysis.testimonies_tag(testimony_ids=ids) == 3
    revisions = [q for q in queries.captured_queries if "nlp_lexiconrevision" in q["sql"]]
    assert len(revisions) == 1
