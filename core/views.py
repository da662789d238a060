from django.shortcuts import render

from core.access import public, roles_required
from core.dashboard import dashboard_context


@public
def home(request):
    return render(request, "core/home.html")


@roles_required()
def dashboard(request):
    """Each role's starting point after signing in."""
    context = {"events": [], **dashboard_context(user=request.user)}
    return render(request, "core/dashboard.html", context)
