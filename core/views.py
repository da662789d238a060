from django.shortcuts import render

from accounts.roles import EVENT_TEAM, user_has_role
from core.access import public, roles_required
from events.selectors import event_list_for_user


@public
def home(request):
    return render(request, "core/home.html")


@roles_required()
def dashboard(request):
    """Each role's starting point after signing in."""
    user = request.user
    context = {"events": []}
    if user_has_role(user, *EVENT_TEAM):
        context["events"] = event_list_for_user(user=user).order_by("-starts_at")[:20]
    return render(request, "core/dashboard.html", context)
