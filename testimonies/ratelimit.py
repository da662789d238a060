"""Rate limits on withdrawal codes, kept in the shared cache only (never with a story).

Two counters, each ``MAX_FAILURES`` wrong codes in ``WINDOW_SECONDS``:

- per client: every wrong code from one address (``core.clientip``, so the real client behind
  our proxies). Once it is full, wrong codes from there are answered "too many attempts" (HTTP
  429), but a correct code still works: people who share an address (a community centre, a
  clinic, a mobile network) must not be locked out by others' mistakes.
- per story: wrong secrets given with a story's public withdrawal id (the first part of its
  code). Once it is full, that story cannot be withdrawn by code, even with the correct code,
  until the window ends. This is deliberate: it is what stops guessing one story's secret from
  many addresses. Only someone who has seen the code's first part can do this, and the
  participant can still withdraw signed in, or through the facilitator.

SECURITY: the client key is an HMAC of the address with the server's secret, so the cache holds
no address either; keys expire with the window.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from core.clientip import client_ip

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60


def client_key_for_request(request) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(
        settings.SECRET_KEY.encode(), f"withdrawal-client:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def _key(client_key: str) -> str:
    return f"testimonies:withdrawal-failures:{client_key}"


def _story_key(withdrawal_id: str) -> str:
    return _key(f"story:{withdrawal_id}")


def _count(key: str) -> int:
    return cache.get(key) or 0


def _increment(key: str) -> int:
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def withdrawal_locked(client_key: str) -> bool:
    """True once this client has given ``MAX_FAILURES`` wrong codes in the window."""
    return _count(_key(client_key)) >= MAX_FAILURES


def withdrawal_failed(client_key: str) -> int:
    return _increment(_key(client_key))


def story_locked(withdrawal_id: str) -> bool:
    """True once ``MAX_FAILURES`` wrong secrets were given for this story in the window."""
    return _count(_story_key(withdrawal_id)) >= MAX_FAILURES


def story_failed(withdrawal_id: str) -> int:
    return _increment(_story_key(withdrawal_id))
