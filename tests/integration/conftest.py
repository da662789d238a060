"""A real Celery worker process consuming from the real Redis, for integration tests."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def worker_database_url() -> str:
    """The URL of the database the tests are using (the test database), for a worker process."""
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        port = s.get("PORT") or 5432
        auth = (
            s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "") + "@"
            if s.get("USER")
            else ""
        )
        return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{port}/{s['NAME']}"
    return f"sqlite:///{s['NAME']}"


@pytest.fixture
def celery_worker_process(redis_url, request):
    """Start ``celery worker`` as a child process on the given queues; stop it after the test.

    Use with ``transactional_db`` (or ``live_server``) when the tasks touch the database, so the
    worker sees committed rows in the test database.
    """
    processes = []

    def start(queues: str = "default,nlp", concurrency: int = 1, extra_env: dict | None = None):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.local",
            REDIS_URL=redis_url,
            DATABASE_URL=worker_database_url(),
            DEBUG="false",
            **(extra_env or {}),
        )
        log = open(ROOT / "test-artifacts" / f"worker-{request.node.name}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config.celery_app",
                "worker",
                "-Q",
                queues,
                "--concurrency",
                str(concurrency),
                "--pool",
                "prefork",
                "-n",
                f"test-{os.getpid()}-{len(processes)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((proc, log))
        wait_until_ready(redis_url, proc)
        return proc

    from config.celery_app import app

    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    # NOTE: the suite runs tasks eagerly; with a real worker, this test's tasks go to Redis.
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield start
    app.conf.task_always_eager = eager
    for proc, log in processes:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_until_ready(redis_url: str, proc, timeout: float = 60) -> None:
    from config.celery_app import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the Celery worker exited at start-up; see test-artifacts/")
        with app.connection_for_write(redis_url) as conn:
            replies = app.control.ping(timeout=1, connection=conn)
        if replies:
            return
        time.sleep(0.5)
    raise RuntimeError("the Celery worker did not answer a ping in time")
