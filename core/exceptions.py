class ApplicationError(Exception):
    """The one error services raise for bad input or a refused action.

    Views turn it into form errors, the API into a 400 with the message.
    ``field_errors`` maps a field name to its messages when the fault is in one field.
    """

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class NotFoundError(ApplicationError):
    """A service's "no such object, or not for you": the edges answer 404.

    NOTE: services stay free of HTTP; the API's exception handler (``core.api``) and the
    ``core.middleware.NotFoundMiddleware`` for Django views turn it into a 404, so a caller that
    does not catch it gives the same answer as ``Http404`` did.
    """

    def __init__(self, message: str = "Not found."):
        super().__init__(message)


class ConflictError(ApplicationError):
    """The request clashes with what is already saved (an idempotency key sent again with
    another payload): nothing changed. The API answers 409; forms show the message."""
