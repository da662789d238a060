"""Test suite settings: fast and isolated; services only where the environment names them."""

from config.env import env_str

from .base import *  # noqa: F403
from .base import REDIS_URL

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
