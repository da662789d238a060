"""``research_copies_save``: a batch's research copies under ``research_copy_save``'s rules."""

import pytest
from django.test import TestCase

from testimonies.models import ResearchCopy, Testimony
from testimonies.services import research_copies_save
from tests.factories import story_create

pytestmark = pytest.mark.django_db


def _row(text):
    return {"redacted_text": text, "method": "spacy", "version": "v2", "detected_language": "fr"}


def test_a_batch_is_written_withdrawn_stories_get_nothing_imported_text_stays():
    with TestCase.captureOnCommitCallbacks(execute=False):
        kept, gone, imported = (story_create(text=f"Story {i}.") for i in range(3))
    Testimony.objects.filter(pk=gone.pk).update(status=Testimony.Status.WITHDRAWN, text="")
    ResearchCopy.objects.filter(testimony=imported).update(
        redaction_method=ResearchCopy.Method.IMPORTED, redacted_text="as imported"
    )
    ResearchCopy.objects.filter(testimony=kept).delete()  # a missing copy is created

    written = research_copies_save(rows={s.pk: _row(f"new {s.pk}") for s in (kept, gone, imported)})

    assert written == {kept.pk, imported.pk}
    copy = ResearchCopy.objects.get(testimony=kept)
    assert (copy.redacted_text, copy.redaction_method, copy.detected_language) == (
        f"new {kept.pk}",
        "spacy",
        "fr",
    )
    other = ResearchCopy.objects.get(testimony=imported)
    assert (other.redacted_text, other.detected_language) == ("as imported", "fr")
    assert ResearchCopy.objects.get(testimony=gone).redacted_text != f"new {gone.pk}"
