"""Workers that die or lose their broker: the work still finishes, once, by itself.

Each test runs its own redis-server (``own_redis``), kills workers with SIGKILL and restarts that
Redis; the shared Redis is never touched.
"""

import time
from pathlib import Path

import pytest
from django.db.models import Count

from accounts.roles import Role
from coding.models import CodeApplication
from coding.services import codebook_default_seed
from config.celery_app import app
from nlp import services
from nlp.models import NlpJob, NlpJobBatch, StoryAnalysis
from tests.factories import UserFactory, open_event, story_create
from tests.integration.conftest import kill_process_group
from tests.integration.test_broker_outage import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "The nurse did not listen to me. More training on bias is needed.",
    "Nobody explained my results in plain language; I needed an interpreter.",
    "The doctor judged me and I did not feel welcome at the clinic.",
    "We waited for hours and nobody told us why.",
]
# A short visibility timeout and restore sweep, so the test runs in seconds (production: 660 s
# and 60 s, config/settings/base.py).
FAST_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "8",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    "CELERY_UNACKED_RESTORE_THROTTLE": "1",
}


def test_a_bulk_job_finishes_by_itself_after_its_worker_is_killed(
    app_on_own_redis, celery_worker_process
):
    redis = app_on_own_redis
    # NOTE: an earlier transactional test may have flushed what the migrations seeded.
    codebook_default_seed()
    services.lexicon_seed()
    event = open_event()
    stories = [
        story_create(event=event, text=f"{TEXTS[i % len(TEXTS)]} ({i})", relay_on_commit=False)
        for i in range(40)
    ]
    researcher = UserFactory(roles=[Role.RESEARCHER])
    first = celery_worker_process(queues="nlp", broker_url=redis.url, extra_env=FAST_REDELIVERY)
    job = services.job_create(kind="analyse", filters={}, user=researcher, batch_size=5)

    # SIGKILL the worker (and its pool) while it runs a batch: the message stays unacknowledged.
    wait_for(
        lambda: NlpJobBatch.objects.filter(
            job=job, attempts__gte=1, status=NlpJobBatch.Status.PENDING
        ).exists(),
        60,
        "a batch to start",
        interval=0.05,
    )
    kill_process_group(first)
    job.refresh_from_db()
    assert job.status == NlpJob.Status.RUNNING and job.processed < job.total == 40
    assert redis.client().hlen("unacked") >= 1, "the killed worker's batch is unacknowledged"

    # A new worker (systemd restarts it): the job ends with nobody pressing "resume".
    started = time.monotonic()
    celery_worker_process(queues="nlp", broker_url=redis.url, extra_env=FAST_REDELIVERY)
    wait_for(
        lambda: NlpJob.objects.filter(pk=job.pk, status=NlpJob.Status.DONE).exists(),
        60,
        "the job to finish after the restart",
    )
    # Bound: the visibility timeout plus the restore sweep plus the work, not an hour.
    assert time.monotonic() - started < 8 + 2 + 40
    job.refresh_from_db()
    assert (job.processed, job.failed, job.total) == (40, 0, 40)
    assert not job.batches.exclude(status=NlpJobBatch.Status.DONE).exists()
    # NOTE: a batch's task marks its work done before the worker acknowledges the message.
    wait_for(lambda: redis.client().hlen("unacked") == 0, 15, "the last acknowledgement")
    ids = [s.pk for s in stories]
    assert StoryAnalysis.objects.filter(testimony_id__in=ids).count() == 40
    machine = CodeApplication.objects.filter(testimony_id__in=ids, source="machine")
    assert machine.exists()
    twice = machine.values("testimony_id", "code_id", "start", "end").annotate(n=Count("id"))
    assert not [row for row in twice if row["n"] > 1], "a suggestion was written twice"


def test_a_worker_survives_a_broker_restart(app_on_own_redis, celery_worker_process):
    redis = app_on_own_redis
    worker = celery_worker_process(queues="default,nlp", broker_url=redis.url)
    assert app.send_task("core.ping", args=["before"]).get(timeout=30) == "erofeb"

    redis.stop()
    # The outage lasts until the worker has noticed it and failed to reconnect.
    wait_for(
        lambda: "consumer: Cannot connect to" in Path(worker.log_path).read_text(errors="replace"),
        # NOTE: the worker notices at its next heartbeat or poll; on a loaded machine that took
        # more than 30 s once, so the bound is generous (the test passes as soon as it is seen).
        120,
        "the worker to notice the outage",
    )
    assert worker.poll() is None
    redis.start()
    for queue in ("default", "nlp"):
        result = app.send_task("core.ping", args=[queue], queue=queue)
        assert result.get(timeout=60) == queue[::-1]
    assert worker.poll() is None, "the worker is still the same process"
