"""What the per-story path does beyond one spaCy pass, kept small (issue 22 point 3): Japanese
tokenized once a story, and the lexicon's revision read once a language in a batch's tagging."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nlp import pipelines, services
from nlp.services import analysis
from nlp.services.analysis import _redact_group

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
    # The original once each; the research text again only where a name was replaced (empty
    # titles get an empty Doc).
    assert sorted(t for t in tokenized if t) == sorted([PLAIN, NAMED, results[2].body.text])
    assert docs[1].text == PLAIN and docs[2].text == results[2].body.text


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
