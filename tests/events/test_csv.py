import csv
import io

import pytest

from events import services
from events.models import Event, EventFacilitator
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(services.CSV_COLUMNS)
GOOD = (
    "Pride dialogue,pride-tokyo,dialogue,planned,2030-04-21 10:00,2030-04-21 16:00,Asia/Tokyo,"
    "JP,Tokyo,no,ja;en,lgbtq,Tokyo Rainbow Pride,yes,A dialogue at Pride"
)
ONLINE = (
    "Online exchange,,exchange_session,open,2030-05-02 18:00,2030-05-02 19:30,"
    "America/New_York,US,,yes,en,over_65;women,,no,"
)


def make_csv(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode()


def test_import_creates_every_row_with_local_times_and_lists(facilitator):
    created = services.events_import_csv(user=facilitator, content=make_csv(GOOD, ONLINE))
    assert len(created) == 2
    pride = Event.objects.get(slug="pride-tokyo")
    assert pride.starts_at.isoformat() == "2030-04-21T01:00:00+00:00"
    assert pride.languages == ["ja", "en"]
    assert pride.partner_organisations == ["Tokyo Rainbow Pride"]
    assert pride.is_public
    online = Event.objects.get(title="Online exchange")
    assert online.is_online and online.slug == "online-exchange"
    assert online.submission_token  # imported as open: it gets a participant link
    assert EventFacilitator.objects.filter(user=facilitator).count() == 2


def test_any_bad_row_saves_nothing_and_each_is_reported_with_its_line(facilitator):
    bad_country = GOOD.replace(",JP,", ",ZZ,").replace("pride-tokyo", "pride-2")
    end_before_start = ONLINE.replace("2030-05-02 19:30", "2030-05-01 19:30")
    bad_tz = GOOD.replace("Asia/Tokyo", "Asia/Atlantis").replace("pride-tokyo", "pride-3")
    with pytest.raises(services.CsvImportError) as info:
        services.events_import_csv(
            user=facilitator,
            content=make_csv(GOOD, bad_country, end_before_start, bad_tz, "Only a title"),
        )
    lines = dict(info.value.rows)
    assert set(lines) == {3, 4, 5, 6}
    assert "ZZ" in lines[3]
    assert "ends_at" in lines[4]
    assert "Asia/Atlantis" in lines[5]
    assert "missing" in lines[6]
    assert not Event.objects.exists()
    assert not EventFacilitator.objects.exists()


def test_duplicate_and_existing_slugs_are_refused(facilitator):
    EventFactory(slug="pride-tokyo")
    with pytest.raises(services.CsvImportError) as info:
        services.events_import_csv(user=facilitator, content=make_csv(GOOD))
    assert info.value.rows[0][0] == 2
    with pytest.raises(services.CsvImportError) as info:
        services.events_import_csv(
            user=facilitator,
            content=make_csv(
                ONLINE,
                ONLINE.replace(",,exchange", ",dup,exchange"),
                ONLINE.replace(",,exchange", ",dup,exchange"),
            ),
        )
    assert [line for line, _ in info.value.rows] == [4]


def test_missing_columns_and_bad_encoding_are_refused(facilitator):
    with pytest.raises(services.CsvImportError):
        services.events_import_csv(user=facilitator, content=b"title,country\nA,FR\n")
    with pytest.raises(services.CsvImportError):
        services.events_import_csv(user=facilitator, content=HEADER.encode() + b"\n\xff\xfe")
    with pytest.raises(services.CsvImportError):
        services.events_import_csv(user=facilitator, content=HEADER.encode())


def test_import_view_shows_line_errors(client_for, facilitator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("events.csv", make_csv(GOOD, GOOD.replace(",JP,", ",QQ,")))
    response = client_for(facilitator).post("/events/import/", {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert "QQ" in body and '<th scope="row">3</th>' in body
    assert not Event.objects.exists()


def test_export_streams_the_users_events_in_the_import_format(
    client_for, facilitator, event, other_event
):
    Event.objects.filter(pk=event.pk).update(description='=HYPERLINK("http://evil")')
    response = client_for(facilitator).get("/events/export.csv")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["slug"] for r in rows] == [event.slug]  # not someone else's event
    assert rows[0]["description"].startswith("'=")  # no formula injection
    assert rows[0]["population_focus"] == "women;disability"


def test_exported_file_imports_back(client_for, admin_user, event):
    content = b"".join(client_for(admin_user).get("/events/export.csv").streaming_content)
    Event.objects.all().delete()
    created = services.events_import_csv(user=admin_user, content=content)
    assert [e.slug for e in created] == ["trust-dialogue-lyon"]
    assert Event.objects.get().starts_at == event.starts_at.replace(second=0, microsecond=0)
