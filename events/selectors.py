from django.db.models import QuerySet

from accounts.roles import Role, user_has_role
from events.models import Event


def event_list_for_user(*, user) -> QuerySet[Event]:
    """Events a user may see in the facilitator pages: admins and researchers all, facilitators
    those they facilitate, anyone else none."""
    if user_has_role(user, Role.ADMIN, Role.RESEARCHER):
        return Event.objects.all()
    if user_has_role(user, Role.FACILITATOR):
        return Event.objects.filter(memberships__user=user).distinct()
    return Event.objects.none()
