"""An uploaded ``.qdpx`` waiting between its preview and its import: kept encrypted (Fernet,
``FIELD_ENCRYPTION_KEY``) in the cache for ``PENDING_MINUTES``, bound to the researcher who
uploaded it, fetched by a random token. SECURITY: the token is never logged; the cache key is
its hash."""

import hashlib
import secrets

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.cache import cache

PENDING_MINUTES = 60


def fernet() -> Fernet:
    key = settings.FIELD_ENCRYPTION_KEY
    return Fernet(key.encode() if isinstance(key, str) else key)


def _key(token: str) -> str:
    return "qdpx-pending:" + hashlib.sha256(token.encode()).hexdigest()


def pending_store(*, user, data: bytes) -> str:
    token = secrets.token_urlsafe(24)
    entry = {"user": user.pk, "data": fernet().encrypt(data)}
    cache.set(_key(token), entry, timeout=PENDING_MINUTES * 60)
    return token


def pending_read(*, user, token) -> bytes | None:
    """The archive, or None when expired, unknown or uploaded by someone else."""
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        return None
    entry = cache.get(_key(token))
    if not entry or entry.get("user") != user.pk:
        return None
    return fernet().decrypt(entry["data"])


def pending_discard(*, token: str) -> None:
    if isinstance(token, str) and 16 <= len(token) <= 64:
        cache.delete(_key(token))
