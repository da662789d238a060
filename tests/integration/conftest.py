"""A real Celery worker process consuming from the real Redis, for integration tests."""

import contextlib
import os
import shutil
import signal
import socket
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

    def start(
        queues: str = "default,nlp",
        concurrency: int = 1,
        extra_env: dict | None = None,
        broker_url: str | None = None,
    ):
        url = broker_url or redis_url
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.local",
            REDIS_URL=url,
            DATABASE_URL=worker_database_url(),
            DEBUG="false",
            **(extra_env or {}),
        )
        log = open(  # noqa: SIM115
            ROOT / "test-artifacts" / f"worker-{request.node.name}-{len(processes)}.log", "w"
        )
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
            start_new_session=True,
        )
        # NOTE: its own process group, so a test can SIGKILL the worker with its pool children.
        processes.append((proc, log))
        proc.log_path = log.name
        wait_until_ready(url, proc)
        return proc

    from config.celery_app import app

    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    # NOTE: the suite runs tasks eagerly; with a real worker, this test's tasks go to Redis.
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield start
    app.conf.task_always_eager = eager
    for proc, log in processes:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                kill_process_group(proc)
        log.close()


def kill_process_group(proc) -> None:
    """SIGKILL a worker started by ``celery_worker_process`` and its pool children."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=20)


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


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own, on a free port, that the test may stop and start.

    NOTE: the shared Redis (REDIS_URL) serves other engineers and CI jobs: outage tests never
    touch it; they kill and restart this one instead.
    """

    def __init__(self, log_path: Path):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.proc = None

    def start(self, timeout: float = 20) -> None:
        self.proc = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--logfile",
                str(self.log_path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited at start-up; see {self.log_path}")
            if self.client_or_none() is not None:
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not answer in time")

    def client_or_none(self):
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=2)
        try:
            client.ping()
        except redis.exceptions.ConnectionError:
            return None
        return client

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=5)

    def stop(self) -> None:
        """Kill it (SIGKILL: an outage, not a clean shutdown) and wait until the port is closed."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=20)
        self.proc = None


@pytest.fixture
def own_redis(request):
    """Start a private redis-server (in CI a missing binary is a failure, not a skip)."""
    from tests.conftest import require_service

    require_service("redis-server", Path(REDIS_SERVER).exists(), f"{REDIS_SERVER} is not installed")
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    server = OwnRedis(ROOT / "test-artifacts" / f"redis-{request.node.name}.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_on_own_redis(own_redis):
    """Point this process's Celery app (broker and result backend) at ``own_redis``."""
    from config.celery_app import app

    saved = {k: app.conf[k] for k in ("broker_url", "broker_write_url", "result_backend")}
    app.conf.broker_url = own_redis.url
    app.conf.broker_write_url = None
    app.conf.result_backend = own_redis.url
    _reset_backend(app)
    yield own_redis
    for key, value in saved.items():
        app.conf[key] = value
    _reset_backend(app)


def _reset_backend(app) -> None:
    """Forget the result backend and broker connections built from the old configuration."""
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    # NOTE: kombu keeps its pools per connection URL; forgetting ours is enough.
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
