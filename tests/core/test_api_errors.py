"""What schema fuzzing found (issue 14, point 8), pinned: bad input is a JSON 4xx, never a 500."""

import json
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from core.parsers import MAX_JSON_DEPTH, json_depth
from events.models import Session
from tests.factories import EventFacilitatorFactory


@pytest.fixture
def api_for():
    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.mark.parametrize("year", ["0", "1e20", "10000", "-3", "99999999999999999999"])
@pytest.mark.parametrize("path", ["/api/v1/events/", "/api/v1/session-logs/"])
def test_a_year_out_of_range_is_400(api_for, admin_user, path, year):
    response = api_for(admin_user).get(path, {"year": year})
    assert response.status_code == 400
    assert "year" in response.json()


def test_a_session_id_past_the_database_integers_is_400(api_for, admin_user):
    response = api_for(admin_user).get("/api/v1/session-logs/", {"session": "1" * 30})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "value",
    ["0038-07-20T23:43:27-22:40", "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:00"],
)
@pytest.mark.parametrize("path", ["/api/v1/events/", "/api/v1/sessions/"])
def test_a_datetime_outside_what_databases_hold_is_refused_or_moved_to_utc(
    api_for, admin_user, path, value
):
    response = api_for(admin_user).get(path, {"starts_before": value})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "starts_before" in response.json()


def test_a_far_offset_is_moved_to_utc_and_filters(api_for, admin_user):
    response = api_for(admin_user).get(
        "/api/v1/events/", {"starts_before": "2038-07-20T23:43:27-22:40"}
    )
    assert response.status_code == 200


def test_a_coding_id_past_the_database_integers_is_400(api_for, researcher):
    response = api_for(researcher).get("/api/v1/codes/", {"codebook": "9" * 25})
    assert response.status_code == 400
    assert "codebook" in response.json()


def test_a_session_created_without_duration_or_format_takes_the_defaults(api_for, db):
    lead = EventFacilitatorFactory()
    response = api_for(lead.user).post(
        "/api/v1/sessions/",
        {
            "event": lead.event.slug,
            "title": "Morning circle",
            "starts_at": (lead.event.starts_at + timedelta(hours=1)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    session = Session.objects.get(pk=response.json()["id"])
    assert session.duration_minutes == 60
    assert session.format == Session.Format.SMALL_GROUPS


@pytest.mark.parametrize("path", ["/api/v1/events/a%00b/", "/api/v1/events/%00/status/"])
def test_nul_in_a_path_is_a_json_404(api_for, admin_user, path):
    response = api_for(admin_user).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_unknown_api_url_is_a_json_404(api_for, admin_user):
    response = api_for(admin_user).get("/api/v1/codes/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_site_keeps_its_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "html" in response["Content-Type"]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 2_000, 100_000])
@pytest.mark.parametrize("who", ["anonymous", "researcher"])
def test_json_nested_too_deep_is_a_json_400(api_for, researcher, who, depth):
    client = api_for(None if who == "anonymous" else researcher)
    # NOTE: /testimonies/ takes anonymous stories; /memos/ is for the research team only.
    paths = ["/api/v1/testimonies/"] + (["/api/v1/memos/"] if who != "anonymous" else [])
    for path in paths:
        response = client.post(path, nested(depth), content_type="application/json")
        assert response.status_code == 400, (path, response.status_code)
        assert response["Content-Type"] == "application/json"


def test_json_depth_counts_lists_and_objects():
    assert json_depth(1) == 0
    assert json_depth([]) == 1
    assert json_depth({"a": [{"b": []}]}) == 4
    assert json_depth(json.loads(nested(50))) == 50


def test_malformed_json_is_a_json_400(api_for, researcher):
    response = api_for(researcher).post(
        "/api/v1/memos/", '{"title": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_body_past_the_upload_limit_is_a_json_413(api_for, researcher, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    body = json.dumps({"title": "x", "body": "y" * 5_000})
    for client in (api_for(researcher), api_for(None)):
        response = client.post("/api/v1/memos/", body, content_type="application/json")
        assert response.status_code == 413
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_a_3_megabyte_body_is_a_json_413(api_for, researcher):
    body = json.dumps({"title": "x", "body": "y" * 3_000_000})
    response = api_for(researcher).post("/api/v1/memos/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/nlp/lexicon-entries/?code=a%00b", "/api/v1/events/?country=%00"]
)
def test_nul_in_a_query_parameter_is_a_json_400(api_for, admin_user, path):
    response = api_for(admin_user).get(path)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_sessions_format_filter_is_not_taken_for_a_renderer(api_for, admin_user):
    response = api_for(admin_user).get("/api/v1/sessions/", {"format": "online"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("path", ["/api/v1/analysis/search/", "/api/v1/analysis/quotes/"])
@pytest.mark.parametrize("name", ["code", "event"])
def test_an_analysis_id_past_the_database_integers_is_400(api_for, researcher, path, name):
    response = api_for(researcher).get(path, {name: "422493411855274280090599424"})
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize("parent", ["²", "9" * 30, "-1", "x"])
def test_a_chart_parent_that_is_no_id_is_ignored(api_for, researcher, parent):
    response = api_for(researcher).get(
        "/api/v1/analysis/aggregates/cooccurrence/", {"parent": parent}
    )
    assert response.status_code == 200
