"""Test suite settings: fast and isolated; services only where the environment names them."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import env_str


def worker_redis_url(url: str, worker: str) -> str:
    """The Redis URL for pytest-xdist's worker ``worker`` ("gw0", "gw1", ...): the database after
    the given one, one per worker, so that workers' Celery queues, caches and keys never meet (each
    worker also gets its own test database from pytest-django)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    db = base + 1 + int(worker.removeprefix("gw"))
    if db > 15:
        raise ImproperlyConfigured(
            f"REDIS_URL's database {base} leaves no Redis database for test worker {worker}: "
            "use a lower database number or fewer workers (make test TEST_WORKERS=N)."
        )
    return urlunsplit(parts._replace(path=f"/{db}"))


# NOTE: set before the base settings read it, and seen by the tests' fixtures and the Celery
# workers and servers they start (which inherit both variables: the URL moves once).
_worker = env_str("PYTEST_XDIST_WORKER", "")
if _worker and env_str("REDIS_URL", "") and env_str("TEST_REDIS_WORKER", "") != _worker:
    os.environ["REDIS_URL"] = worker_redis_url(os.environ["REDIS_URL"], _worker)
    os.environ["TEST_REDIS_WORKER"] = _worker

from .base import *  # noqa: E402, F403
from .base import REDIS_URL  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-not-secret-7d1f0c2b9e8a"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
FIELD_ENCRYPTION_KEY = "dGVzdC1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5LTM="
# NOTE: the shared-cache setting is checked in tests/test_settings.py against base; tests
# themselves use a per-process cache unless Redis is there.
if not REDIS_URL:
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# NOTE: inside the suite tasks run eagerly; the integration tests start a real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = env_str("REDIS_URL", "") or "memory://"
CELERY_RESULT_BACKEND = env_str("REDIS_URL", "") or "cache+memory://"
LANGUAGE_CODE = "en"
# NOTE: embedding every story a test saves costs about a second each; tests that need vectors
# switch this on with the ``settings`` fixture.
NLP_EMBEDDINGS_ENABLED = False

# NOTE: lets several checkouts or engineers run the suite on one PostgreSQL server at once.
if env_str("TEST_DATABASE_NAME", ""):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}  # noqa: F405

# NOTE: a "replica" alias always exists in the suite, as a test mirror of default (a second
# connection to the same test database); analysis reads go there only in the tests that turn
# ANALYSIS_READS_ON_REPLICA on (tests/core/test_replica.py).
if "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {  # noqa: F405
        **DATABASES["default"],  # noqa: F405
        "TEST": {"MIRROR": "default"},
    }
ANALYSIS_READS_ON_REPLICA = False
