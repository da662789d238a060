"""Two-factor authentication is required for some roles (``selectors.mfa_required_for``).

A person who must use it and whose session has not passed a two-factor check reaches only
what they need to set it up or to pass it, the sign-out page and the language assets; any
other page redirects them there, and the API answers 403 with a message.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.mfa import mfa_verified_in_session
from accounts.selectors import mfa_enrolled, mfa_required_for

# Views anyone may reach whatever their state: signing out, the language switch and catalogue.
ALWAYS_ALLOWED = frozenset({"account_logout", "set_language", "javascript_catalog"})
# Setting up TOTP: allauth first asks for the password again (account_reauthenticate); after
# activation it shows the recovery codes.
ENROLMENT = ALWAYS_ALLOWED | {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "account_confirm_email",
    "account_email_verification_sent",
}
# SECURITY: a session holding only the password of someone who has TOTP gets the code prompt
# and nothing else (not the recovery codes, which a password re-check alone would show).
VERIFICATION = ALWAYS_ALLOWED | {"mfa_reauthenticate"}
ASSET_MODULES = ("django.views.static", "django.contrib.staticfiles.", "django.views.i18n")


class MFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _is_asset(request, view_func):
            return None
        if not mfa_required_for(user) or mfa_verified_in_session(request):
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if mfa_enrolled(user):
            if url_name in VERIFICATION:
                return None
            message = _(
                "Your role requires two-factor authentication. Enter the code from your app."
            )
            target = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': _next(request)})}"
        else:
            if url_name in ENROLMENT:
                return None
            message = _(
                "Your role requires two-factor authentication. Set up an authenticator app "
                "to continue."
            )
            target = reverse("mfa_activate_totp")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "mfa_required"}, status=403)
        messages.warning(request, message)
        return HttpResponseRedirect(target)


def _is_asset(request, view_func) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    module = getattr(view_func, "__module__", "") or ""
    return module.startswith(ASSET_MODULES)


def _next(request) -> str:
    return request.get_full_path() if request.method == "GET" else reverse("dashboard")
