"""The two shapes most pages share, written once.

``form_submit``: a page with a form. On a valid POST the service runs; its ``ApplicationError``
goes onto the form (``core.forms.form_add_application_error``), success flashes a message and
redirects. Otherwise the page is rendered again with the form.

``post_action``: a button that POSTs and always goes back somewhere: the outcome, good or bad,
is a flash message.

Both leave access decisions to the view's own decorator (``core.access``) and transactions to
the service they call.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.exceptions import ApplicationError
from core.forms import form_add_application_error

# A flash message given as is, or as a function of what the service returned.
Message = str | Callable[[Any], str]


def _resolve(value, result):
    return value(result) if callable(value) else value


def form_submit(
    request: HttpRequest,
    form: forms.Form,
    *,
    action: Callable[[forms.Form], Any],
    success_url: Any,
    template: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    success_message: Message | None = None,
    form_key: str | None = "form",
    invalid_status: int = 200,
    field_prefix: str = "",
) -> HttpResponse:
    """Validate ``form`` on POST, run ``action(form)``, then redirect, or render ``template``.

    ``success_url`` and ``success_message`` may be functions of what ``action`` returned (the
    new object's URL). ``context`` may be a function, so that a costly page is only built when
    shown. The form goes into the context as ``form_key`` (None: the context already holds
    it). A POST that fails is rendered with ``invalid_status``; a GET always with 200.
    URLs are anything ``redirect`` takes: a path, a URL name or a model with an absolute URL.
    ``field_prefix`` is passed on to ``form_add_application_error``.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form)
        except ApplicationError as error:
            form_add_application_error(form, error, field_prefix=field_prefix)
        else:
            if success_message is not None:
                messages.success(request, _resolve(success_message, result))
            return redirect(_resolve(success_url, result))
    page = dict(context() if callable(context) else (context or {}))
    if form_key is not None:
        page[form_key] = form
    status = invalid_status if request.method == "POST" else 200
    return render(request, template, page, status=status)


def post_action(
    request: HttpRequest,
    *,
    action: Callable[[], Any],
    redirect_to: Any,
    success_message: Message | None = None,
    success_url: Any | None = None,
    form: forms.Form | None = None,
    invalid_message: str = "",
) -> HttpResponse:
    """Run ``action()`` and redirect to ``redirect_to``; its ApplicationError becomes an error
    message. With ``form``, an invalid form shows ``invalid_message`` instead of running.
    ``success_url`` (a function of the result, or a URL) overrides where success goes."""
    if form is not None and not form.is_valid():
        messages.error(request, invalid_message)
        return redirect(redirect_to)
    try:
        result = action()
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(redirect_to)
    if success_message is not None:
        messages.success(request, _resolve(success_message, result))
    return redirect(redirect_to if success_url is None else _resolve(success_url, result))
