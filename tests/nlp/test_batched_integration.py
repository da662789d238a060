"""New stories analysed in batches by real Celery workers on their own Redis: a worker killed in
the middle of a batch loses no story, and none is analysed twice."""

import time
from pathlib import Path

import pytest
from django.db.models import Count

from coding.models import CodeApplication
from coding.services import codebook_default_seed
from core.outbox import outbox_relay
from nlp import services
from nlp.models import NlpFailure, StoryAnalysis
from tests.factories import open_event, story_create
from tests.integration.conftest import (  # noqa: F401
    app_on_own_redis,
    celery_worker_process,
    kill_process_group,
    own_redis,
)
from tests.integration.test_broker_outage import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Le médecin ne m'a pas écoutée quand j'ai décrit la douleur, et j'ai été jugée.",
    "J'ai attendu quatre heures aux urgences sans que personne ne m'explique rien.",
    "Les documents de sortie étaient pleins de jargon et aucun interprète n'était là.",
    "Il faudrait former les soignants à l'écoute et aux biais inconscients.",
]
# Short redelivery, as in tests/integration/test_worker_faults.py (production: 660 s and 60 s).
FAST_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "8",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    "NLP_EMBEDDINGS_ENABLED": "false",
}


def _done(ids):
    return StoryAnalysis.objects.filter(
        testimony_id__in=ids, analysed_at__isnull=False, tagged_at__isnull=False
    ).count()


def test_a_worker_killed_mid_batch_loses_no_story(
    app_on_own_redis,  # noqa: F811
    celery_worker_process,  # noqa: F811
):
    redis = app_on_own_redis
    codebook_default_seed()
    services.lexicon_seed()
    event = open_event(languages=["fr"])
    # A backlog: 80 stories whose messages are published at once, before any worker runs.
    ids = [
        story_create(
            event=event,
            text=f"{TEXTS[i % len(TEXTS)]} ({i})",
            declared_language="fr",
            relay_on_commit=False,
        ).pk
        for i in range(80)
    ]
    while outbox_relay(limit=500).sent:
        pass

    first = celery_worker_process(queues="nlp", broker_url=redis.url, extra_env=FAST_REDELIVERY)
    # Killed (SIGKILL, with its pool) once its first batch is written, in the middle of the next.
    wait_for(lambda: _done(ids) >= 1, 120, "a first batch", interval=0.05)
    kill_process_group(first)
    before = _done(ids)
    assert before < 80, "the worker finished everything before it was killed"
    log = Path(first.log_path).read_text()
    assert "stories in one pass" in log

    started = time.monotonic()
    second = celery_worker_process(queues="nlp", broker_url=redis.url, extra_env=FAST_REDELIVERY)
    wait_for(lambda: _done(ids) == 80, 180, "every story after the restart")
    assert time.monotonic() - started < 180
    assert not NlpFailure.objects.exists()
    # Once each: no suggestion twice, and the second worker analysed what the first left.
    machine = CodeApplication.objects.filter(testimony_id__in=ids, source="machine")
    assert machine.exists()
    twice = machine.values("testimony_id", "code_id").annotate(n=Count("id")).filter(n__gt=1)
    assert not twice.exists()
    second_log = Path(second.log_path).read_text()
    assert "stories in one pass" in second_log
    # The relay grouped the backlog: one message per batch of 32, not one per story (the
    # message the killed worker held is handed out again).
    received = (log + second_log).count("] received")
    assert "Task nlp.process_testimonies[" in second_log
    assert 3 <= received < 10, received  # 80 messages before
