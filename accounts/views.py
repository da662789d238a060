from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from accounts import services
from core.access import roles_required


@roles_required()
@require_http_methods(["GET", "POST"])
def api_token(request):
    """Show, create or revoke the signed-in user's API token."""
    if request.method == "POST" and request.POST.get("action") == "revoke":
        services.api_token_revoke(user=request.user)
        messages.success(request, _("Your API token was revoked."))
        return redirect("accounts:api_token")
    new_key = None
    if request.method == "POST":
        token = services.api_token_create(user=request.user)
        # SECURITY: the key is shown once, on this response only, and never logged.
        new_key = token.key
    else:
        token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/api_token.html", {"token": token, "new_key": new_key})
