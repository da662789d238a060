"""A withdrawn story leaves no trace anywhere: database, logs, Redis, export files, search index.

A story carrying a unique canary word goes through everything a story meets (the outbox and a
real worker, NLP, the search index, a background export), then its participant withdraws it with
full erasure; the canary must then be found nowhere. Each place is first checked to hold it, so
a search that cannot see is not mistaken for a clean result.
"""

import base64
import contextlib
import json
import logging
import os
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from accounts.roles import Role
from analysis.models import ExportJob
from coding.services import codebook_default_seed
from nlp.models import StoryAnalysis
from testimonies.models import ResearchCopy, Testimony
from tests.factories import UserFactory, open_event
from tests.integration.test_broker_outage import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def pg_dump_text() -> str:
    from tests.conftest import require_service

    require_service("pg_dump", bool(shutil.which("pg_dump")), "pg_dump is not installed")
    s = connection.settings_dict
    command = ["pg_dump", "--data-only", "--no-owner", "--encoding=UTF8"]
    command += ["-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432)]
    if s.get("USER"):
        command += ["-U", s["USER"]]
    env = {"PGPASSWORD": s["PASSWORD"]} if s.get("PASSWORD") else {}
    done = subprocess.run(  # noqa: S603
        [*command, s["NAME"]],
        capture_output=True,
        timeout=60,
        check=True,
        env={**os.environ, **env},
    )
    return done.stdout.decode("utf-8", errors="replace")


def _texts_in(value: bytes) -> list[bytes]:
    """A Redis value, and what it hides: the base64 bodies of Celery/kombu messages."""
    found = [value]
    try:
        message = json.loads(value)
    except (ValueError, UnicodeDecodeError):
        return found
    stack = [message]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and len(item) >= 8:
            with contextlib.suppress(ValueError):
                found.append(base64.b64decode(item, validate=True))
    return found


def redis_blobs(client) -> list[bytes]:
    """Every value of every key of the test's own Redis (typed reads, and DUMP)."""
    blobs: list[bytes] = []
    for key in client.scan_iter(count=500):
        blobs.append(key)
        kind = client.type(key).decode()
        if kind == "string":
            values = [client.get(key)]
        elif kind == "list":
            values = client.lrange(key, 0, -1)
        elif kind == "hash":
            values = [b for pair in client.hgetall(key).items() for b in pair]
        elif kind == "set":
            values = list(client.smembers(key))
        elif kind == "zset":
            values = client.zrange(key, 0, -1)
        else:
            values = []
        dumped = client.dump(key)
        for value in [*values, dumped or b""]:
            blobs.extend(_texts_in(value or b""))
    return blobs


def export_blobs(root: Path) -> list[bytes]:
    """Every export file's bytes, and each member of those that are zip archives."""
    blobs = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        blobs.append(path.read_bytes())
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs.extend(archive.read(name) for name in archive.namelist())
    return blobs


def search_hits(researcher_client: Client, canary: str) -> int:
    api = researcher_client.get("/api/v1/analysis/search/", {"q": canary})
    assert api.status_code == 200
    body = api.json()
    count = body["count"] if isinstance(body, dict) else len(body)
    # The index itself, whoever may read it: every research copy, any language's configuration.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {ResearchCopy._meta.db_table} "  # noqa: S608
            "WHERE to_tsvector('simple', redacted_text) @@ plainto_tsquery('simple', %s) "
            "OR strpos(redacted_text, %s) > 0",
            [canary, canary],
        )
        return count + cursor.fetchone()[0]


def test_a_withdrawn_story_leaves_no_trace(
    postgres, app_on_own_redis, celery_worker_process, settings, tmp_path, caplog
):
    redis = app_on_own_redis
    caplog.set_level(logging.DEBUG)
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    # NOTE: this process's cache too, so that the scan below covers everything written to Redis.
    # The other caches (the per-process "fragments") stay as they are.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": "entendu",
        },
    }
    workers = [
        celery_worker_process(
            queues="default,nlp", broker_url=redis.url, extra_env={"MEDIA_ROOT": str(media)}
        )
    ]
    # NOTE: letters only: a run of random digits may look like a phone number and be redacted.
    canary = "canary" + uuid.uuid4().hex[:16].translate(str.maketrans("0123456789", "ghijklmnop"))
    codebook_default_seed()
    event = open_event()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    researcher_client = Client()
    researcher_client.force_login(researcher)

    # The participant tells their story (with the canary), through the web flow.
    participant = Client()
    url = f"/t/{event.submission_token}/"
    page = participant.get(url).content.decode()
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    step = participant.post(
        url, {"step": "consent", "consent_text": consent_text, "scope_research": "on"}
    ).content.decode()
    response = participant.post(
        url,
        {
            "step": "story",
            "consent_text": consent_text,
            "scopes": ["research"],
            "submission_key": re.search(r'name="submission_key" value="([^"]+)"', step).group(1),
            "text": f"The nurse did not listen to me about the {canary} and I felt judged. "
            "Nobody explained my results in plain language.",
        },
    )
    assert response.status_code == 200
    code = re.search(r'id="withdrawal-code">([^<]+)<', response.content.decode()).group(1).strip()
    story = Testimony.objects.get()

    # NLP on the real worker; the search index; a background export with the story in it.
    wait_for(
        lambda: (
            StoryAnalysis.objects.filter(testimony=story).exists()
            and Testimony.objects.filter(pk=story.pk, processed_at__isnull=False).exists()
        ),
        90,
        "the story to be processed by the worker",
    )
    assert canary in ResearchCopy.objects.get(testimony=story).redacted_text
    assert search_hits(researcher_client, canary) >= 2
    created = researcher_client.post(
        "/api/v1/analysis/exports/",
        {"dataset": "project", "format": "qdpx", "filters": {}},
        content_type="application/json",
    )
    assert created.status_code == 202
    job_id = created.json()["id"]
    wait_for(
        lambda: ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.DONE).exists(),
        90,
        "the export to be built",
    )
    needle = canary.encode()
    assert any(needle in blob for blob in export_blobs(media)), "the export holds the story"
    assert canary in pg_dump_text(), "pg_dump sees the story before the withdrawal"
    # The Redis scan sees into values and into the base64 bodies of queued messages.
    probe = redis.client()
    probe.rpush("canary-probe", json.dumps({"body": base64.b64encode(needle).decode()}))
    assert any(needle in blob for blob in redis_blobs(probe))
    probe.delete("canary-probe")

    # The participant withdraws everything.
    found = participant.post("/withdraw/", {"code": code})
    assert found.status_code == 200
    done = participant.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "everything", "erase_confirmed": "yes"},
    )
    assert done.status_code == 200
    assert "Your story is deleted" in done.content.decode()

    # No trace: database, search index, export files, Redis, logs (this process's and workers').
    dump = pg_dump_text()
    assert canary not in dump, "pg_dump still holds the canary"
    assert search_hits(researcher_client, canary) == 0
    assert not [b for b in export_blobs(media) if needle in b], "an export file holds the canary"
    in_redis = [blob for blob in redis_blobs(redis.client()) if needle in blob]
    assert not in_redis, f"{len(in_redis)} Redis value(s) hold the canary"
    assert canary not in caplog.text
    for worker in workers:
        assert canary not in Path(worker.log_path).read_text(errors="replace"), worker.log_path
