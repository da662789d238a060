"""The client's address, the one way every rate limit reads it.

SECURITY: ``X-Forwarded-For`` is written by whoever sends the request, so it is read only when
``TRUSTED_PROXY_COUNT`` (the number of proxies we run in front of the application, from the
environment, default 0) says proxies added to it. Each proxy appends the address it received the
request from, so with N trusted proxies the client is the N-th entry counted from the right;
anything to its left came from the client and is ignored. With 0, only ``REMOTE_ADDR`` counts.
allauth (``accounts.adapters.AccountAdapter.get_client_ip``), DRF's throttles
(``REST_FRAMEWORK["NUM_PROXIES"]``) and our own locks (``testimonies.ratelimit``) all follow the
same setting.
"""

import ipaddress

from django.conf import settings


def _clean(value: str | None) -> str:
    """The address in canonical form, or "" if it is not one (a port or brackets are dropped)."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""


def trusted_proxy_count() -> int:
    return max(int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0), 0)


def client_ip(request) -> str:
    """The address of the client that sent ``request`` ("" if unknown).

    With N trusted proxies and a header shorter than N entries (a request that reached an inner
    proxy directly), the leftmost entry is used: every entry was then written by our proxies.
    """
    remote = _clean(request.META.get("REMOTE_ADDR"))
    count = trusted_proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count == 0 or not forwarded:
        return remote
    entries = forwarded.split(",")
    return _clean(entries[-min(count, len(entries))]) or remote
