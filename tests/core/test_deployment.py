"""The deployment restarts whatever dies, and the broker settings bound outages."""

import configparser
import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings

from config.celery_app import app

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
# What each unit must run (its ExecStart, after the program's path).
EXPECTED = {
    # The logger in config/gunicorn.conf.py keeps tokens and query strings out of its logs.
    "entendu-web.service": ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
    "entendu-worker.service": ["celery", "-A", "config.celery_app", "worker", "-Q", "default"],
    "entendu-worker-nlp.service": ["celery", "-A", "config.celery_app", "worker", "-Q", "nlp"],
    "entendu-worker-audio.service": ["celery", "-A", "config.celery_app", "worker", "-Q", "audio"],
    "entendu-beat.service": ["celery", "-A", "config.celery_app", "beat"],
}
# Late-acknowledged tasks allowed to run longer than the visibility timeout: a second delivery
# while the first still runs finds the work claimed (their service checks the state under a lock)
# and does nothing.
SAFE_TWICE_WHILE_RUNNING = {"nlp.plan_job", "analysis.run_export"}


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(UNITS / name, encoding="utf-8")
    return parser


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_process_has_a_unit_that_restarts_it(name):
    unit = _unit(name)
    assert unit.has_section("Service"), name
    service = unit["Service"]
    assert service.get("Restart") == "always", name
    assert 0 < float(service.get("RestartSec", "0")) <= 30, name
    # NOTE: systemd stops restarting a unit that fails too often unless this is 0.
    assert unit["Unit"].get("StartLimitIntervalSec") == "0", name
    command = shlex.split(service["ExecStart"])
    assert Path(command[0]).name == EXPECTED[name][0], name
    assert command[1 : len(EXPECTED[name])] == EXPECTED[name][1:], name
    assert service.get("EnvironmentFile"), name
    assert unit["Install"].get("WantedBy") == "multi-user.target", name


def test_the_units_are_all_there_and_the_readme_names_them():
    assert sorted(p.name for p in UNITS.glob("*.service")) == sorted(EXPECTED)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    production = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    for name in EXPECTED:
        assert name in production, name
    assert "celery -A config.celery_app beat" in production
    assert re.search(r"worker -Q nlp", production) and re.search(r"worker -Q default", production)


def test_workers_reconnect_without_limit_and_publishing_waits_on_no_result():
    assert app.conf.broker_connection_retry is True
    assert app.conf.broker_connection_max_retries is None
    assert app.conf.task_ignore_result is True
    app.loader.import_default_modules()
    assert app.tasks["core.ping"].ignore_result is False


def test_the_visibility_timeout_covers_every_late_acknowledged_task():
    """A killed worker's message comes back after the visibility timeout: long enough never to
    hand out a task still running, short enough that a bulk job does not stall for an hour."""
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout == settings.ENTENDU_VISIBILITY_TIMEOUT
    app.loader.import_default_modules()
    batch = app.tasks["nlp.run_job_batch"]
    assert batch.acks_late and batch.time_limit == settings.ENTENDU_LONGEST_BATCH_SECONDS
    assert batch.time_limit < timeout <= batch.time_limit + 120
    too_long = {
        name
        for name, task in app.tasks.items()
        if not name.startswith("celery.")
        and (task.acks_late if task.acks_late is not None else app.conf.task_acks_late)
        and (task.time_limit or app.conf.task_time_limit) >= timeout
    }
    assert too_long <= SAFE_TWICE_WHILE_RUNNING, too_long


def test_a_killed_worker_holds_up_redelivery_for_a_minute_at_most():
    """The look for unacknowledged messages takes a lock in Redis; a worker killed during that
    look keeps it until it expires (kombu: 5 minutes), and no message comes back meanwhile."""
    from kombu.transport.redis import Channel

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["unacked_mutex_expire"] <= 60 < Channel.unacked_mutex_expire


@pytest.mark.parametrize("name", ["entendu-worker-nlp.service", "entendu-worker-audio.service"])
def test_the_heavy_workers_yield_the_cpu_to_the_web(name):
    """On a host shared with the web, spaCy and transcription take the CPU the web leaves: a
    lower weight for their cgroup (a process's nice weighs only inside its own group) and a
    higher nice, so a rush of participants is served first (bench/submissions.py)."""
    service = _unit(name)["Service"]
    assert 1 <= int(service["CPUWeight"]) < 100, name  # systemd's default weight is 100
    assert int(service["Nice"]) > 0, name
    web = _unit("entendu-web.service")["Service"]
    assert "CPUWeight" not in web and "Nice" not in web
