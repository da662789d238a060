"""Coding API: every role on every endpoint, and what each endpoint does."""

import csv
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from rest_framework.test import APIClient

from accounts.roles import Role
from coding import services
from coding.models import Code, CodeApplication, Codebook, Memo
from coding.services import codebook_default_seed
from tests.coding.factories import story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reader_language_reset():
    """Requests with Accept-Language leave that language active in the thread: reset it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ROLES = (ANON, P, F, R, A)
TEXT = "Zoë: « J’ai attendu 3 heures » 🙁 et personne ne m’a écoutée."


def api(user):
    c = APIClient()
    if user is not None:
        c.force_authenticate(user)
    return c


@pytest.fixture
def world(researcher):
    book = codebook_default_seed()
    s = story(text=TEXT)
    theme = Code.objects.get(codebook=book, key="person_centred")
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    app = services.application_create(testimony=s, code=sub, coder=researcher, start=0, end=3)
    suggestion, _ = services.suggestion_record(
        testimony=s,
        code=theme,
        confidence=0.6,
        model_version="lex-1",
        evidence_start=5,
        evidence_end=10,
    )
    memo = services.memo_create(author=researcher, title="Project", body="Notes")
    return {
        "book": book,
        "story": s,
        "theme": theme,
        "sub": sub,
        "app": app,
        "suggestion": suggestion,
        "memo": memo,
    }


def read_endpoints(w):
    b = w["book"].id
    return [
        "/api/v1/codebooks/",
        f"/api/v1/codebooks/{b}/",
        f"/api/v1/codebooks/{b}/versions/",
        f"/api/v1/codebooks/{b}/export/",
        f"/api/v1/codebooks/{b}/export/?type=csv",
        "/api/v1/codes/",
        f"/api/v1/codes/{w['sub'].id}/",
        "/api/v1/applications/",
        f"/api/v1/applications/{w['app'].id}/",
        "/api/v1/suggestions/",
        "/api/v1/memos/",
        f"/api/v1/memos/{w['memo'].id}/",
        "/api/v1/agreement/",
        "/api/v1/agreement/disagreements/",
        "/api/v1/agreement/reconciliations/",
    ]


def test_every_role_on_every_read_endpoint(world, role_users):
    expected = {ANON: 401, P: 403, F: 403, R: 200, A: 200}
    for url in read_endpoints(world):
        for role in ROLES:
            status = api(role_users[role]).get(url).status_code
            assert status == expected[role], (url, role, status)


def test_every_role_on_every_write_endpoint(world, role_users):
    w = world
    writes = [
        ("post", "/api/v1/codebooks/", {"name": "X"}),
        ("post", "/api/v1/codebooks/import/", {}),
        (
            "post",
            "/api/v1/codes/",
            {"codebook": w["book"].id, "translations": {"en": {"label": "a"}}},
        ),
        ("patch", f"/api/v1/codes/{w['sub'].id}/", {"translations": {"en": {"label": "Renamed"}}}),
        ("post", f"/api/v1/codes/{w['sub'].id}/move/", {"parent": None}),
        ("post", f"/api/v1/codes/{w['sub'].id}/merge/", {"target": w["theme"].id}),
        ("delete", f"/api/v1/codes/{w['sub'].id}/", None),
        ("post", "/api/v1/applications/", {"story": w["story"].id, "code": w["theme"].id}),
        ("patch", f"/api/v1/applications/{w['app'].id}/", {"comment": "x"}),
        ("delete", f"/api/v1/applications/{w['app'].id}/", None),
        ("post", f"/api/v1/suggestions/{w['suggestion'].id}/accept/", {}),
        ("post", f"/api/v1/suggestions/{w['suggestion'].id}/reject/", {}),
        ("post", "/api/v1/memos/", {"title": "t", "body": "b"}),
        ("patch", f"/api/v1/memos/{w['memo'].id}/", {"title": "t"}),
        ("delete", f"/api/v1/memos/{w['memo'].id}/", None),
        (
            "post",
            "/api/v1/agreement/reconciliations/",
            {"story": w["story"].id, "code": w["sub"].id, "decision": "present"},
        ),
    ]
    for method, url, data in writes:
        for role, expected in ((ANON, 401), (P, 403), (F, 403)):
            response = getattr(api(role_users[role]), method)(url, data, format="json")
            assert response.status_code == expected, (method, url, role)
    # A researcher without the codebook right may code but not change the codebook.
    researcher = role_users[R]
    for method, url, data in writes[:7]:
        response = getattr(api(researcher), method)(url, data, format="json")
        assert response.status_code == 403, (method, url)
    assert Code.objects.get(pk=w["sub"].pk).translations["en"]["label"] == "Not listened to"
    assert CodeApplication.objects.filter(source="human").count() == 1
    assert Memo.objects.count() == 1


def test_applications_round_trip_in_code_points(world, researcher):
    c = api(researcher)
    start, end = TEXT.index("J’ai"), TEXT.index("🙁") + 1
    response = c.post(
        "/api/v1/applications/",
        {
            "story": world["story"].id,
            "code": world["theme"].id,
            "start": start,
            "end": end,
            "comment": "waiting",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["start"], body["end"], body["coder"]) == (start, end, researcher.id)
    assert TEXT[body["start"] : body["end"]] == "J’ai attendu 3 heures » 🙁"
    bad = c.post(
        "/api/v1/applications/",
        {"story": world["story"].id, "code": world["theme"].id, "start": 4, "end": len(TEXT) + 1},
        format="json",
    )
    assert bad.status_code == 400 and "end" in bad.json()
    listed = c.get(f"/api/v1/applications/?story={world['story'].id}&source=human").json()
    assert listed["count"] == 2
    other = UserFactory(roles=[Role.RESEARCHER])
    assert api(other).get("/api/v1/applications/?mine=true").json()["count"] == 0
    assert api(other).delete(f"/api/v1/applications/{body['id']}/").status_code == 400
    assert c.delete(f"/api/v1/applications/{body['id']}/").status_code == 204


def test_stories_outside_research_consent_are_invisible(world, researcher):
    hidden = story(text="secret")
    hidden.status = "withdrawn"
    hidden.text = ""
    hidden.save()
    services.suggestion_record(
        testimony=hidden, code=world["theme"], confidence=0.5, model_version="v"
    )
    c = api(researcher)
    response = c.post(
        "/api/v1/applications/", {"story": hidden.id, "code": world["theme"].id}, format="json"
    )
    assert response.status_code == 400 and "story" in response.json()
    ids = {a["story"] for a in c.get("/api/v1/suggestions/").json()["results"]}
    assert hidden.id not in ids


def test_suggestions_accept_and_reject(world, researcher):
    c = api(researcher)
    listed = c.get("/api/v1/suggestions/").json()
    assert listed["count"] == 1 and listed["results"][0]["evidence_start"] == 5
    accepted = c.post(f"/api/v1/suggestions/{world['suggestion'].id}/accept/", {}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["coder"] == researcher.id and accepted.json()["source"] == "human"
    again = c.post(f"/api/v1/suggestions/{world['suggestion'].id}/reject/", {}, format="json")
    assert again.status_code == 400
    assert c.get("/api/v1/suggestions/?status=accepted").json()["count"] == 1


def test_codebook_management_with_the_right(world, researcher):
    researcher.user_permissions.add(Permission.objects.get(codename="manage_codebook"))
    c = api(researcher)
    created = c.post(
        "/api/v1/codes/",
        {
            "codebook": world["book"].id,
            "parent": world["theme"].id,
            "translations": {"en": {"label": "Rushed"}, "fr": {"label": "Pressé"}},
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    new_id = created.json()["id"]
    renamed = c.patch(
        f"/api/v1/codes/{new_id}/",
        {"translations": {"en": {"label": "Rushed visit"}, "ja": {"label": "急いだ診察"}}},
        format="json",
    ).json()
    assert renamed["translations"] == {
        "en": {"label": "Rushed visit"},
        "fr": {"label": "Pressé"},
        "ja": {"label": "急いだ診察"},
    }
    moved = c.post(f"/api/v1/codes/{new_id}/move/", {"parent": None, "position": 1}, format="json")
    assert moved.json()["parent"] is None and moved.json()["position"] == 1
    cycle = c.post(
        f"/api/v1/codes/{world['theme'].id}/move/", {"parent": world["sub"].id}, format="json"
    )
    assert cycle.status_code == 400
    merged = c.post(f"/api/v1/codes/{world['sub'].id}/merge/", {"target": new_id}, format="json")
    assert merged.status_code == 200
    assert CodeApplication.objects.get(pk=world["app"].pk).code_id == new_id
    versions = c.get(f"/api/v1/codebooks/{world['book'].id}/versions/").json()
    assert versions["count"] >= 4 and "Merged" in versions["results"][0]["summary"]
    qdc = c.get(f"/api/v1/codebooks/{world['book'].id}/export/").content
    imported = c.post(
        "/api/v1/codebooks/import/",
        {"file": SimpleUploadedFile("x.qdc", qdc), "name": "Imported"},
        format="multipart",
    )
    assert imported.status_code == 201
    assert Codebook.objects.filter(name="Imported").exists()
    broken = c.post(
        "/api/v1/codebooks/import/",
        {"file": SimpleUploadedFile("x.qdc", b"<a/>")},
        format="multipart",
    )
    assert broken.status_code == 400


def test_memos_api(world, researcher):
    c = api(researcher)
    memo = c.post(
        "/api/v1/memos/",
        {"title": "On story", "body": "b", "story": world["story"].id},
        format="json",
    )
    assert memo.status_code == 201 and memo.json()["kind"] == "story"
    code_memo = c.post(
        "/api/v1/memos/", {"title": "On code", "body": "b", "code": world["sub"].id}, format="json"
    )
    assert code_memo.json()["kind"] == "code"
    assert c.get("/api/v1/memos/?kind=story").json()["count"] == 1
    assert (
        c.patch(f"/api/v1/memos/{memo.json()['id']}/", {"body": "new"}, format="json").json()[
            "body"
        ]
        == "new"
    )
    other = UserFactory(roles=[Role.RESEARCHER])
    assert api(other).delete(f"/api/v1/memos/{memo.json()['id']}/").status_code == 400
    bad = c.post("/api/v1/memos/", {"title": "", "body": "b"}, format="json")
    assert bad.status_code == 400 and "title" in bad.json()


def test_agreement_api(world, researcher):
    second = UserFactory(roles=[Role.RESEARCHER])
    s = world["story"]
    services.application_create(testimony=s, code=world["sub"], coder=second)
    services.application_create(testimony=s, code=world["theme"], coder=second)
    report = api(researcher).get("/api/v1/agreement/").json()
    assert report["stories"] == 1
    sub = next(r for r in report["codes"] if r["code"] == world["sub"].id)
    assert sub["percent_agreement"] == 1.0 and sub["units"] == 1
    theme = next(r for r in report["codes"] if r["code"] == world["theme"].id)
    assert theme["percent_agreement"] == 0.0
    rows = api(researcher).get("/api/v1/agreement/disagreements/").json()
    assert rows["count"] == 1 and rows["results"][0]["code"] == world["theme"].id


def test_schema_lists_the_coding_endpoints(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/codebooks/",
        "/api/v1/codes/",
        "/api/v1/applications/",
        "/api/v1/memos/",
        "/api/v1/suggestions/",
        "/api/v1/agreement/",
        "/api/v1/codes/{id}/merge/",
        "/api/v1/suggestions/{id}/accept/",
    ):
        assert path in schema["paths"], path


def test_api_lists_do_not_query_per_row(world, researcher, django_assert_max_num_queries):
    for i in range(25):
        s = story(text=f"Story {i} text.")
        services.application_create(testimony=s, code=world["sub"], coder=researcher)
        services.suggestion_record(
            testimony=s, code=world["theme"], confidence=0.5, model_version="v"
        )
        services.memo_create(author=researcher, title=f"m{i}", body="b", testimony=s)
    c = api(researcher)
    for url in (
        "/api/v1/applications/",
        "/api/v1/suggestions/",
        "/api/v1/memos/",
        "/api/v1/codes/",
        "/api/v1/codebooks/",
        "/api/v1/agreement/",
        "/api/v1/agreement/disagreements/",
    ):
        with django_assert_max_num_queries(12):
            assert c.get(url).status_code == 200, url


def test_reconciliation_api(world, researcher):
    second = UserFactory(roles=[Role.RESEARCHER])
    services.coding_complete(testimony=world["story"], coder=second)
    c = api(researcher)
    assert c.get("/api/v1/agreement/disagreements/").json()["count"] == 1
    made = c.post(
        "/api/v1/agreement/reconciliations/",
        {"story": world["story"].id, "code": world["sub"].id, "decision": "present", "note": "ok"},
        format="json",
    )
    assert made.status_code == 201 and made.json()["decided_by"] == researcher.id
    assert c.get("/api/v1/agreement/disagreements/").json()["count"] == 0
    assert c.get("/api/v1/agreement/reconciliations/").json()["count"] == 1
    bad = c.post(
        "/api/v1/agreement/reconciliations/",
        {"story": world["story"].id, "code": world["sub"].id, "decision": "maybe"},
        format="json",
    )
    assert bad.status_code == 400 and "decision" in bad.json()


def test_code_texts_in_the_language_asked_for_with_the_english_fallback(world, researcher):
    c = api(researcher)
    theme = world["theme"]
    body = c.get(f"/api/v1/codes/{theme.id}/?language=ja").json()
    assert body["label"] == "全人的で、その人を中心としたケアを優先する"
    assert body["label_is_fallback"] is False
    assert set(body["translations"]) == {"en", "fr", "pt-br", "es", "de", "ja"}
    only_english = services.code_create(
        codebook=world["book"], user=None, translations={"en": {"label": "Only English"}}
    )
    body = c.get(f"/api/v1/codes/{only_english.id}/?language=de").json()
    assert (body["label"], body["label_is_fallback"]) == ("Only English", True)
    listed = c.get(f"/api/v1/codes/?codebook={world['book'].id}&language=pt-BR").json()
    labels = {row["key"]: row["label"] for row in listed["results"]}
    assert labels["person_centred"] == "Priorizar o cuidado integral e centrado na pessoa"
    assert c.get(f"/api/v1/codes/{theme.id}/", HTTP_ACCEPT_LANGUAGE="fr").json()["label"] == (
        "Privilégier des soins globaux centrés sur la personne"
    )
    assert c.get(f"/api/v1/codes/{theme.id}/?language=not a tag!").status_code == 400


def test_code_translations_are_validated(world, researcher):
    researcher.user_permissions.add(Permission.objects.get(codename="manage_codebook"))
    c = api(researcher)
    book = world["book"].id
    for translations in (
        {"fr": {"label": "Sans anglais"}},
        {"en": {"label": ""}},
        {"en": {"label": "Bad tag"}, "not a tag!": {"label": "x"}},
    ):
        response = c.post(
            "/api/v1/codes/", {"codebook": book, "translations": translations}, format="json"
        )
        assert response.status_code == 400, (translations, response.json())
    assert not Code.objects.filter(translations__fr__label="Sans anglais").exists()
    removed = c.patch(
        f"/api/v1/codes/{world['sub'].id}/", {"translations": {"fr": None}}, format="json"
    ).json()
    assert "fr" not in removed["translations"] and "ja" in removed["translations"]


def test_codebook_export_api_takes_a_language(world, researcher):
    c = api(researcher)
    response = c.get(f"/api/v1/codebooks/{world['book'].id}/export/?type=csv&language=es")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["label"] == "Empoderar mediante la formación"
