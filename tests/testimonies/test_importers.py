import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from testimonies.importers import COLUMN_NAMES, example_csv, import_file
from testimonies.models import Channel, ConsentMethod, Testimony, TestimonyCharacteristics
from tests.factories import EventFacilitatorFactory
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.django_db

GOOD = {
    "external_id": "s-1",
    "text": "Imported story",
    "consent_research": "yes",
    "consented_at": "2024-05-01T10:30:00Z",
    "consent_language": "en",
    "consent_version": "1",
}


def csv_file(rows, name="export.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def jsonl_file(rows, name="export.jsonl"):
    body = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in rows)
    return SimpleUploadedFile(name, body.encode("utf-8"))


def test_the_template_has_every_column_and_a_valid_row(facilitator):
    event = open_event()
    report = import_file(
        event=event, upload=SimpleUploadedFile("t.csv", example_csv().encode()), user=facilitator
    )
    assert (report.saved, report.refused) == (1, [])


def test_valid_rows_are_saved_and_bad_rows_reported_with_their_line(facilitator):
    event = open_event()
    rows = [
        GOOD,
        {**GOOD, "external_id": "s-2", "consent_research": "no"},
        {**GOOD, "external_id": "s-3", "consented_at": ""},
        {**GOOD, "external_id": "s-4", "consent_version": "99"},
        {**GOOD, "external_id": "s-5", "gender": "woman"},  # no consent_gender
        {**GOOD, "external_id": "s-6", "consent_gender": "yes", "gender": "woman"},
        {**GOOD, "external_id": "s-7", "consent_research": "maybe"},
        {**GOOD, "external_id": "s-8", "text": ""},
    ]
    report = import_file(event=event, upload=csv_file(rows), user=facilitator)
    assert report.saved == 2
    refused = {r.line: r.messages for r in report.refused}
    assert sorted(refused) == [3, 4, 5, 6, 8, 9]
    assert "No valid consent" in " ".join(refused[3])
    assert "consented_at" in " ".join(refused[4])
    assert "version 99" in " ".join(refused[5])
    assert "gender" in " ".join(refused[6])
    assert "not yes or no" in " ".join(refused[8])
    # Nothing half-saved: the refused rows left no characteristics or stories behind.
    assert Testimony.objects.count() == 2
    assert TestimonyCharacteristics.objects.count() == 1
    t = Testimony.objects.get(characteristics__gender="woman")
    assert (t.channel, t.consent_method, t.entered_by) == (
        Channel.IMPORT,
        ConsentMethod.IMPORTED,
        facilitator,
    )
    assert t.consent_given_at.year == 2024


def test_reimporting_the_same_file_does_not_duplicate(facilitator):
    event = open_event()
    import_file(event=event, upload=csv_file([GOOD]), user=facilitator)
    report = import_file(event=event, upload=csv_file([GOOD]), user=facilitator)
    assert (report.saved, report.skipped_duplicates) == (0, 1)
    assert Testimony.objects.count() == 1


def test_json_lines_with_bad_lines(facilitator):
    event = open_event()
    rows = [
        GOOD,
        "{not json",
        "[1, 2]",
        {**GOOD, "external_id": "j-2", "consent_research": True, "reasons": ["judged", "unsafe"]},
        {**GOOD, "external_id": "j-3", "text": "nul \u0000 byte"},
    ]
    report = import_file(event=event, upload=jsonl_file(rows), user=facilitator)
    assert report.saved == 2
    assert [r.line for r in report.refused] == [2, 3, 5]
    assert Testimony.objects.get(reasons=["judged", "unsafe"])


def test_a_file_that_is_not_utf8_is_refused_whole(facilitator):
    from core.exceptions import ApplicationError

    event = open_event()
    upload = SimpleUploadedFile("x.csv", "text,consent_research\ncafé,yes\n".encode("latin-1"))
    with pytest.raises(ApplicationError, match="UTF-8"):
        import_file(event=event, upload=upload, user=facilitator)
    assert Testimony.objects.count() == 0


def test_the_import_page_reports_refused_rows(client_for, facilitator):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    c = client_for(facilitator)
    bad = {**GOOD, "external_id": "b", "consent_research": ""}
    response = c.post(
        f"/facilitate/events/{event.pk}/stories/import/", {"file": csv_file([GOOD, bad])}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Refused: 1" in body and "No valid consent" in body


def test_participants_cannot_import(client_for, role_users):
    event = open_event()
    c = client_for(role_users[Role.PARTICIPANT])
    response = c.post(f"/facilitate/events/{event.pk}/stories/import/", {"file": csv_file([GOOD])})
    assert response.status_code == 403
    assert Testimony.objects.count() == 0


def test_imported_stories_are_queued_and_relayed_in_batches(facilitator):
    from core.models import OutboxMessage

    event = open_event()
    rows = [{**GOOD, "external_id": f"b-{i}"} for i in range(5)]
    report = import_file(event=event, upload=csv_file(rows), user=facilitator)
    assert report.saved == 5
    assert Testimony.objects.filter(processed_at__isnull=False).count() == 5
    assert not OutboxMessage.objects.filter(status="pending").exists()
