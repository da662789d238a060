from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions

from core.exceptions import NotFoundError
from core.validation import clean_query_dict


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


class ApiErrorMiddleware:
    """The API answers its errors in JSON, never with the site's HTML pages (issue 14, point 8).

    - a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` gets 413, before anything reads it;
    - a path holding a NUL character names nothing: 404 (the databases refuse NUL in text);
      a query parameter holding one is bad input: 400;
    - a URL under ``/api/`` that matches no endpoint gets DRF's JSON 404, not the HTML page.
    """

    PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.PREFIX):
            return self.get_response(request)
        if "\x00" in request.path:
            return self._error(exceptions.NotFound())
        if any("\x00" in key + value for key, value in request.GET.items()):
            # NOTE: the databases refuse NUL in text; no parameter may carry one to them.
            return self._error(exceptions.ParseError(ProhibitNullCharactersValidator.message))
        if self._body_too_large(request):
            return self._error(RequestBodyTooLarge())
        response = self.get_response(request)
        if response.status_code == 404 and "html" in response.get("Content-Type", ""):
            return self._error(exceptions.NotFound())
        return response

    def process_exception(self, request, exception):
        if request.path.startswith(self.PREFIX) and isinstance(exception, RequestDataTooBig):
            return self._error(RequestBodyTooLarge())
        return None

    @staticmethod
    def _body_too_large(request) -> bool:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        # NOTE: multipart uploads are limited per file by Django itself, not by this total.
        is_multipart = request.content_type == "multipart/form-data"
        return limit is not None and not is_multipart and length > limit

    @staticmethod
    def _error(error: exceptions.APIException) -> JsonResponse:
        return JsonResponse({"detail": str(error.detail)}, status=error.status_code)


class RequestBodyTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request is too large.")
    default_code = "request_too_large"


class CleanFormTextMiddleware:
    """The pages' forms receive their text through ``core.validation.clean_text``: control
    characters are removed from every posted value, for every form (admin included).

    The API cleans its bodies in its parsers (``core.parsers``); this is the same step for the
    pages. Uploaded files are left as they are: their importers clean what they read.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.content_type not in self.FORM_TYPES:
            return None
        if request.path.startswith(ApiErrorMiddleware.PREFIX):
            return None
        try:
            posted = request.POST
        except (MultiPartParserError, SuspiciousOperation, UnreadablePostError):
            # NOTE: Django answers a body it cannot read itself; nothing to clean here.
            return None
        request.POST = clean_query_dict(posted)
        return None
