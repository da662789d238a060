import uuid

import pytest


@pytest.fixture(autouse=True)
def _no_rate_limits(monkeypatch, settings):
    """Hundreds of requests from one address: rate limits and throttles are not the point here
    (each has its own tests); give every request fresh counters instead of flushing a cache
    others may share."""
    from django.core.cache.backends.locmem import LocMemCache
    from rest_framework.throttling import SimpleRateThrottle

    from testimonies import ratelimit

    settings.ACCOUNT_RATE_LIMITS = False
    original = ratelimit._key
    monkeypatch.setattr(
        ratelimit, "_key", lambda client_key: original(f"{uuid.uuid4().hex}:{client_key}")
    )
    throttles = LocMemCache(uuid.uuid4().hex, {})
    monkeypatch.setattr(SimpleRateThrottle, "cache", throttles)
    return throttles
