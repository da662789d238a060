"""What each step of the participant form asks of the database (issue 22 point 5, profiled in
docs/dev/scale.md): a bound on the queries per step, and no session read or written at all."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from testimonies import receipts
from tests.testimonies.factories import open_event, submit

pytestmark = pytest.mark.django_db

# The link: the event, the consent text. A valid consent: the event, the text it names. The
# story: the event, its consent text, the story and its consent record, research copy, its
# outbox rows (one INSERT), audit entry (lock, last entry; no savepoint), then the receipt's
# theme names (a story saved by this request has no quote decisions to read). No replay check
# and no withdrawal id looked up first: the unique indexes refuse a retry's insert and a clashing
# id (tests/testimonies/test_idempotency.py).
MAX_QUERIES = {"link": 2, "consent": 2, "story": 12}


def _step(client: Client, url: str, data: dict | None = None) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if data else client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_each_step_stays_within_its_queries_and_touches_no_session(
    django_capture_on_commit_callbacks,
):
    url = f"/t/{open_event().submission_token}/"
    client = Client()
    page, link = _step(client, url)
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    data = {"step": "consent", "consent_text": consent_text, "scope_research": "on"}
    page, consent = _step(client, url, data)
    data = {
        "step": "story",
        "consent_text": consent_text,
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', page).group(1),
        "scopes": ["research"],
        "text": "The nurse explained everything twice, kindly.",
    }
    with django_capture_on_commit_callbacks(execute=False):
        page, story = _step(client, url, data)
    assert 'name="code" value="' in page
    counted = {"link": link, "consent": consent, "story": story}
    for step, sql in counted.items():
        assert len(sql) <= MAX_QUERIES[step], (step, len(sql), sql)
        assert not [s for s in sql if "django_session" in s], step


def test_a_just_saved_storys_receipt_is_the_one_read_later():
    testimony = submit().testimony
    assert receipts.testimony_receipt(
        testimony=testimony, just_saved=True
    ) == receipts.testimony_receipt(testimony=testimony)


def test_the_audit_chains_lock_is_taken_last_before_the_commit(
    django_capture_on_commit_callbacks,
):
    """Concurrent stories wait for that lock one at a time until each commits: nothing else
    of the story is written while it is held."""
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=False),
    ):
        submit()
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, s in enumerate(sql) if "pg_advisory_xact_lock" in s)
    writes = [i for i, s in enumerate(sql) if s.startswith("INSERT INTO")]
    assert writes[-1] > lock and 'INSERT INTO "audit_auditentry"' in sql[writes[-1]]
    assert all(i < lock for i in writes[:-1]), sql[lock:]
