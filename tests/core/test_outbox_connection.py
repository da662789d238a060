"""The relay after a story's commit costs little (issue 22 point 5): it reads no count, waits
for no disk flush, and publishes on a broker connection kept per process, opened again when it
goes stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.celery_app import app
from core import outbox, outbox_broker
from core.models import OutboxMessage
from tests.testimonies.factories import submit


class FakeConnection:
    def __init__(self, number: int):
        self.id = number
        self.released = False

    def release(self) -> None:
        self.released = True


@pytest.fixture
def publishing(monkeypatch):
    """Not eager; every publish and every new broker connection recorded, none really made."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    record = {"opened": [], "sent": [], "fail_on": set(), "hang_on": set()}
    # NOTE: no connection kept by an earlier test (a real one, or another test's fake).
    monkeypatch.setattr(outbox_broker.kept, "connection", None, raising=False)

    def connection_for_write(*args, **kwargs):
        opened = FakeConnection(len(record["opened"]) + 1)
        record["opened"].append(opened)
        return opened

    def send_task(name, *, connection, **kwargs):
        if connection.id in record["fail_on"]:
            record["fail_on"].discard(connection.id)
            raise ConnectionError("stale")
        if connection.id in record["hang_on"]:
            raise OSError("publish failed") from TimeoutError("timed out")
        record["sent"].append((name, connection.id))

    monkeypatch.setattr(app, "connection_for_write", connection_for_write)
    monkeypatch.setattr(app, "send_task", send_task)
    yield record
    app.conf.task_always_eager = eager


def _submit_and_relay(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        submit()


@pytest.mark.django_db
def test_relays_share_one_kept_connection(publishing, django_capture_on_commit_callbacks):
    for _ in range(3):
        _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 1
    assert {connection for _, connection in publishing["sent"]} == {1}
    assert len(publishing["sent"]) == 3 * 2
    assert not publishing["opened"][0].released
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.django_db
def test_a_stale_kept_connection_is_replaced_and_the_message_still_sent(
    publishing, django_capture_on_commit_callbacks
):
    """The broker restarted between two stories: the kept connection fails once, the message
    goes on a new connection at once, and the new one is kept."""
    _submit_and_relay(django_capture_on_commit_callbacks)
    publishing["fail_on"].add(1)
    _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 2
    assert publishing["opened"][0].released
    assert [connection for _, connection in publishing["sent"]] == [1, 1, 2, 2]
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sent", 1)}
    _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 2


@pytest.mark.django_db
def test_a_kept_connection_that_timed_out_is_not_tried_again(
    publishing, django_capture_on_commit_callbacks
):
    """A broker that hangs has had its bound already: no second wait within the request."""
    _submit_and_relay(django_capture_on_commit_callbacks)
    publishing["hang_on"].add(1)
    _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 1 and publishing["opened"][0].released
    assert OutboxMessage.objects.filter(status="pending").count() == 2


@pytest.mark.django_db
def test_a_new_connection_that_fails_leaves_the_messages_pending_and_keeps_nothing(
    publishing, django_capture_on_commit_callbacks
):
    publishing["fail_on"].update({1, 2})
    for _ in range(2):
        _submit_and_relay(django_capture_on_commit_callbacks)
    # NOTE: each connection was new, so none was tried twice: the broker is down.
    assert [opened.released for opened in publishing["opened"]] == [True, True]
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("pending", 1)}
    _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 3 and not publishing["opened"][2].released
    assert OutboxMessage.objects.filter(status="sent").count() == 2


@pytest.mark.django_db
def test_a_connection_made_before_a_fork_is_not_used_after_it(
    publishing, django_capture_on_commit_callbacks, monkeypatch
):
    _submit_and_relay(django_capture_on_commit_callbacks)
    monkeypatch.setattr(outbox_broker.kept, "made_for", (-1, outbox_broker.made_for(app)[1]))
    _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 2
    assert [connection for _, connection in publishing["sent"]] == [1, 1, 2, 2]


@pytest.mark.django_db
def test_a_connection_kept_for_another_configured_broker_is_not_used(
    publishing, django_capture_on_commit_callbacks, monkeypatch
):
    _submit_and_relay(django_capture_on_commit_callbacks)
    monkeypatch.setattr(app.conf, "broker_write_url", "redis://127.0.0.1:1/0")
    _submit_and_relay(django_capture_on_commit_callbacks)
    assert len(publishing["opened"]) == 2


@pytest.mark.django_db
def test_another_broker_url_gets_its_own_connection_released_after(
    publishing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        submit()
    outbox.outbox_relay(broker_url="redis://127.0.0.1:1/0")
    assert len(publishing["opened"]) == 1 and publishing["opened"][0].released
    assert getattr(outbox_broker.kept, "connection", None) is None


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
