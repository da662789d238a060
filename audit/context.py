"""The request being served, so entries written from signals know who acted.

``AuditContextMiddleware`` sets it for the length of a request; outside a request (Celery
tasks, management commands) there is none and the actor is "system".
"""

from contextvars import ContextVar

_request: ContextVar = ContextVar("audit_request", default=None)


def current_request():
    return _request.get()


class AuditContextMiddleware:
    """Keep the request in a context variable (place it after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
