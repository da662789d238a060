"""An export runs as a Celery job on a real worker, reports its progress, and its file opens."""

import time
import zipfile

import pytest
from django.test import Client

from accounts.roles import Role
from analysis import refiqda
from analysis.models import ExportJob
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_large_export_is_a_background_job_with_progress(
    celery_worker_process, redis_url, tmp_path
):
    # NOTE: the worker is another process with the default MEDIA_ROOT; the file is deleted below.
    researcher = UserFactory(roles=[Role.RESEARCHER])
    _book, themes = codebook_with_themes(2)
    event = EventFactory(country="FR")
    for i in range(30):
        s = story(event=event, text=f"Récit numéro {i} 🙂.")
        apply(s, themes[i % 2], start=0, end=5, coder=researcher)
    celery_worker_process(queues="default")

    client = Client()
    client.force_login(researcher)
    response = client.post(
        "/api/v1/analysis/exports/",
        {"dataset": "project", "format": "qdpx", "filters": {"country": "FR"}},
        content_type="application/json",
    )
    assert response.status_code == 202
    job_id = response.json()["id"]
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(f"/api/v1/analysis/exports/{job_id}/").json()
        seen.add(state["status"])
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert state["status"] == "done", state
    assert state["total"] == 30 and state["percent"] == 100
    job = ExportJob.objects.get(pk=job_id)
    assert job.started_at and job.finished_at
    download = client.get(state["download_url"])
    assert download.status_code == 200
    path = tmp_path / "export.qdpx"
    path.write_bytes(b"".join(download.streaming_content))
    with zipfile.ZipFile(path) as archive:
        assert refiqda.validate_project(archive.read("project.qde")) == []
        assert len([n for n in archive.namelist() if n.startswith("sources/")]) == 30
    job.file.delete(save=False)
