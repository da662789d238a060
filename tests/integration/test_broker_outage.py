"""The broker dies during submissions: every participant still gets their receipt and code at once.

Everything here runs against a redis-server of the test's own (``own_redis``): it is killed and
started again; the shared Redis is never touched.
"""

import math
import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from config.celery_app import app
from core.models import OutboxMessage
from core.outbox import outbox_group_hooks, outbox_relay
from nlp.models import StoryAnalysis
from testimonies.hooks import submission_tasks
from testimonies.models import Testimony
from tests.factories import open_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

STORIES = 50
# What a participant may wait for their receipt while the broker is down (the outbox's bound).
RECEIPT_BOUND_SECONDS = 2.0


def _consent(client: Client, url: str) -> dict:
    page = client.get(url).content.decode()
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    step = client.post(
        url, {"step": "consent", "consent_text": consent_text, "scope_research": "on"}
    ).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', step).group(1)
    return {
        "step": "story",
        "consent_text": consent_text,
        "scopes": ["research"],
        "submission_key": key,
    }


def wait_for(predicate, timeout: float, what: str, interval: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _task_lines(log_path: str, task_name: str, word: str) -> int:
    with open(log_path, encoding="utf-8", errors="replace") as log:
        return sum(1 for line in log if f"Task {task_name}[" in line and f"] {word}" in line)


def test_broker_down_during_50_submissions(app_on_own_redis, celery_worker_process):
    redis = app_on_own_redis
    worker = celery_worker_process(queues="default,nlp", broker_url=redis.url)
    event = open_event()
    url = f"/t/{event.submission_token}/"
    participants = []
    for _ in range(STORIES):
        client = Client()
        participants.append((client, _consent(client, url)))

    # Ten stories while the broker is up: published at commit, processed by the worker.
    def submit(index: int, client: Client, data: dict) -> None:
        started = time.monotonic()
        response = client.post(url, {**data, "text": f"Story number {index} about the clinic."})
        elapsed = time.monotonic() - started
        body = response.content.decode()
        assert response.status_code == 200, (index, response.status_code)
        assert re.search(r'id="withdrawal-code">[^<]+<', body), index
        assert "Receipt number" in body, index
        assert elapsed < RECEIPT_BOUND_SECONDS, f"story {index} waited {elapsed:.1f} s"

    for index, (client, data) in enumerate(participants[:10]):
        submit(index, client, data)
    wait_for(
        lambda: Testimony.objects.filter(processed_at__isnull=False).count() == 10,
        60,
        "the first ten stories to be processed",
    )

    # The broker dies: forty more stories, each answered within the bound.
    redis.stop()
    for index, (client, data) in enumerate(participants[10:], start=10):
        submit(index, client, data)
    assert Testimony.objects.count() == STORIES
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    assert pending.count() == 40 * len(submission_tasks())

    # The broker comes back: the worker reconnects by itself; the relay sends what waited.
    redis.start()
    OutboxMessage.objects.update(available_at=timezone.now() - timedelta(seconds=1))
    result = wait_for(lambda: outbox_relay(limit=500).sent or None, 30, "the relay to send")
    assert result == 40 * len(submission_tasks())
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()
    wait_for(
        lambda: Testimony.objects.filter(processed_at__isnull=False).count() == STORIES,
        # NOTE: deadlines, not waits: generous for a loaded 2-core CI machine (spaCy per story).
        240,
        "every story to be processed after the outage",
    )
    # Exactly once: each task was received and run once per story, no more; a grouped task
    # (core.outbox.outbox_group_hooks) once per group of the forty relayed together, and at most
    # once per story relayed alone (the first ten: one may join a group still queued,
    # core.outbox_join).
    groups = {group.task_name: group for group in outbox_group_hooks}
    for task_name in submission_tasks():
        runs, group = STORIES, groups.get(task_name)
        least = runs
        if group is not None:
            least = 1 + math.ceil(40 / group.size)
            task_name, runs = group.into, 10 + math.ceil(40 / group.size)
        wait_for(
            lambda name=task_name, n=least: _task_lines(worker.log_path, name, "succeeded") >= n,
            240,
            f"{task_name} to run for every story",
        )
        if group is not None:
            wait_for(lambda: StoryAnalysis.objects.count() == STORIES, 240, "every analysis")
        received = _task_lines(worker.log_path, task_name, "received")
        assert least <= received <= runs, task_name
        wait_for(
            lambda name=task_name, n=received: _task_lines(worker.log_path, name, "succeeded") == n,
            60,
            f"{task_name}'s last run",
        )
    assert StoryAnalysis.objects.filter(analysed_at__isnull=False).count() == STORIES
    assert worker.poll() is None, "the worker survived the broker's outage"
    assert app.conf.task_always_eager is False
