"""Analysis, theme suggestions, lexicon edits and erasure, through the services."""

import pytest

from coding.models import CodeApplication
from coding.services.suggestions import _suggestions_insert
from nlp import services
from nlp.models import LexiconEntry, LexiconRevision, NlpFailure, StoryAnalysis
from testimonies.models import ResearchCopy

pytestmark = pytest.mark.django_db

FR_STORY = (
    "Je m'appelle Nadia Benali. Le docteur Lefebvre ne m'a pas écoutée, il m'a jugée. "
    "Appelez-moi au 06 12 48 73 90 ou écrivez à nadia.b@example.fr."
)
EN_STORY = (
    "My name is Amara Okafor. The consultant did not listen and I felt judged. Nurses "
    "should get training on unconscious bias. Call me on 07700 900461."
)


def _machine(testimony):
    return CodeApplication.objects.filter(testimony=testimony, source="machine")


def test_analysis_writes_the_research_copy_language_and_suggestions(codebook, make_story):
    story = make_story(FR_STORY)
    assert services.testimonies_analyse(testimony_ids=[story.pk]) == 1
    copy = ResearchCopy.objects.get(testimony=story)
    assert copy.redacted_text == (
        "Je m'appelle [PERSON]. Le docteur [PERSON] ne m'a pas écoutée, il m'a jugée. "
        "Appelez-moi au [PHONE] ou écrivez à [EMAIL]."
    )
    assert copy.redaction_method == ResearchCopy.Method.SPACY
    assert copy.detected_language == "fr" and copy.language_confidence > 0.5
    analysis = StoryAnalysis.objects.get(testimony=story)
    assert analysis.redaction_counts["PERSON"] == 2
    assert analysis.language_method == "lingua"
    suggestions = {a.code.key: a for a in _machine(story).select_related("code")}
    assert {"not_listened_to", "judged", "person_centred"} <= set(suggestions)
    for application in suggestions.values():
        assert application.status == "suggested"
        assert application.start is None  # document level, with its evidence span
        evidence = copy.redacted_text[application.evidence_start : application.evidence_end]
        assert evidence
        assert 0 < application.confidence <= 1
        assert application.model_version.startswith("lexicon-fr-r")
    heard = suggestions["not_listened_to"]
    assert "écoutée" in copy.redacted_text[heard.evidence_start : heard.evidence_end]


def test_declared_language_wins_and_english_uses_rules(codebook, make_story):
    story = make_story(EN_STORY, declared_language="en-GB")
    services.testimonies_analyse(testimony_ids=[story.pk])
    copy = ResearchCopy.objects.get(testimony=story)
    assert copy.detected_language == "en-GB" and copy.language_confidence == 1.0
    assert copy.redaction_method == ResearchCopy.Method.RULES
    assert "[PERSON]" in copy.redacted_text and "[PHONE]" in copy.redacted_text
    keys = set(_machine(story).values_list("code__key", flat=True))
    assert {"not_listened_to", "judged", "unconscious_bias", "education"} <= keys


def test_running_twice_adds_nothing(codebook, make_story):
    story = make_story(FR_STORY)
    services.testimonies_analyse(testimony_ids=[story.pk])
    first = sorted(_machine(story).values_list("id", "code_id"))
    services.testimonies_analyse(testimony_ids=[story.pk])
    services.testimonies_tag(testimony_ids=[story.pk, story.pk])
    assert sorted(_machine(story).values_list("id", "code_id")) == first
    assert StoryAnalysis.objects.filter(testimony=story).count() == 1


def test_a_suggestion_a_concurrent_run_wrote_first_stands(codebook, make_story):
    story = make_story(FR_STORY)
    services.testimonies_analyse(testimony_ids=[story.pk])
    judged = _machine(story).get(code__key="judged")
    before = sorted(_machine(story).values_list("id", "code_id", "confidence"))
    # The same row again, as a second run of the batch would insert it: nothing changes.
    # NOTE: coding owns the write (coding.services.suggestions); a row is key then values.
    _suggestions_insert(
        rows=[(story.pk, judged.code_id, None, None, 0.99, "other-run", 0, 5)],
        now=judged.created_at,
    )
    assert sorted(_machine(story).values_list("id", "code_id", "confidence")) == before
    judged.refresh_from_db()
    assert judged.model_version.startswith("lexicon-fr-r") and judged.updated_at is not None


