import uuid

import pytest

from config.celery_app import app

pytestmark = pytest.mark.integration


def test_a_task_round_trips_through_a_real_worker(celery_worker_process, redis_url):
    celery_worker_process(queues="default")
    probe = uuid.uuid4().hex
    result = app.send_task("core.ping", args=[probe], queue="default")
    assert result.get(timeout=30) == probe[::-1]


def test_the_nlp_queue_is_consumed_by_nlp_workers(celery_worker_process, redis_url):
    celery_worker_process(queues="nlp")
    result = app.send_task("core.ping", args=["nlp"], queue="nlp")
    assert result.get(timeout=30) == "pln"


def test_ci_runs_on_postgresql_and_redis(postgres, redis_url):
    """In CI both services must be there: this fails, never skips, when one is missing."""
    from django.db import connection

    assert connection.vendor == "postgresql"
