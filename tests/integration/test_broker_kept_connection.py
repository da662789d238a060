"""The relay after commit keeps its broker connection between stories (core/outbox.py): it
must still deliver when the broker's database is emptied (the cache shares it; ``cache.clear()``
empties it) or Redis restarts between two stories. Against a redis-server of the test's own."""

import json

import pytest
from django.test import Client

from config.celery_app import app
from core.models import OutboxMessage
from testimonies.hooks import submission_tasks
from testimonies.models import Testimony
from tests.factories import open_event
from tests.integration.test_broker_outage import _consent

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _queued(redis) -> list[tuple[str, str]]:
    """(task, kwargs) of every message waiting in the lists the workers read."""
    client = redis.client()
    found = []
    for queue in app.amqp.queues:
        for raw in client.lrange(queue, 0, -1):
            headers = json.loads(raw)["headers"]
            found.append((headers["task"], headers["kwargsrepr"]))
    return sorted(found)


def _story(url: str, index: int) -> Testimony:
    client = Client()
    data = _consent(client, url)
    response = client.post(url, {**data, "text": f"Story number {index} about the clinic."})
    assert response.status_code == 200
    return Testimony.objects.order_by("-pk").first()


# The relay sends a new story's analysis as a group (nlp.apps registers it), here of one, which
# carries its group's token (core.outbox_join: no group is queued for it to join).
GROUPED = {"nlp.process_testimony": ("nlp.process_testimonies", "testimony_ids")}


def _expected(testimony: Testimony) -> list[tuple[str, str]]:
    found = []
    for name in submission_tasks():
        if name in GROUPED:
            grouped, key = GROUPED[name]
            row = OutboxMessage.objects.get(task_name=name, kwargs={"testimony_id": testimony.pk})
            token = f"{grouped}:{row.queue}:{row.pk}"
            found.append((grouped, repr({key: [testimony.pk], "group_token": token})))
        else:
            found.append((name, repr({"testimony_id": testimony.pk})))
    return sorted(found)


@pytest.mark.parametrize("between", ["emptied", "restarted"])
def test_the_second_story_reaches_the_queues_after_the_broker_lost_everything(
    app_on_own_redis, not_eager, between
):
    redis = app_on_own_redis
    url = f"/t/{open_event().submission_token}/"
    first = _story(url, 1)
    assert _queued(redis) == _expected(first)
    if between == "emptied":
        redis.client().flushdb()
    else:
        redis.stop()
        redis.start()
    assert _queued(redis) == []
    second = _story(url, 2)
    # Published at once on the kept connection (or a new one after the restart), not left
    # for the periodic relay, and in the very lists the workers read.
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()
    assert _queued(redis) == _expected(second)
