"""New stories relayed one at a time join the batch still queued (``core.outbox_join``) instead
of sending a message each, on a real Redis with real workers: none is lost when the worker that
took the batch is killed, and none joins a batch whose task has begun."""

import re
import time
from pathlib import Path

import pytest
from django.db.models import Count

from coding.models import CodeApplication
from coding.services import codebook_default_seed
from core.models import OutboxMessage
from core.outbox_join import KEY_PREFIX, outbox_group_take
from nlp import services
from nlp.models import NlpFailure
from tests.factories import open_event, story_create
from tests.integration.conftest import (  # noqa: F401
    app_on_own_redis,
    celery_worker_process,
    kill_process_group,
    own_redis,
)
from tests.integration.test_broker_outage import wait_for
from tests.nlp.test_batched_integration import FAST_REDELIVERY, TEXTS, _done

RECEIVED = re.compile(r"Task nlp\.process_testimonies\[([0-9a-f-]+)\] received")
pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _stories(count: int, start: int = 0) -> list[int]:
    """Stories submitted one at a time, each relayed at its own commit."""
    event = open_event(languages=["fr"])
    return [
        story_create(event=event, text=f"{TEXTS[i % len(TEXTS)]} ({i})", declared_language="fr").pk
        for i in range(start, start + count)
    ]


def _queued(redis) -> int:
    return redis.client().llen("nlp")


def _check_once(ids: list[int]) -> None:
    assert not NlpFailure.objects.exists()
    machine = CodeApplication.objects.filter(testimony_id__in=ids, source="machine")
    assert machine.exists()
    assert not machine.values("testimony_id", "code_id").annotate(n=Count("id")).filter(n__gt=1)


def test_stories_relayed_one_by_one_join_the_queued_batch_and_survive_a_killed_worker(
    app_on_own_redis,  # noqa: F811
    celery_worker_process,  # noqa: F811
):
    redis = app_on_own_redis
    codebook_default_seed()
    services.lexicon_seed()
    ids = _stories(40)

    # One carrier for the first 32 (the batch's size), one for the 8 after: 2 messages, not 40.
    assert _queued(redis) == 2
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 0

    first = celery_worker_process(queues="nlp", broker_url=redis.url, extra_env=FAST_REDELIVERY)
    # Killed (with its pool) once its task has taken and closed the first group, before the
    # batch is written (loading spaCy alone takes seconds).
    closed = f"{KEY_PREFIX}closed:*"
    wait_for(lambda: redis.client().keys(closed), 120, "a group taken", interval=0.02)
    # NOTE: not at once: a worker killed while it sweeps for unacknowledged messages (it does
    # at start) holds the broker's sweep lock for 5 minutes, and nothing is handed out again.
    time.sleep(1.5)
    kill_process_group(first)
    assert _done(ids) < 40, "the worker finished everything before it was killed"

    second = celery_worker_process(queues="nlp", broker_url=redis.url, extra_env=FAST_REDELIVERY)
    wait_for(lambda: _done(ids) == 40, 180, "every story after the restart")
    _check_once(ids)
    # The second worker received the killed worker's batch again and the other one; the joined
    # stories sent no message of their own. A message may come twice (its first run, loading
    # spaCy, can outlast the visibility timeout): the same task id, analysed once (above).
    received = set(RECEIVED.findall(Path(second.log_path).read_text()))
    assert 1 <= len(received) <= 2, received


def test_no_story_joins_a_batch_whose_task_has_begun(
    app_on_own_redis,  # noqa: F811
    celery_worker_process,  # noqa: F811
):
    redis = app_on_own_redis
    [first] = _stories(1)
    carrier = OutboxMessage.objects.get(
        task_name="nlp.process_testimony", kwargs={"testimony_id": first}
    )
    token = f"nlp.process_testimonies:{carrier.queue}:{carrier.pk}"
    joined = _stories(2, start=1)
    assert _queued(redis) == 1

    # Its task begins (the group closes): it has the three stories; later ones send their own.
    assert outbox_group_take(token) == sorted([first, *joined])
    later = _stories(2, start=3)
    assert _queued(redis) == 2  # the first of them carries a new group, the second joins it
    assert outbox_group_take(token) == sorted([first, *joined])  # read again after a redelivery
    assert not set(later) & set(outbox_group_take(token))
