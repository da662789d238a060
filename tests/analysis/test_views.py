"""Every role on every URL and endpoint of the analysis app, and what the pages show."""

import uuid

import pytest

from accounts.roles import Role
from analysis.models import ExportJob
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ORDER = (ANON, P, F, R, A)
PAGE = (302, 403, 403, 200, 200)
API = (401, 403, 403, 200, 200)

GET_MATRIX = {
    "/analysis/": PAGE,
    "/analysis/?by=event&country=FR": PAGE,
    "/analysis/?by=group": PAGE,
    "/analysis/?by=language": PAGE,
    "/analysis/time/": PAGE,
    "/analysis/cooccurrence/": PAGE,
    "/analysis/trust/": PAGE,
    "/analysis/charts/themes.csv": PAGE,
    "/analysis/charts/themes-by.csv?by=event": PAGE,
    "/analysis/charts/timeline.svg": PAGE,
    "/analysis/charts/cooccurrence.svg": PAGE,
    "/analysis/charts/trust.csv": PAGE,
    "/analysis/search/?q=doctor": PAGE,
    "/analysis/quotes/": PAGE,
    "/analysis/exports/": PAGE,
    "/api/v1/analysis/aggregates/themes/": API,
    "/api/v1/analysis/aggregates/themes-by/?by=country": API,
    "/api/v1/analysis/aggregates/timeline/": API,
    "/api/v1/analysis/aggregates/cooccurrence/": API,
    "/api/v1/analysis/aggregates/trust/": API,
    "/api/v1/analysis/search/?q=doctor": API,
    "/api/v1/analysis/quotes/": API,
    "/api/v1/analysis/exports/": API,
}


@pytest.fixture
def data(researcher):
    _book, themes = codebook_with_themes(3)
    event = EventFactory(country="FR")
    for i in range(12):
        s = story(event=event, scopes=("quote_anonymous",), trust="yes" if i % 2 else "no")
        apply(s, themes[0], start=0, end=3, coder=researcher)
    return themes


@pytest.mark.parametrize("url", GET_MATRIX)
def test_get_status_by_role(url, data, role_users, client_for):
    for index, role in enumerate(ORDER):
        response = client_for(role_users[role]).get(url)
        assert response.status_code == GET_MATRIX[url][index], (url, role)


def test_post_endpoints_by_role(data, role_users, client_for):
    for index, role in enumerate(ORDER):
        c = client_for(role_users[role])
        export = c.post("/analysis/exports/", {"dataset": "codes", "format": "xlsx"})
        assert export.status_code == (302, 403, 403, 302, 302)[index], role
        sheet = c.post("/analysis/quotes/sheet/", {"format": "html"})
        assert sheet.status_code == (302, 403, 403, 302, 302)[index], role
        api = c.post(
            "/api/v1/analysis/exports/",
            {"dataset": "codes", "format": "csv"},
            content_type="application/json",
        )
        assert api.status_code == (401, 403, 403, 202, 202)[index], role


def test_export_jobs_are_private_to_their_owner(data, role_users, client_for, researcher):
    other = ExportJob.objects.create(
        user=role_users[A], dataset="codes", format="csv", status="done"
    )
    c = client_for(researcher)
    for url in (
        f"/analysis/exports/{other.pk}/",
        f"/analysis/exports/{other.pk}/download/",
        f"/api/v1/analysis/exports/{other.pk}/",
        f"/api/v1/analysis/exports/{other.pk}/download/",
        f"/analysis/exports/{uuid.uuid4()}/",
    ):
        assert c.get(url).status_code == 404, url
    for role in (P, F):
        assert client_for(role_users[role]).get(f"/analysis/exports/{other.pk}/").status_code == 403
    assert client_for(None).get(f"/api/v1/analysis/exports/{other.pk}/").status_code == 401


def test_unknown_chart_is_404(data, client_for, researcher):
    assert client_for(researcher).get("/analysis/charts/nope.csv").status_code == 404
    assert client_for(researcher).get("/api/v1/analysis/aggregates/nope/").status_code == 404


