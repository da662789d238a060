"""Multilingual embeddings (issue 16, point 5): the model, the stored vectors, similar stories,
and the embedding layer of the classifier."""

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from nlp import embedding_classifier, embeddings, services
from nlp.models import StoryEmbedding
from nlp.selectors import similar_stories

# One story told in four languages, and an unrelated one.
SAME = {
    "fr": "Le médecin ne m'a pas écoutée quand je disais que j'avais mal. Il pensait que "
    "j'exagérais parce que je suis une femme noire. Je suis repartie sans traitement.",
    "en": "The doctor did not listen to me when I said I was in pain. He thought I was "
    "exaggerating because I am a Black woman. I left without any treatment.",
    "pt": "O médico não me ouviu quando eu disse que estava com dor. Ele achou que eu estava "
    "exagerando porque sou uma mulher negra. Saí sem nenhum tratamento.",
    "ja": "痛いと言ったのに、医者は私の話を聞いてくれませんでした。黒人の女性だから大げさに"
    "言っていると思われたのです。治療を受けずに帰りました。",
}
OTHER = (
    "The hospital car park was full, so we waited an hour for a space, and the machine "
    "for paying did not take cards."
)


def test_vectors_are_normalised_and_a_story_is_closest_to_its_translations():
    vectors = embeddings.embed([*SAME.values(), OTHER, ""])
    assert vectors.shape == (6, embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors[:5], axis=1), 1.0, atol=1e-3)
    assert not vectors[5].any()  # an empty text gets a zero row
    same = vectors[:4] @ vectors[:4].T
    other = vectors[:4] @ vectors[4]
    for i in range(4):
        for j in range(4):
            if i != j:
                assert same[i, j] > other[i] + 0.03, (i, j, same[i, j], other[i])


def test_stored_vectors_round_trip_in_half_precision():
    vector = embeddings.embed([SAME["en"]])[0]
    back = embeddings.from_bytes(embeddings.to_bytes(vector))
    assert len(embeddings.to_bytes(vector)) == embeddings.DIMENSIONS * 2
    assert float(back @ vector) > 0.999


def test_a_model_file_that_does_not_match_its_pinned_hash_is_refused(monkeypatch):
    monkeypatch.setattr(embeddings, "MODEL_SHA256", "0" * 64)
    with pytest.raises(ImproperlyConfigured, match="pinned hash"):
        embeddings._check_model()


def test_the_classifier_learns_thresholds_and_survives_a_round_trip():
    rng = np.random.default_rng(3)
    centres = embeddings.normalise(rng.normal(size=(2, embeddings.DIMENSIONS)))
    vectors, gold, lexicon_codes = [], [], []
    for i in range(80):
        label = "a" if i % 2 else "b"
        vectors.append(centres[i % 2] + rng.normal(scale=0.02, size=embeddings.DIMENSIONS))
        gold.append({label})
        # The lexicon finds both codes everywhere: the classifier must remove half of them.
        lexicon_codes.append({"a", "b"})
    vectors = embeddings.normalise(np.array(vectors, dtype=np.float32))
    model = embedding_classifier.train(vectors, gold, lexicon_codes, ["a", "b"])
    predicted = model.predict(vectors, lexicon_codes)
    assert embedding_classifier.micro_f1(gold, predicted, ["a", "b"]) > 0.95
    again = embedding_classifier.EmbeddingClassifier.from_bytes(model.to_bytes())
    assert again.labels == ["a", "b"] and (again.low, again.high) == (model.low, model.high)
    assert again.predict(vectors, lexicon_codes) == predicted


@pytest.fixture
def embedded(settings, codebook, make_story, django_capture_on_commit_callbacks):
    settings.NLP_EMBEDDINGS_ENABLED = True

    def make(text: str, language: str):
        story = make_story(text, declared_language=language)
        # The vector is queued after the analysis commits (eager tasks run it at once).
        with django_capture_on_commit_callbacks(execute=True) as queued:
            services.testimonies_analyse(testimony_ids=[story.pk])
        assert len(queued) == 1
        return story

    return make


def test_analysis_queues_the_vector_and_running_twice_adds_nothing(embedded):
    story = embedded(SAME["fr"], "fr")
    row = StoryEmbedding.objects.get(testimony=story)
    assert row.model_name == embeddings.MODEL_NAME and row.language == "fr"
    assert len(bytes(row.vector)) == embeddings.DIMENSIONS * 2
    assert services.testimonies_embed(testimony_ids=[story.pk]) == 0
    assert StoryEmbedding.objects.filter(testimony=story).count() == 1


def test_similar_stories_cross_languages_and_stay_in_scope(embedded, researcher, facilitator):
    french = embedded(SAME["fr"], "fr")
    japanese = embedded(SAME["ja"], "ja")
    other = embedded(OTHER, "en")
    found = similar_stories(user=researcher, testimony_id=french.pk)
    assert [pk for pk, _score in found] == [japanese.pk, other.pk]
    assert found[0][1] > found[1][1]
    assert similar_stories(user=facilitator, testimony_id=french.pk) == []


def test_withdrawal_and_losing_research_consent_remove_the_vector(embedded, researcher):
    from testimonies.services import testimony_withdraw

    first = embedded(SAME["en"], "en")
    second = embedded(SAME["pt"], "pt")
    testimony_withdraw(testimony=first, actor="participant")
    assert not StoryEmbedding.objects.filter(testimony=first).exists()
    services.on_scopes_narrowed(second.pk, {"research"})
    assert not StoryEmbedding.objects.filter(testimony=second).exists()
    assert similar_stories(user=researcher, testimony_id=second.pk) == []


def test_the_coding_screen_lists_similar_stories_in_other_languages(embedded, client, researcher):
    french = embedded(SAME["fr"], "fr")
    portuguese = embedded(SAME["pt"], "pt")
    client.force_login(researcher)
    page = client.get(reverse("coding:story", args=[french.pk])).content.decode()
    assert "Similar stories" in page
    link = reverse("coding:story", args=[portuguese.pk])
    assert link in page
    assert 'lang="pt"' in page
