"""The relay after a story's commit costs little (issue 22 point 5): it reads no count and waits
for no disk flush; and it opens its own broker connection each time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.celery_app import app
from core.models import OutboxMessage
from tests.testimonies.factories import submit


class FakeConnection:
    def __init__(self, number: int):
        self.id = number

    def release(self) -> None:
        pass


@pytest.fixture
def publishing(monkeypatch):
    """Not eager; every publish and every new broker connection recorded, none really made."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    record = {"opened": [], "sent": [], "fail_on": set()}

    def connection_for_write(*args, **kwargs):
        opened = FakeConnection(len(record["opened"]) + 1)
        record["opened"].append(opened)
        return opened

    def send_task(name, *, connection, **kwargs):
        if connection.id in record["fail_on"]:
            record["fail_on"].discard(connection.id)
            raise ConnectionError("stale")
        record["sent"].append((name, connection.id))

    monkeypatch.setattr(app, "connection_for_write", connection_for_write)
    monkeypatch.setattr(app, "send_task", send_task)
    yield record
    app.conf.task_always_eager = eager


@pytest.mark.django_db
def test_every_relay_opens_its_own_connection_so_the_queues_are_declared_again(
    publishing, django_capture_on_commit_callbacks
):
    """A kept connection declared the queues once: after the broker's database was emptied it
    published into no queue, and the message was lost while marked sent."""
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            submit()
    assert len(publishing["opened"]) == 2
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.django_db(transaction=True)
def test_the_relay_after_commit_reads_no_count_and_does_not_wait_for_the_disk(publishing):
    with CaptureQueriesContext(connection) as queries:
        submit()
    sql = [q["sql"] for q in queries.captured_queries]
    relay = sql[sql.index("SET LOCAL synchronous_commit TO OFF") :]
    assert relay[1].startswith('SELECT "core_outboxmessage"') and "FOR UPDATE" in relay[1]
    assert not [s for s in relay if "COUNT(" in s], relay
    # NOTE: the story's own transaction still waits for the disk.
    assert "synchronous_commit" not in " ".join(sql[: sql.index(relay[0])])
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
