from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError, NotFoundError


def exception_handler(exc, context):
    """Translate the application's errors at the API's edge (HackSoft styleguide pattern)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, NotFoundError):
        # NOTE: before ApplicationError, which NotFoundError subclasses.
        exc = exceptions.NotFound(exc.message)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, ApplicationError):
        detail = {"detail": exc.message}
        if exc.field_errors:
            detail.update(exc.field_errors)
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