def test_dashboard_filters_by_country_and_csv_follows(data, client_for, researcher):
    EventFactory(country="US")
    c = client_for(researcher)
    body = c.get("/analysis/?country=FR").content.decode()
    assert "<svg" in body and 'role="img"' in body
    assert "Download data (CSV)" in body
    csv_text = c.get("/analysis/charts/themes.csv?country=FR").content.decode()
    assert csv_text.splitlines()[0].startswith("Theme,Stories")
    assert "Theme 0,12" in csv_text
    empty = c.get("/analysis/charts/themes.csv?country=US").content.decode()
    assert "Theme 0,0" in empty


def test_bad_filter_values_get_a_clear_message(data, client_for, researcher):
    body = client_for(researcher).get("/analysis/?date_from=2026-02-01&date_to=2026-01-01")
    assert "The end date must be on or after the start date." in body.content.decode()
    api = client_for(researcher).get("/api/v1/analysis/aggregates/themes/?date_from=nope")
    assert api.status_code == 400 and "date_from" in api.json()


def test_api_aggregates_give_null_for_suppressed_cells(data, client_for, researcher):
    body = client_for(researcher).get("/api/v1/analysis/aggregates/cooccurrence/").json()
    assert body["threshold"] == 10
    assert body["rows"][0][1] == 12
    assert body["rows"][1][2] is None or body["rows"][1][2] == 0


def test_svg_download_is_the_chart(data, client_for, researcher):
    response = client_for(researcher).get("/analysis/charts/cooccurrence.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b'role="img"' in response.content


def test_pages_ship_no_third_party_asset(data, client_for, researcher):
    for url in ("/analysis/", "/analysis/trust/", "/analysis/quotes/", "/analysis/exports/"):
        body = client_for(researcher).get(url).content.decode()
        for needle in ("https://", "cdn", "googleapis"):
            assert needle not in body.replace("http://www.w3.org/2000/svg", ""), (url, needle)


def test_pages_render_in_french(data, client_for, researcher):
    c = client_for(researcher)
    c.cookies["django_language"] = "fr"
    body = c.get("/analysis/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Thèmes" in body and "Télécharger" in body


def test_search_finds_research_copy_text(data, client_for, researcher):
    story(text="A nurse ignored my wheelchair.")
    body = client_for(researcher).get("/analysis/search/?q=wheelchair").content.decode()
    assert "A nurse ignored my <mark>wheelchair</mark>." in body
    api = client_for(researcher).get("/api/v1/analysis/search/?q=wheelchair").json()
    assert api["count"] == 1 and api["results"][0]["text"] == "A nurse ignored my wheelchair."


def test_list_pages_do_a_bounded_number_of_queries(
    data, client_for, researcher, django_assert_max_num_queries
):
    c = client_for(researcher)
    c.get("/analysis/quotes/")
    with django_assert_max_num_queries(20):
        assert c.get("/analysis/quotes/").status_code == 200
    with django_assert_max_num_queries(20):
        assert c.get("/analysis/search/?q=doctor").status_code == 200


def test_schema_lists_the_analysis_endpoints(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/analysis/aggregates/{key}/",
        "/api/v1/analysis/search/",
        "/api/v1/analysis/quotes/",
        "/api/v1/analysis/exports/",
        "/api/v1/analysis/exports/{job_id}/",
        "/api/v1/analysis/exports/{job_id}/download/",
    ):
        assert path in schema["paths"], path


def test_api_export_runs_on_commit_and_downloads(
    data, client_for, researcher, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    c = client_for(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/api/v1/analysis/exports/",
            {"dataset": "applications", "format": "xlsx", "filters": {"country": "FR"}},
            content_type="application/json",
        )
    assert response.status_code == 202
    state = c.get(f"/api/v1/analysis/exports/{response.json()['id']}/").json()
    assert state["status"] == "done" and state["total"] == 12
    download = c.get(state["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"PK")
    listed = c.get("/api/v1/analysis/exports/").json()
    assert [j["id"] for j in listed] == [state["id"]]


def test_api_refuses_characteristics_without_the_grant(data, client_for, researcher):
    response = client_for(researcher).post(
        "/api/v1/analysis/exports/",
        {"dataset": "characteristics", "format": "csv"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "dataset" in response.json()


def test_old_exports_expire(data, researcher, settings, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from analysis.tasks import expire_exports

    settings.MEDIA_ROOT = tmp_path
    old = ExportJob.objects.create(user=researcher, dataset="codes", format="csv")
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    fresh = ExportJob.objects.create(user=researcher, dataset="codes", format="csv")
    assert expire_exports() == 1
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]
