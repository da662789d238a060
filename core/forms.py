from django import forms

from core.exceptions import ApplicationError


def form_add_application_error(
    form: forms.Form, error: ApplicationError, *, field_prefix: str = ""
) -> None:
    """Show a service's error on a form: on each field it names, else at the top of the form.

    ``field_prefix`` maps a service's field name onto a form field named with that prefix
    (the consent form names its scope checkboxes ``scope_<scope>``).
    """
    known = set(form.fields)
    for field, messages in error.field_errors.items():
        name = field if field in known else None
        if name is None and field_prefix and f"{field_prefix}{field}" in known:
            name = f"{field_prefix}{field}"
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(name, str(message))
    if not error.field_errors:
        form.add_error(None, error.message)
