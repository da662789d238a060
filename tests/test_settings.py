"""The effective settings, read in a fresh interpreter under a given environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "db": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "email": settings.EMAIL_BACKEND,
    "serializer": settings.CELERY_TASK_SERIALIZER,
    "time_limit": settings.CELERY_TASK_TIME_LIMIT,
    "soft_time_limit": settings.CELERY_TASK_SOFT_TIME_LIMIT,
    "queues": [q.name for q in settings.CELERY_TASK_QUEUES],
    "verification": settings.ACCOUNT_EMAIL_VERIFICATION,
    "hosts": settings.ALLOWED_HOSTS,
}))
"""


def effective(module: str, **env: str) -> dict:
    # NOTE: the suite's own xdist worker variables too (config/settings/test.py reads them).
    unset = {"DATABASE_URL", "REDIS_URL", "DEBUG", "PYTEST_XDIST_WORKER", "TEST_REDIS_WORKER"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_defaults_need_no_service():
    s = effective("config.settings.local")
    assert s["debug"] is True
    assert s["db"] == "django.db.backends.sqlite3"
    assert s["eager"] is True
    assert s["broker"] == "memory://"
    # SECURITY: rate limits need a cache shared by all processes, never per-process memory.
    assert s["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"


def test_services_come_from_the_environment():
    s = effective(
        "config.settings.local",
        DATABASE_URL="postgres://u@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DEBUG="false",
        ALLOWED_HOSTS="a.example,b.example",
    )
    assert s["db"] == "django.db.backends.postgresql"
    assert s["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert s["eager"] is False
    assert s["broker"] == "redis://127.0.0.1:6379/3"
    assert s["debug"] is False
    assert s["hosts"] == ["a.example", "b.example"]


def test_celery_is_json_with_time_limits_and_an_nlp_queue():
    s = effective("config.settings.local")
    assert s["serializer"] == "json"
    assert 0 < s["soft_time_limit"] < s["time_limit"]
    assert {"default", "nlp"} <= set(s["queues"])
    assert s["verification"] == "mandatory"


def test_production_refuses_to_start_without_a_secret_key():
    s = effective("config.settings.production", SECRET_KEY="", FIELD_ENCRYPTION_KEY="x")
    assert "SECRET_KEY is required" in s["error"]


def test_production_defaults_debug_off():
    s = effective(
        "config.settings.production", SECRET_KEY="k" * 50, FIELD_ENCRYPTION_KEY="x", DEBUG=""
    )
    assert s["debug"] is False


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_malformed_boolean_is_refused_not_ignored(value):
    s = effective("config.settings.local", DEBUG=value)
    assert "DEBUG must be true or false" in s["error"]


def test_the_system_checks_pass_with_every_settings_module():
    """A check error (django-csp's csp.E001 for a setting named CSP_*, say) stops `migrate`."""
    import subprocess
    import sys

    for module in ("config.settings.local", "config.settings.test"):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--settings", module],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (module, result.stdout, result.stderr)


def test_check_deploy_on_production_settings_warns_only_about_hsts_preload():
    """SECURITY.md's production checklist: `check --deploy` is clean but for W021 (explained)."""
    import os
    import subprocess
    import sys

    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "entendu.example.org",
    }
    # NOTE: the browser tests' Playwright sets this in the test process; never in deployment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    issues = [line for line in output.splitlines() if line.startswith("?: (")]
    assert [line.split(")")[0] for line in issues] == ["?: (security.W021"], output


@pytest.mark.parametrize(
    ("worker", "broker"),
    [("gw0", "redis://127.0.0.1:6379/4"), ("gw1", "redis://127.0.0.1:6379/5")],
)
def test_each_test_worker_has_its_own_redis_database(worker, broker):
    s = effective(
        "config.settings.test", REDIS_URL="redis://127.0.0.1:6379/3", PYTEST_XDIST_WORKER=worker
    )
    assert s["broker"] == broker


def test_a_process_started_by_a_test_worker_keeps_the_workers_redis_database():
    """A server or manage.py command a test starts inherits the worker's variables: the URL it
    inherits is already the worker's and must not move again."""
    s = effective(
        "config.settings.test",
        REDIS_URL="redis://127.0.0.1:6379/4",
        PYTEST_XDIST_WORKER="gw0",
        TEST_REDIS_WORKER="gw0",
    )
    assert s["broker"] == "redis://127.0.0.1:6379/4"


def test_too_many_test_workers_for_redis_is_a_clear_error():
    s = effective(
        "config.settings.test", REDIS_URL="redis://127.0.0.1:6379/14", PYTEST_XDIST_WORKER="gw1"
    )
    assert "leaves no Redis database for test worker gw1" in s["error"]


def test_one_process_suite_keeps_the_given_redis_database():
    s = effective("config.settings.test", REDIS_URL="redis://127.0.0.1:6379/3")
    assert s["broker"] == "redis://127.0.0.1:6379/3"
