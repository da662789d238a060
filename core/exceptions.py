class ApplicationError(Exception):
    """The one error services raise for bad input or a refused action.

    Views turn it into form errors, the API into a 400 with the message.
    ``field_errors`` maps a field name to its messages when the fault is in one field.
    """

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}
