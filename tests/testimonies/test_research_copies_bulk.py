"""``research_copies_save``: a batch's research copies under ``research_copy_save``'s rules."""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

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


def test_new_and_existing_copies_are_written_in_one_upsert():
    with TestCase.captureOnCommitCallbacks(execute=False):
        stories = [story_create(text=f"Story {i}.", title=f"Title {i}") for i in range(4)]
    ResearchCopy.objects.filter(testimony=stories[0]).delete()  # one new, three changed
    before = {c.testimony_id: c for c in ResearchCopy.objects.all()}

    with CaptureQueriesContext(connection) as queries:
        written = research_copies_save(rows={s.pk: _row(f"new {s.pk}") for s in stories})

    # Lock, read, one upsert for new and changed copies alike (savepoints aside).
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) == 3, sql

    assert written == {s.pk for s in stories}
    assert ResearchCopy.objects.get(testimony=stories[0]).redacted_text == f"new {stories[0].pk}"
    for story in stories[1:]:
        copy = ResearchCopy.objects.get(testimony=story)
        old = before[story.pk]
        assert (copy.pk, copy.created_at) == (old.pk, old.created_at)
        assert copy.updated_at > old.updated_at
        # No title given: the copy's title stays as it was.
        assert (copy.redacted_text, copy.redacted_title) == (f"new {story.pk}", old.redacted_title)
    assert ResearchCopy.objects.count() == 4
