"""Rate limits on withdrawal codes, kept in the shared cache only (never with a story).

SECURITY: the client key is an HMAC of the address with the server's secret, so the cache holds
no address either; it expires with the window.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60


def client_key_for_request(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(
        settings.SECRET_KEY.encode(), f"withdrawal-client:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def _key(client_key: str) -> str:
    return f"testimonies:withdrawal-failures:{client_key}"


def withdrawal_locked(client_key: str) -> bool:
    return (cache.get(_key(client_key)) or 0) >= MAX_FAILURES


def withdrawal_failed(client_key: str) -> int:
    key = _key(client_key)
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return 1
