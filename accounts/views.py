from allauth.account.internal.flows.reauthentication import suspend_request
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import ApiTokenCreateForm
from accounts.mfa import mfa_recently_verified
from core.access import roles_required
from core.exceptions import ApplicationError
from core.form_views import post_action
from core.forms import form_add_application_error


@roles_required()
@require_http_methods(["GET", "POST"])
def api_token(request):
    """List the signed-in user's API tokens, or create one (after a fresh two-factor check)."""
    enrolled = selectors.mfa_enrolled(request.user)
    form = ApiTokenCreateForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST":
        if not enrolled:
            messages.error(
                request, _("Set up two-factor authentication before you create a token.")
            )
            return redirect("accounts:api_token")
        if not mfa_recently_verified(request):
            # SECURITY: a token is issued only within minutes of a two-factor check; allauth asks
            # for a code and then replays this request.
            return suspend_request(request, reverse("mfa_reauthenticate"))
        if form.is_valid():
            try:
                issued = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                # SECURITY: the key is shown once, on this response only, and never logged.
                new_key = issued.key
                form = ApiTokenCreateForm()
    context = {
        "tokens": selectors.api_tokens_for_user(user=request.user),
        "form": form,
        "new_key": new_key,
        "mfa_enrolled": enrolled,
        "token_ttl_days": settings.API_TOKEN_TTL_DAYS,
    }
    return render(request, "accounts/api_token.html", context)


@roles_required()
@require_POST
def api_token_revoke(request, pk: int):
    token = get_object_or_404(selectors.api_tokens_for_user(user=request.user), pk=pk)
    return post_action(
        request,
        action=lambda: services.api_token_revoke(user=request.user, token_id=token.pk),
        redirect_to="accounts:api_token",
        success_message=_("The token “%(name)s” was revoked.") % {"name": token.name},
    )
