"""The transactional outbox: no story is ever lost, whatever the broker does."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from config.celery_app import app
from core.models import OutboxMessage
from core.outbox import outbox_enqueue, outbox_relay
from testimonies.models import Testimony
from tests.testimonies.factories import open_event, submit

CLOSED_PORT = "redis://127.0.0.1:1/0"


def test_enqueue_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        outbox_enqueue(task_name="core.ping", kwargs={})


@pytest.mark.django_db
def test_a_rolled_back_story_leaves_no_outbox_row():
    event = open_event()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        submit(event)
        1 / 0  # noqa: B018
    assert not Testimony.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_outbox_row_is_written_with_the_story_and_relayed_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        t = submit().testimony
    row = OutboxMessage.objects.get(task_name="testimonies.process_submission")
    assert row.kwargs == {"testimony_id": t.pk} and row.status == "pending"
    assert callbacks, "a relay is scheduled on commit"
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.status == "sent" and row.sent_at
    t.refresh_from_db()
    assert t.processed_at is not None


@pytest.mark.django_db
def test_with_the_broker_down_the_story_is_saved_and_the_message_stays_pending(not_eager):
    t = submit().testimony
    started = time.monotonic()
    result = outbox_relay(broker_url=CLOSED_PORT)
    assert time.monotonic() - started < 10, "an outage must not hang the request"
    assert result.sent == 0 and result.pending >= 1
    row = OutboxMessage.objects.get(task_name="testimonies.process_submission")
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.available_at > timezone.now()  # backed off
    assert row.last_error and "testimony" not in row.last_error.lower()
    assert Testimony.objects.filter(pk=t.pk).exists()
    # Not due yet: the next relay leaves it alone.
    assert outbox_relay(broker_url=CLOSED_PORT).sent == 0
    assert OutboxMessage.objects.get(pk=row.pk).attempts == 1


@pytest.mark.django_db
def test_an_unknown_task_is_marked_failed_not_retried_forever():
    with transaction.atomic():
        outbox_enqueue(task_name="nope.missing", kwargs={})
    row = OutboxMessage.objects.get()
    outbox_relay()
    row.refresh_from_db()
    assert row.status == "failed"


@pytest.mark.django_db
def test_the_relay_command_publishes_pending_rows(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submit()
    call_command("relay_outbox")
    assert "sent=" in capsys.readouterr().out
    assert not OutboxMessage.objects.filter(status="pending").exists()


@pytest.mark.integration
def test_submission_succeeds_while_redis_is_down_and_is_processed_once_back(
    transactional_db, celery_worker_process, redis_url, client, monkeypatch
):
    """The broker really unreachable for the submission, then the real Redis and a real worker."""
    import re

    celery_worker_process(queues="default,nlp")
    event = open_event()
    url = f"/t/{event.submission_token}/"
    page = client.get(url).content.decode()
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    step2 = client.post(
        url, {"step": "consent", "consent_text": consent_text, "scope_research": "on"}
    ).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', step2).group(1)

    # Redis "down": every publish goes to a port where nothing listens.
    monkeypatch.setattr(app.conf, "broker_write_url", CLOSED_PORT, raising=False)
    response = client.post(
        url,
        {
            "step": "story",
            "consent_text": consent_text,
            "scopes": ["research"],
            "submission_key": key,
            "text": "Saved while the broker was down.",
        },
    )
    assert response.status_code == 200
    assert "withdrawal-code" in response.content.decode()
    t = Testimony.objects.get()
    assert t.processed_at is None
    pending = OutboxMessage.objects.filter(status="pending")
    assert pending.count() >= 1 and all(row.attempts == 1 for row in pending)

    # Redis back: the periodic relay publishes; the real worker processes.
    monkeypatch.undo()
    OutboxMessage.objects.update(available_at=timezone.now() - timedelta(seconds=1))
    result = outbox_relay()
    assert result.sent >= 1 and result.pending == 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        t.refresh_from_db()
        if t.processed_at is not None:
            break
        time.sleep(0.5)
    assert t.processed_at is not None, "the worker did not process the relayed message"


@pytest.mark.django_db
def test_the_periodic_relay_is_scheduled_and_registered(django_capture_on_commit_callbacks):
    from django.conf import settings

    from core.tasks import relay_outbox

    entry = settings.CELERY_BEAT_SCHEDULE["core.relay_outbox"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert app.conf.beat_schedule["core.relay_outbox"]["task"] == "core.relay_outbox"
    with django_capture_on_commit_callbacks(execute=False):
        submit()
    assert relay_outbox.apply().get() >= 1
    assert not OutboxMessage.objects.filter(status="pending").exists()


@pytest.mark.django_db
def test_a_story_publishes_once_with_all_its_messages(
    django_capture_on_commit_callbacks, monkeypatch
):
    """One relay call, one broker connection per transaction, whatever the number of tasks."""
    from core import outbox
    from testimonies.hooks import submission_tasks

    calls = []
    monkeypatch.setattr(outbox, "outbox_relay", lambda **kw: calls.append(kw["ids"]))
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert len(submission_tasks()) >= 2
    assert len(calls) == 1
    assert sorted(calls[0]) == sorted(OutboxMessage.objects.values_list("pk", flat=True))


def test_publishing_asks_for_no_result_and_does_not_retry(monkeypatch, not_eager):
    """A result backend that is down retried its connection for about 20 s per message."""
    from core import outbox_broker

    sent = {}
    monkeypatch.setattr(app, "send_task", lambda name, **kw: sent.update(kw))
    outbox_broker.publish("core.ping", {}, "", connection=None)
    assert sent["ignore_result"] is True
    assert sent["retry_policy"]["max_retries"] == 0
    assert outbox_broker.CONNECT_TIMEOUT <= 2


@pytest.mark.django_db
def test_a_broker_that_accepts_but_never_answers_costs_the_bound_once(
    not_eager, django_capture_on_commit_callbacks
):
    """No reset, no reply (a hung Redis, a dropped route): the socket timeout bounds the wait,
    once for the whole story, not once per message or per retry."""
    import socket

    from core.outbox_broker import CONNECT_TIMEOUT

    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)  # NOTE: the kernel completes the handshake; nothing ever answers.
        with django_capture_on_commit_callbacks(execute=False):
            submit()
        started = time.monotonic()
        result = outbox_relay(broker_url=f"redis://127.0.0.1:{hung.getsockname()[1]}/0")
        elapsed = time.monotonic() - started
    assert result.sent == 0 and result.pending == OutboxMessage.objects.count() >= 2
    assert elapsed < CONNECT_TIMEOUT + 1.0, f"waited {elapsed:.1f} s"


@pytest.mark.django_db
def test_a_relayed_backlog_of_new_stories_goes_out_one_message_per_batch(
    monkeypatch, not_eager, settings
):
    """The relay publishes a group's rows (nlp.process_testimony, nothing but the story's id)
    as one nlp.process_testimonies per NLP_ANALYSE_BATCH_MAX stories; the other rows alone."""
    from core import outbox

    size = next(g.size for g in outbox.outbox_group_hooks if g.task_name == "nlp.process_testimony")
    assert size == settings.NLP_ANALYSE_BATCH_MAX
    count = 2 * size + 3
    with transaction.atomic():
        for pk in range(1, count + 1):
            outbox_enqueue(
                task_name="nlp.process_testimony",
                kwargs={"testimony_id": pk},
                relay_on_commit=False,
            )
        outbox_enqueue(task_name="core.ping", kwargs={}, relay_on_commit=False)
        outbox_enqueue(
            task_name="nlp.process_testimony",
            kwargs={"testimony_id": 7, "force": True},
            relay_on_commit=False,
        )
    published = []

    class Broker:
        def __init__(self, *args):
            pass

        def publish(self, task_name, kwargs, queue):
            published.append((task_name, kwargs))

        def close(self, *, failed):
            pass

    monkeypatch.setattr(outbox, "Broker", Broker)
    assert outbox_relay(limit=500).sent == count + 2
    groups = [kw["testimony_ids"] for name, kw in published if name == "nlp.process_testimonies"]
    assert [len(ids) for ids in groups] == [size, size, 3]
    assert [pk for ids in groups for pk in ids] == list(range(1, count + 1))
    # A message with more than the id (analyse again) keeps its own task, as does any other.
    assert ("nlp.process_testimony", {"testimony_id": 7, "force": True}) in published
    assert ("core.ping", {}) in published and len(published) == 5
    rows = OutboxMessage.objects.all()
    assert set(rows.values_list("status", "attempts")) == {("sent", 1)}
    assert outbox_relay(limit=500).sent == 0  # nothing published twice


@pytest.mark.django_db
def test_a_group_the_broker_refused_stays_pending_row_by_row(not_eager):
    with transaction.atomic():
        for pk in (1, 2, 3):
            outbox_enqueue(
                task_name="nlp.process_testimony",
                kwargs={"testimony_id": pk},
                relay_on_commit=False,
            )
    result = outbox_relay(broker_url=CLOSED_PORT)
    assert (result.sent, result.pending) == (0, 3)
    rows = OutboxMessage.objects.all()
    assert set(rows.values_list("status", "attempts")) == {("pending", 1)}
    assert all(row.available_at > timezone.now() and row.last_error for row in rows)
