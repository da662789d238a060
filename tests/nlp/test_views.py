"""NLP pages and API beyond who may open them (tests/access/expectations.py): writes, scoping,
forms and query counts."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from nlp.models import LexiconEntry, NlpFailure, NlpJob

pytestmark = pytest.mark.django_db

ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ROLES = (ANON, P, F, R, A)


@pytest.fixture
def objects(codebook, admin_user):
    job = NlpJob.objects.create(kind="retag", status="done", total=0)
    entry = LexiconEntry.objects.filter(language="en").first()
    failure = NlpFailure.objects.create(task_name="nlp.run_job_batch", exception_type="X")
    return {"job": job, "entry": entry, "failure": failure}


def test_delete_and_patch_by_role(objects, role_users, client_for):
    entry = objects["entry"]
    url = f"/api/v1/nlp/lexicon-entries/{entry.pk}/"
    for role, expected in ((ANON, 401), (P, 403), (F, 403)):
        c = client_for(role_users[role])
        assert (
            c.patch(url, {"is_active": False}, content_type="application/json").status_code
            == expected
        )
        assert c.delete(url).status_code == expected
    c = client_for(role_users[R])
    response = c.patch(url, {"is_active": False}, content_type="application/json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert c.delete(url).status_code == 204
    assert c.delete(url).status_code == 404
    other = LexiconEntry.objects.filter(language="fr").first()
    response = client_for(role_users[A]).post(f"/nlp/lexicons/{other.pk}/delete/")
    assert response.status_code == 302 and not LexiconEntry.objects.filter(pk=other.pk).exists()


def test_story_analyse_api_only_for_readable_stories(
    codebook, make_story, role_users, client_for, monkeypatch
):
    from nlp import tasks

    queued = []
    monkeypatch.setattr(tasks.process_testimony, "delay", lambda pk: queued.append(pk))
    story = make_story("The doctor did not listen.")
    url = f"/api/v1/nlp/stories/{story.pk}/analyse/"
    expected = {ANON: 401, P: 403, F: 403, R: 202, A: 202}
    for role in ROLES:
        c = client_for(role_users[role])
        assert c.post(url).status_code == expected[role], role
    assert client_for(role_users[R]).post("/api/v1/nlp/stories/987654/analyse/").status_code == 404


def test_unknown_job_is_404(objects, client_for, researcher):
    c = client_for(researcher)
    assert c.get("/nlp/jobs/987654/").status_code == 404
    assert c.get("/api/v1/nlp/jobs/987654/").status_code == 404
    assert c.post(f"/api/v1/nlp/jobs/{objects['job'].pk}/explode/").status_code == 404


def test_job_form_errors_are_shown_per_field(codebook, client_for, researcher):
    response = client_for(researcher).post("/nlp/", {"kind": "retag", "batch_size": 5000})
    assert response.status_code == 200
    assert "batch_size" in response.context["form"].errors
    assert not NlpJob.objects.exists()


def test_job_page_has_an_accessible_progress_bar(objects, client_for, researcher):
    body = client_for(researcher).get(f"/nlp/jobs/{objects['job'].pk}/").content.decode()
    assert 'role="progressbar"' in body and 'aria-valuenow="100"' in body
    assert reverse("api:nlp-api:job", args=[objects["job"].pk]) in body
    assert "nlp/job_progress.js" in body


def test_job_progress_json(
    codebook, client_for, researcher, make_story, django_capture_on_commit_callbacks
):
    make_story("The doctor did not listen.")
    c = client_for(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/api/v1/nlp/jobs/",
            {"kind": "analyse", "batch_size": 1},
            content_type="application/json",
        )
    assert response.status_code == 201
    progress = c.get(f"/api/v1/nlp/jobs/{response.json()['id']}/").json()
    assert progress["status"] == "done" and progress["percent"] == 100
    assert progress["batches"] == {"pending": 0, "done": 1, "failed": 0}


def test_lexicon_page_in_french_and_english(codebook, client_for, researcher):
    c = client_for(researcher)
    url = "/nlp/lexicons/?language={}&code=unconscious_bias"
    english = c.get(url.format("en"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lexicons" in english and "unconscious bias" in english
    c.cookies["django_language"] = "fr"
    french = c.get(url.format("fr")).content.decode()
    assert "Lexiques" in french and "biais inconscient" in french


def test_the_lexicon_is_shown_a_hundred_entries_a_page_with_each_codes_whole_count(
    codebook, client_for, researcher
):
    c = client_for(researcher)
    shipped = LexiconEntry.objects.filter(language="fr")
    assert shipped.count() > 300  # the shipped French lexicon
    pages = -(-shipped.count() // 100)
    seen = []
    for number in range(1, pages + 1):
        response = c.get(f"/nlp/lexicons/?language=fr&page={number}", HTTP_ACCEPT_LANGUAGE="en")
        html = response.content.decode()
        rows = [
            entry for _key, _label, _total, group in response.context["groups"] for entry in group
        ]
        assert len(rows) == (100 if number < pages else shipped.count() - 100 * (pages - 1))
        seen += [entry.pk for entry in rows]
        for key, _label, total, _group in response.context["groups"]:
            assert total == shipped.filter(code_key=key).count(), key
        assert f"Page {number} of {pages}" in html
        if number < pages:
            assert f'href="?language=fr&amp;page={number + 1}" rel="next"' in html
    assert sorted(seen) == sorted(shipped.values_list("pk", flat=True))
    # One code alone fits on one page, without page links.
    one = c.get("/nlp/lexicons/?language=fr&code=unconscious_bias", HTTP_ACCEPT_LANGUAGE="en")
    assert 'rel="next"' not in one.content.decode()
    [(key, _label, total, group)] = one.context["groups"]
    assert key == "unconscious_bias"
    assert total == len(group) == shipped.filter(code_key=key).count()


def test_list_pages_do_a_fixed_number_of_queries(
    objects, client_for, admin_user, django_assert_max_num_queries
):
    for i in range(30):
        NlpJob.objects.create(kind="retag", status="done")
        NlpFailure.objects.create(task_name="nlp.x", exception_type=f"E{i}")
    c = client_for(admin_user)
    for url in (
        "/nlp/",
        "/nlp/failures/",
        "/nlp/lexicons/?language=fr",
        "/api/v1/nlp/jobs/",
        "/api/v1/nlp/failures/",
        "/api/v1/nlp/lexicon-entries/",
        "/nlp/classifier/",
    ):
        with django_assert_max_num_queries(15):
            assert c.get(url).status_code == 200
