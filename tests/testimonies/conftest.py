import uuid

import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch):
    """Rate-limit counters live in the shared cache; give each test its own namespace instead of
    flushing a cache (or a Redis database) that others may use."""
    from testimonies import ratelimit

    namespace = uuid.uuid4().hex
    original = ratelimit._key
    monkeypatch.setattr(ratelimit, "_key", lambda client_key: original(f"{namespace}:{client_key}"))


@pytest.fixture(autouse=True)
def _fresh_api_throttles(monkeypatch):
    """DRF throttle history is per test too (a private in-memory cache)."""
    from django.core.cache.backends.locmem import LocMemCache
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(uuid.uuid4().hex, {}))


# The real-worker fixture lives with the integration tests; the outbox test uses it from here.
from tests.integration.conftest import celery_worker_process  # noqa: E402, F401
