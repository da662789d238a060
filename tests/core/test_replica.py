"""The optional read replica (issue 22 point 8): analysis reads go to the ``replica`` alias,
writes, migrations, sign-in and the coding screen stay on ``default``.

In the suite ``replica`` is a test mirror of ``default``: a second connection (a second
PostgreSQL session) to the same test database. Data a test writes stays in the test's open
transaction on ``default``, which the replica's session cannot see: so a page that shows it read
from ``default``, and a page that does not read from the replica, as a lagging replica would.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from coding.models import CodeApplication, Codebook
from coding.services import codebook_default_seed
from core.replica import AnalysisReplicaRouter, analysis_alias, replica_reads, replica_view
from tests.coding.factories import story

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture(autouse=True)
def _close_replica():
    yield
    connections["replica"].close()


@pytest.fixture
def on(settings):
    settings.ANALYSIS_READS_ON_REPLICA = True


def test_the_router():
    router = AnalysisReplicaRouter()
    assert router.db_for_write(CodeApplication) == "default"
    assert router.allow_migrate("default", "coding") is True
    assert router.allow_migrate("replica", "coding") is False
    assert router.db_for_read(CodeApplication) == "default"


def test_reads_go_to_the_replica_only_inside_replica_reads_and_when_on(settings):
    with replica_reads():
        assert analysis_alias() == "default"  # switched off (the suite's default)
    settings.ANALYSIS_READS_ON_REPLICA = True
    assert analysis_alias() == "default"
    with replica_reads():
        assert analysis_alias() == "replica"
        assert AnalysisReplicaRouter().db_for_write(CodeApplication) == "default"
    assert analysis_alias() == "default"


def test_a_query_inside_replica_reads_runs_on_the_replica_connection(on):
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as default,
        replica_reads(),
    ):
        list(Codebook.objects.all())
    assert any("coding_codebook" in q["sql"] for q in replica.captured_queries)
    assert not any("coding_codebook" in q["sql"] for q in default.captured_queries)


def test_replica_view_leaves_posts_on_default(on, rf):
    seen = {}

    @replica_view
    def view(request):
        seen[request.method] = analysis_alias()

    view(rf.get("/"))
    view(rf.post("/"))
    assert seen == {"GET": "replica", "POST": "default"}


def _agreement_story(researcher):
    book = codebook_default_seed()
    theme = book.codes.get(key="person_centred")
    copy = story()
    CodeApplication.objects.create(testimony=copy, code=theme, coder=researcher)
    return copy


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_agreement_page_reads_from_the_replica(researcher, client_for, on):
    # Committed data (a transactional test): the replica's session sees it, as it would once
    # replicated. The report was counted there and names the coder.
    _agreement_story(researcher)
    client = client_for(researcher)
    with CaptureQueriesContext(connections["replica"]) as replica:
        body = client.get("/coding/agreement/").content.decode()
    assert any("coding_codeapplication" in q["sql"] for q in replica.captured_queries)
    assert (researcher.display_name or researcher.email) in body


def test_a_lagging_replica_does_not_see_what_was_just_written(researcher, client_for, on):
    # Uncommitted data (the test's open transaction on default) stands for a write not yet
    # replicated: the API's report, read from the replica, does not count it.
    _agreement_story(researcher)
    client = client_for(researcher)
    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get("/api/v1/agreement/")
    assert any("coding_codeapplication" in q["sql"] for q in replica.captured_queries)
    assert response.json()["coders"] == []


def test_switched_off_the_agreement_page_reads_from_default(researcher, client_for):
    _agreement_story(researcher)
    with CaptureQueriesContext(connections["replica"]) as replica:
        body = client_for(researcher).get("/coding/agreement/").content.decode()
    assert not replica.captured_queries
    assert (researcher.display_name or researcher.email) in body


def test_the_coding_screen_and_sign_in_stay_on_default(researcher, client_for, on):
    copy = _agreement_story(researcher)
    client = client_for(researcher)
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert client.get(f"/coding/stories/{copy.pk}/").status_code == 200
        client.get("/accounts/login/")
    assert not replica.captured_queries