def test_reviewed_suggestions_are_kept_and_stale_pending_ones_go(codebook, make_story, researcher):
    from coding.services import suggestion_accept, suggestion_reject

    story = make_story(FR_STORY)
    services.testimonies_analyse(testimony_ids=[story.pk])
    judged = _machine(story).get(code__key="judged")
    heard = _machine(story).get(code__key="not_listened_to")
    suggestion_reject(suggestion=judged, user=researcher)
    suggestion_accept(suggestion=heard, user=researcher)
    # A researcher disables every French term of "judged" and "not listened to".
    for entry in LexiconEntry.objects.filter(
        language="fr", code_key__in=["judged", "not_listened_to", "person_centred"]
    ):
        services.lexicon_entry_update(entry=entry, user=researcher, is_active=False)
    services.testimonies_tag(testimony_ids=[story.pk])
    judged.refresh_from_db()
    heard.refresh_from_db()
    assert judged.status == "rejected" and heard.status == "accepted"
    assert not _machine(story).filter(code__key="person_centred", status="suggested").exists()


def test_a_lexicon_edit_changes_the_next_suggestions(codebook, make_story, researcher):
    story = make_story("Les dépassements d'honoraires m'ont empêchée de consulter.")
    services.testimonies_analyse(testimony_ids=[story.pk])
    assert not _machine(story).filter(code__key="not_welcome").exists()
    before = LexiconRevision.objects.get(language="fr").revision
    services.lexicon_entry_create(
        language="fr", code_key="not_welcome", value="dépassement d'honoraires", user=researcher
    )
    assert LexiconRevision.objects.get(language="fr").revision == before + 1
    services.testimonies_tag(testimony_ids=[story.pk])
    suggestion = _machine(story).get(code__key="not_welcome")
    text = ResearchCopy.objects.get(testimony=story).redacted_text
    # Matched on lemmas: the plural in the story, the singular in the lexicon; the evidence is
    # the sentence the match is in (here the whole story).
    assert text[suggestion.evidence_start : suggestion.evidence_end] == text
    assert "dépassements d'honoraires" in text
    assert suggestion.model_version == f"lexicon-fr-r{before + 1}"


def test_bad_lexicon_entries_are_refused_per_field(codebook, researcher):
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as exc:
        services.lexicon_entry_create(language="xx", code_key="nope", value=" ", user=researcher)
    assert set(exc.value.field_errors) == {"language", "code_key", "value"}
    with pytest.raises(ApplicationError) as exc:
        services.lexicon_entry_create(
            language="en", code_key="judged", kind="pattern", value='[{"NOPE": 1}]', user=researcher
        )
    assert "value" in exc.value.field_errors
    with pytest.raises(ApplicationError) as exc:
        services.lexicon_entry_create(
            language="en", code_key="judged", value="judged", user=researcher
        )
    assert "already" in exc.value.field_errors["value"][0]
    pattern = services.lexicon_entry_create(
        language="en",
        code_key="judged",
        kind="pattern",
        value='[{"LOWER": "looked"}, {"LOWER": "down"}]',
        user=researcher,
    )
    assert pattern.kind == "pattern"


def test_withdrawal_erases_every_nlp_output(codebook, make_story):
    from testimonies.services import testimony_withdraw

    story = make_story(FR_STORY)
    services.testimonies_analyse(testimony_ids=[story.pk])
    NlpFailure.objects.create(task_name="nlp.x", testimony_id=story.pk, exception_type="E")
    assert _machine(story).exists()
    testimony_withdraw(testimony=story, actor="participant")
    assert not StoryAnalysis.objects.filter(testimony=story).exists()
    assert not NlpFailure.objects.filter(testimony_id=story.pk).exists()
    assert not CodeApplication.objects.filter(testimony=story).exists()
    # Late NLP output for a withdrawn story writes nothing.
    assert services.testimonies_analyse(testimony_ids=[story.pk]) == 0
    assert services.testimonies_tag(testimony_ids=[story.pk]) == 0
    assert not StoryAnalysis.objects.filter(testimony=story).exists()


def test_failures_keep_no_text(make_story):
    story = make_story(FR_STORY)
    try:
        raise ValueError(FR_STORY)
    except ValueError as exc:
        failure = services.failure_record(
            task_name="nlp.process_testimony", exc=exc, testimony_id=story.pk
        )
    assert failure.exception_type == "builtins.ValueError"
    assert "test_services.py" in failure.location
    stored = " ".join(str(v) for v in NlpFailure.objects.values().get(pk=failure.pk).values())
    assert "Nadia" not in stored and "06 12" not in stored
