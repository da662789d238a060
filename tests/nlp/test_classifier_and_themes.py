"""The learned layer (embeddings, and the older textcat) and the precision/recall report."""

import pytest

from coding.models import Code, CodeApplication
from nlp import classifier, services
from nlp.evaluation import load_jsonl, theme_evaluate, theme_table
from nlp.models import ClassifierVersion
from testimonies.models import ResearchCopy

THEMES = load_jsonl("themes_set.jsonl")


@pytest.fixture
def coded_stories(codebook, make_story, researcher):
    """Stories with researchers' own document-level codes (the gold codes of the labelled set)."""
    codes = {c.key: c for c in Code.objects.filter(codebook=codebook)}
    made = []
    for row in THEMES[:40] + THEMES[57:97]:
        story = make_story(row["text"], declared_language=row["language"])
        ResearchCopy.objects.filter(testimony=story).update(detected_language=row["language"])
        CodeApplication.objects.bulk_create(
            CodeApplication(testimony=story, code=codes[key], coder=researcher, source="human",
                            status="accepted")
            for key in row["codes"]
        )  # fmt: skip
        made.append(story)
    return made


@pytest.mark.django_db
def test_not_enough_decisions_trains_nothing(codebook, make_story):
    version = services.classifier_train()
    assert version.status == ClassifierVersion.Status.NOT_ENOUGH_DATA
    assert not version.is_active and version.model is None
    assert classifier.active_classifier() is None


@pytest.mark.slow
@pytest.mark.django_db
def test_a_version_is_used_only_in_the_languages_where_it_beats_the_lexicon(
    coded_stories, monkeypatch
):
    # The stories' multilingual vectors (the worker makes them after each analysis).
    assert services.testimonies_embed(testimony_ids=[s.pk for s in coded_stories]) == 80
    version = services.classifier_train()
    assert version.status == "ready" and version.version == 1 and version.kind == "embedding"
    assert version.train_size + version.heldout_size == 80
    assert version.heldout_size >= 10
    assert set(version.labels) >= {"person_centred", "education"}
    by_language = version.scores["languages"]
    assert set(by_language) == {"fr", "en"}
    assert version.languages_in_use == classifier.languages_beating_lexicon(by_language)
    assert version.is_active == bool(version.languages_in_use)
    assert version.scores["classifier"]["micro"]["f1"] == version.classifier_f1
    print(
        f"\nheld out: embeddings F1 {version.classifier_f1} vs lexicon F1 {version.lexicon_f1}; "
        f"in use for {version.languages_in_use}"
    )

    # A lexicon that finds nothing: the next version beats it everywhere and takes over.
    from nlp import lexicon

    monkeypatch.setattr(lexicon, "lexicon_predict", lambda rows, matchers: [set() for _ in rows])
    second = services.classifier_train()
    assert second.version == 2 and second.is_active and second.lexicon_f1 == 0
    assert second.languages_in_use == ["en", "fr"]
    assert ClassifierVersion.objects.filter(is_active=True).count() == 1
    loaded = classifier.active_classifier()
    assert loaded.version == 2 and loaded.used_for("fr") and not loaded.used_for("ja")
    # Its suggestions carry its version; the lexicon still gives the evidence spans.
    story = coded_stories[0]
    services.testimonies_tag(testimony_ids=[s.pk for s in coded_stories])
    versions = set(
        CodeApplication.objects.filter(source="machine").values_list("model_version", flat=True)
    )
    assert "e5-v2" in versions
    assert CodeApplication.objects.filter(testimony=story, source="human").exists()

    # The real lexicon again, edited: both layers are scored anew, language by language.
    monkeypatch.undo()
    services.lexicon_entry_create(language="fr", code_key="judged", value="méprisée", user=None)
    rechecked = classifier.classifier_recheck()
    assert rechecked.version == 2 and rechecked.lexicon_f1 > 0
    assert rechecked.languages_in_use == classifier.languages_beating_lexicon(
        rechecked.scores["languages"]
    )
    assert rechecked.is_active == bool(rechecked.languages_in_use)


def test_theme_precision_and_recall_of_both_layers(capsys):
    assert len(THEMES) >= 100 and {r["language"] for r in THEMES} == {"fr", "en"}
    layers = theme_evaluate(THEMES)
    codes = sorted({c for r in THEMES for c in r["codes"]})
    with capsys.disabled():
        print(f"\nThemes on {len(THEMES)} labelled stories")
        print("\n".join(theme_table(layers, codes)))
    lexicon, textcat = layers
    assert lexicon.precision() >= 0.7 and lexicon.recall() >= 0.85
    for theme in ("education", "research", "community", "person_centred", "communication",
                  "workforce"):  # fmt: skip
        assert lexicon.recall(theme) >= 0.8, theme
    # The classifier learns from ~90 stories per fold: it must beat chance, not the lexicon.
    assert textcat.precision() >= 0.5 and textcat.recall() > 0.1


@pytest.mark.django_db(transaction=True)
def test_two_trainers_number_their_versions_one_at_a_time(postgres):
    """The second trainer waits for the first one's commit, then takes the next number."""
    import threading
    import time

    from django.db import connection, transaction

    first_locked, numbers, errors = threading.Event(), [], []

    def first():
        try:
            with transaction.atomic():
                numbers.append(classifier._version_create(user=None).version)
                first_locked.set()
                time.sleep(0.5)  # the second trainer starts meanwhile, and must wait
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            first_locked.set()
            connection.close()

    def second():
        first_locked.wait(5)
        try:
            numbers.append(classifier._version_create(user=None).version)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not errors
    assert numbers == [1, 2]
    assert sorted(ClassifierVersion.objects.values_list("version", flat=True)) == [1, 2]
