"""The relay after a story's commit costs little (issue 22 point 5): it keeps its broker
connection between stories, replaces a stale one, reads no count and waits for no disk flush."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.celery_app import app
from core import outbox
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
    monkeypatch.setattr(outbox, "_kept", outbox._KeptConnection())
    record = {"opened": [], "sent": [], "fail_on": set(), "slow": False}

    def connection_for_write(*args, **kwargs):
        opened = FakeConnection(len(record["opened"]) + 1)
        record["opened"].append(opened)
        return opened

    def send_task(name, *, connection, **kwargs):
        if connection.id in record["fail_on"]:
            record["fail_on"].discard(connection.id)
            if record["slow"]:
                time.sleep(outbox.STALE_FAILS_WITHIN + 0.05)
            raise ConnectionError("stale")
        record["sent"].append((name, connection.id))

    monkeypatch.setattr(app, "connection_for_write", connection_for_write)
    monkeypatch.setattr(app, "send_task", send_task)
    yield record
    app.conf.task_always_eager = eager


@pytest.mark.django_db
def test_stories_in_a_row_share_one_broker_connection(
    publishing, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            submit()
    assert len(publishing["opened"]) == 1
    assert {conn for _, conn in publishing["sent"]} == {1}
    assert len(publishing["sent"]) == OutboxMessage.objects.count() >= 6
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.django_db
def test_a_stale_kept_connection_is_replaced_and_the_message_still_sent_once(
    publishing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    publishing["fail_on"].add(1)  # the kept connection has gone stale
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert len(publishing["opened"]) == 2
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.django_db
def test_a_kept_connection_that_fails_slowly_is_not_tried_again(
    publishing, django_capture_on_commit_callbacks
):
    """A hung broker costs the bound once, not once for the kept and once for a new one."""
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    publishing["fail_on"].add(1)
    publishing["slow"] = True
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert len(publishing["opened"]) == 1
    assert OutboxMessage.objects.filter(status="pending").count() >= 2
    assert outbox._kept.connection is None


@pytest.mark.django_db
def test_a_broker_that_stays_down_leaves_the_messages_pending_and_forgets_the_connection(
    publishing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    publishing["fail_on"].update({1, 2})  # the kept one and its replacement both fail
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert OutboxMessage.objects.filter(status="pending").count() >= 2
    assert outbox._kept.connection is None


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
