from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The four roles. A role is a Django group of the same name; a user may hold several."""

    PARTICIPANT = "participant", _("Participant")
    FACILITATOR = "facilitator", _("Facilitator")
    RESEARCHER = "researcher", _("Researcher")
    ADMIN = "admin", _("Administrator")


def user_roles(user) -> frozenset[str]:
    """The roles a user holds, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_entendu_roles", None)
    if cached is None:
        names = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMIN)
        cached = frozenset(names)
        user._entendu_roles = cached
    return cached


def user_has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


# The role sets the apps grant their pages to, named once here so every app agrees on them.
RESEARCH_TEAM = (Role.RESEARCHER, Role.ADMIN)
EVENT_TEAM = (Role.FACILITATOR, Role.ADMIN)
EVENT_READERS = (Role.FACILITATOR, Role.ADMIN, Role.RESEARCHER)
# Who must sign in with two-factor authentication (accounts.selectors.mfa_required_for): these
# roles, and anyone holding the permission to read the original text of stories.
MFA_REQUIRED_ROLES = (Role.RESEARCHER, Role.ADMIN)
ORIGINAL_TEXT_PERMISSION = "testimonies.view_original_text"
