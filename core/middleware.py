from django.conf import settings
from django.http import Http404

from core.exceptions import NotFoundError


class NotFoundMiddleware:
    """Turns a service's ``NotFoundError`` into Django's 404 for the web views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFoundError):
            raise Http404(exception.message) from exception
        return None


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` on every response, from ``settings.PERMISSIONS_POLICY``.

    A feature set to ``()`` is off for every origin, including ours; ``(self)`` allows our own
    pages only (the microphone, for spoken stories). The header is built once, at start-up.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {}) or {}
        self.header = ", ".join(f"{feature}={allow}" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
