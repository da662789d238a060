from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from core.access import roles_required


@roles_required()
@require_http_methods(["GET", "POST"])
def api_token(request):
    """Show, create or revoke the signed-in user's API token."""
    token = Token.objects.filter(user=request.user).first()
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            Token.objects.filter(user=request.user).delete()
            messages.success(request, _("Your API token was revoked."))
            return redirect("accounts:api_token")
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
        # SECURITY: the key is shown once, on this response only, and never logged.
        new_key = token.key
    return render(request, "accounts/api_token.html", {"token": token, "new_key": new_key})
