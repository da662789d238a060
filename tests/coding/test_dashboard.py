"""The starting page shows a coder's work: stories to code, suggestions, disagreements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from coding import selectors, services
from core.dashboard import dashboard_context, dashboard_context_hooks
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return [UserFactory(roles=[Role.RESEARCHER], display_name=n) for n in ("Ana", "Ben", "Chloé")]


def test_coding_registers_its_dashboard_context_with_core():
    assert selectors.work_dashboard_context in list(dashboard_context_hooks)


def test_only_coders_get_the_work_section(client_for, participant, facilitator):
    for user in (participant, facilitator):
        assert "coding_work" not in dashboard_context(user=user)
        body = client_for(user).get("/dashboard/").content.decode()
        assert "/coding/" not in body


def test_counts_match_the_lists_they_link_to(team):
    a, b, c = team
    book = CodebookFactory(is_default=True)
    code, other = CodeFactory(codebook=book), CodeFactory(codebook=book)
    s1, s2, s3, s4 = story(), story(), story(), story()
    services.application_create(testimony=s1, code=code, coder=a)
    services.application_create(testimony=s1, code=code, coder=b, start=0, end=3)
    services.coding_complete(testimony=s1, coder=c)  # s1 finished; c did not apply code
    services.application_create(testimony=s2, code=code, coder=a)
    services.application_create(testimony=s2, code=other, coder=b)
    services.application_create(testimony=s3, code=code, coder=a)
    services.suggestion_record(testimony=s4, code=code, confidence=0.7, model_version="lex-1")
    work = dashboard_context(user=a)["coding_work"]
    assert work["codebook"] == book
    # s2, s3, s4 are unfinished; the queue filtered the same way lists the same stories.
    assert work["to_code"] == {"count": 3, "more": False}
    queue = selectors.work_queue(user=a, status="todo", mine="todo")
    assert queue.count() == 3
    assert work["suggestions"] == {"count": 1, "more": False}
    assert selectors.work_queue(user=a, status="all", pending=True).count() == 1
    listed = {
        (r["testimony_id"], r["code"].id) for r in selectors.disagreements(user=a, codebook=book)
    }
    assert listed == {(s1.id, code.id), (s2.id, code.id), (s2.id, other.id)}
    found = {
        (r["testimony_id"], r["code_id"])
        for r in selectors.open_disagreements(user=a, codebook=book)
    }
    assert found == listed
    assert work["disagreements"] == {"count": 3, "more": False}
    services.reconciliation_record(testimony=s2, code=other, user=a, decision="absent")
    after = dashboard_context(user=a)["coding_work"]["disagreements"]
    assert after == {"count": 2, "more": False}


def test_archived_and_other_codebooks_are_not_counted(team):
    a, b, _c = team
    book = CodebookFactory(is_default=True)
    shared = CodeFactory(codebook=book)
    archived = CodeFactory(codebook=book)
    elsewhere = CodeFactory(codebook=CodebookFactory())
    s = story()
    for coder in (a, b):
        services.application_create(testimony=s, code=shared, coder=coder)
    services.application_create(testimony=s, code=archived, coder=a)
    services.application_create(testimony=s, code=elsewhere, coder=a)
    assert selectors.open_disagreements(user=a, codebook=book).count() == 1
    archived.is_archived = True
    archived.save(update_fields=["is_archived"])
    assert selectors.open_disagreements(user=a, codebook=book).count() == 0
    assert selectors.disagreements(user=a, codebook=book) == []


def test_counts_stop_at_the_cap_and_say_more(team, client_for, monkeypatch):
    a = team[0]
    CodebookFactory(is_default=True)
    for _ in range(4):
        story()
    assert selectors.capped_count(selectors.stories_to_code(user=a), cap=3) == {
        "count": 3,
        "more": True,
    }
    monkeypatch.setattr("coding.selectors.work.WORK_CAP", 3)
    body = client_for(a).get("/dashboard/").content.decode()
    assert "more than 3" in body


def test_a_capped_count_reads_at_most_cap_plus_one_rows(team):
    a = team[0]
    for _ in range(3):
        story()
    with CaptureQueriesContext(connection) as ctx:
        selectors.capped_count(selectors.stories_to_code(user=a), cap=2)
    assert len(ctx.captured_queries) == 1
    assert "LIMIT 3" in ctx.captured_queries[0]["sql"].upper()


def test_the_page_links_to_the_filtered_lists(team, client_for, django_assert_max_num_queries):
    a, b, _c = team
    book = CodebookFactory(is_default=True)
    code = CodeFactory(codebook=book)
    for _ in range(20):
        s = story()
        services.application_create(testimony=s, code=code, coder=a)
        services.coding_complete(testimony=s, coder=b)
    c = client_for(a)
    c.get("/dashboard/")
    with django_assert_max_num_queries(12):
        body = c.get("/dashboard/").content.decode()
    assert "Your coding work" in body
    assert "/coding/?status=todo&amp;mine=on" in body
    assert "/coding/?status=all&amp;pending=yes" in body
    assert f"/coding/agreement/disagreements/?codebook={book.pk}" in body
    # b finished every story, so none is left to code; a and b disagree on each.
    assert dashboard_context(user=a)["coding_work"]["to_code"]["count"] == 0
    assert dashboard_context(user=a)["coding_work"]["disagreements"]["count"] == 20
    # The linked pages answer and list the same.
    assert c.get(f"/coding/agreement/disagreements/?codebook={book.pk}").status_code == 200
    assert c.get("/coding/?status=todo&mine=on").status_code == 200
