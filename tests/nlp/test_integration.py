"""NLP on a real Celery worker process, consuming the nlp queue from the real Redis, writing to
the test database (PostgreSQL in CI)."""

import time
from pathlib import Path

import pytest

from nlp import services
from nlp.models import NlpJob, StoryAnalysis
from testimonies.models import ResearchCopy
from tests.integration.conftest import ROOT, celery_worker_process  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.slow]

STORIES = [
    "Je m'appelle Nadia Benali. Le docteur Lefebvre ne m'a pas écoutée. Tél. 06 12 48 73 90.",
    "My name is Amara Okafor. The nurse did not listen; write to amara@example.org.",
    "On m'a fait attendre des heures aux urgences, je ne me suis pas sentie la bienvenue.",
    "Nobody explained my results in plain language and there was no interpreter.",
]


def _wait(predicate, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_stories_and_a_bulk_job_run_on_a_real_worker(
    transactional_db,
    postgres,
    codebook,
    celery_worker_process,  # noqa: F811
    request,
):
    worker = celery_worker_process(queues="nlp,default", concurrency=1)
    from tests.testimonies.factories import submit

    # Each submission's outbox relays nlp.process_testimony to Redis after commit.
    ids = [submit(text=text).testimony.pk for text in STORIES]
    assert _wait(lambda: StoryAnalysis.objects.filter(testimony_id__in=ids).count() == 4)
    copies = {c.testimony_id: c for c in ResearchCopy.objects.filter(testimony_id__in=ids)}
    assert copies[ids[0]].redacted_text.startswith("Je m'appelle [PERSON]. Le docteur [PERSON]")
    assert copies[ids[0]].redaction_method == "spacy" and copies[ids[0]].detected_language == "fr"
    assert "[EMAIL]" in copies[ids[1]].redacted_text
    assert copies[ids[1]].detected_language == "en"

    job = services.job_create(kind="retag", filters={}, batch_size=2, user=None)
    assert _wait(lambda: NlpJob.objects.get(pk=job.pk).status == "done")
    job.refresh_from_db()
    assert (job.total, job.processed, job.failed) == (4, 4, 0)

    # One worker process: the French pipeline was loaded once, for every story and batch.
    log = Path(worker.log_path).read_text()
    assert log.count("Loaded spaCy pipeline fr_core_news_sm") == 1
    assert "Nadia" not in log and "amara@example.org" not in log
