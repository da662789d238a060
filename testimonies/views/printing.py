"""The printable receipt: right after submitting (the code posted from the receipt page, so the
page can show it and its QR code), or signed in, from one's own receipts (no code: it is never
stored)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import languages
from core.access import public, roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from testimonies import ratelimit, services
from testimonies.forms import WithdrawCodeForm
from testimonies.views.common import no_store, own_testimony, receipt_context
from testimonies.views.languages import render_in_language


@public
@never_cache
@require_http_methods(["GET", "POST"])
def receipt_print(request):
    """GET: ask for the code. POST with the code: the print-ready receipt, with the code and the
    QR code of the withdrawal link. Wrong codes count against the same limit as withdrawal."""
    return render_in_language(
        request,
        offered=languages.interface_codes(),
        build=lambda switcher: _receipt_print(request, switcher),
    )


def _code_page(request, form, switcher, status=200):
    context = {"form": form, "switcher": switcher}
    return no_store(render(request, "testimonies/receipt_print_code.html", context, status=status))


def _receipt_print(request, switcher):
    if request.method == "GET":
        return _code_page(request, WithdrawCodeForm(), switcher)
    form = WithdrawCodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, form, switcher, status=400)
    try:
        testimony = services.testimony_for_withdrawal_code(
            code=form.cleaned_data["code"],
            client_key=ratelimit.client_key_for_request(request),
        )
    except ApplicationError as error:
        form_add_application_error(form, error)
        status = 429 if isinstance(error, services.WithdrawalLocked) else 400
        return _code_page(request, form, switcher, status=status)
    code = form.cleaned_data["code"].strip()
    context = receipt_context(request, testimony, code=code) | {"switcher": switcher}
    return no_store(render(request, "testimonies/receipt_print.html", context))


@roles_required()
def my_receipt_print(request, public_id):
    testimony = own_testimony(request, public_id)
    context = receipt_context(request, testimony) | {"switcher": None}
    return no_store(render(request, "testimonies/receipt_print.html", context))
