"""Withdrawal: with the code from the receipt, or signed in, from one's own stories."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import languages
from core.access import public, roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from testimonies import ratelimit, services
from testimonies.forms import WithdrawChoiceForm, WithdrawCodeForm
from testimonies.models import ConsentChange
from testimonies.views.common import no_store, own_testimony, scope_rows
from testimonies.views.languages import initial_from_post, is_switch, render_in_language


def _withdraw_choice_page(request, testimony, form, *, code="", action_url="", switcher=None):
    return no_store(
        render(
            request,
            "testimonies/withdraw_choose.html",
            {
                "testimony": testimony,
                "form": form,
                "code": code,
                "action_url": action_url,
                "scope_rows": scope_rows(testimony),
                "switcher": switcher,
            },
            status=400 if form.is_bound and form.errors else 200,
        )
    )


def _withdraw_apply(request, testimony, form, actor):
    what = form.cleaned_data["what"]
    scopes = None if what == WithdrawChoiceForm.EVERYTHING else form.cleaned_data["scopes"]
    testimony = services.testimony_withdraw(testimony=testimony, scopes=scopes, actor=actor)
    return no_store(
        render(
            request,
            "testimonies/withdraw_done.html",
            {
                "testimony": testimony,
                "already": False,
                "everything": scopes is None,
                "scope_rows": scope_rows(testimony),
            },
        )
    )


def _erase_confirm_page(request, testimony, *, code="", switcher=None):
    """Deleting everything cannot be undone: ask once more, with a second POST (no JS needed)."""
    context = {"testimony": testimony, "code": code, "switcher": switcher}
    return no_store(render(request, "testimonies/withdraw_erase_confirm.html", context))


def _withdraw_confirmed(request, testimony, form, actor, *, code="", switcher=None):
    """The choice, posted: withdraw it, or show the choice again with what went wrong. Deleting
    everything first shows a confirmation page; only its own POST erases."""
    if not form.is_valid():
        return _withdraw_choice_page(request, testimony, form, code=code, switcher=switcher)
    if form.erase_needs_confirmation():
        return _erase_confirm_page(request, testimony, code=code, switcher=switcher)
    try:
        return _withdraw_apply(request, testimony, form, actor)
    except ApplicationError as error:
        form_add_application_error(form, error, field_prefix="scope_")
        return _withdraw_choice_page(request, testimony, form, code=code, switcher=switcher)


def _code_page(request, form, switcher, status=200):
    context = {"form": form, "switcher": switcher}
    return render(request, "testimonies/withdraw_code.html", context, status=status)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request):
    """Withdraw with the code from the receipt: find the story, then choose what to withdraw.
    Each page has a language switcher that keeps the code and the choices (views/languages.py)."""
    return render_in_language(
        request,
        offered=languages.interface_codes(),
        build=lambda switcher: _withdraw(request, switcher),
    )


def _withdraw(request, switcher):
    if request.method == "GET":
        # The QR code on the receipt opens /withdraw/?code=…: the code is filled in, nothing more
        # (the log filters redact ``code=``, core/logging.py).
        prefilled = request.GET.get("code", "")[:64].strip()
        initial = {"code": prefilled} if prefilled else {}
        return _code_page(request, WithdrawCodeForm(initial=initial), switcher)
    confirming = request.POST.get("step") == "confirm"
    if is_switch(request) and not confirming:
        return _code_page(
            request, WithdrawCodeForm(initial={"code": request.POST.get("code")}), switcher
        )
    code_form = WithdrawCodeForm(request.POST)
    if not code_form.is_valid():
        return _code_page(request, code_form, switcher, status=400)
    try:
        testimony = services.testimony_for_withdrawal_code(
            code=code_form.cleaned_data["code"],
            client_key=ratelimit.client_key_for_request(request),
        )
    except ApplicationError as error:
        form_add_application_error(code_form, error, field_prefix="scope_")
        status = 429 if isinstance(error, services.WithdrawalLocked) else 400
        return _code_page(request, code_form, switcher, status=status)
    code = code_form.cleaned_data["code"].strip()
    if not testimony.is_active:
        context = {"testimony": testimony, "already": True}
        return no_store(render(request, "testimonies/withdraw_done.html", context))
    granted = testimony.scopes()
    if not confirming or is_switch(request):
        blank = WithdrawChoiceForm(granted=granted)
        initial = initial_from_post(blank, request.POST) if is_switch(request) else {}
        initial.pop("erase_confirmed", None)  # a language switch never confirms an erasure
        form = WithdrawChoiceForm(granted=granted, initial=initial)
        return _withdraw_choice_page(request, testimony, form, code=code, switcher=switcher)
    form = WithdrawChoiceForm(request.POST, granted=granted)
    return _withdraw_confirmed(
        request, testimony, form, ConsentChange.Actor.CODE, code=code, switcher=switcher
    )


@roles_required()
@require_http_methods(["GET", "POST"])
def my_withdraw(request, public_id):
    testimony = own_testimony(request, public_id)
    if not testimony.is_active:
        raise Http404
    granted = testimony.scopes()
    if request.method == "GET":
        return _withdraw_choice_page(request, testimony, WithdrawChoiceForm(granted=granted))
    form = WithdrawChoiceForm(request.POST, granted=granted)
    return _withdraw_confirmed(request, testimony, form, ConsentChange.Actor.PARTICIPANT)
