"""Reading the original text: the explicit grant to researchers, and the logged read."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import Role, user_has_role
from audit.models import Action
from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError
from testimonies.models import OriginalTextAccess, Testimony
from testimonies.selectors import user_can_read_original


@transaction.atomic
def testimony_original_text_read(*, user, testimony: Testimony, via: str = "web") -> Testimony:
    """Return the story with its original text after logging who read it (never the text)."""
    if not testimony.is_active or not user_can_read_original(user=user, testimony=testimony):
        # NOTE: "not for you" answers like "no such story": a 404 at the edges.
        raise NotFoundError()
    OriginalTextAccess.objects.create(testimony=testimony, user=user, via=via[:16])
    audit_record(
        action=Action.ORIGINAL_READ, actor=user, target=testimony, details={"via": via[:16]}
    )
    return testimony


def _original_text_permission() -> Permission:
    return Permission.objects.get(
        codename="view_original_text", content_type__app_label="testimonies"
    )


@transaction.atomic
def original_text_grant(*, email: str):
    """Give one researcher the explicit grant to read original texts (each read is logged)."""
    user = (
        get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    )
    if user is None:
        raise ApplicationError(
            _("No active account has this e-mail address."),
            field_errors={"email": [_("No active account has this e-mail address.")]},
        )
    if not user_has_role(user, Role.RESEARCHER):
        raise ApplicationError(
            _("Only researchers may receive this grant."),
            field_errors={"email": [_("Only researchers may receive this grant.")]},
        )
    user.user_permissions.add(_original_text_permission())
    audit_record(action=Action.ORIGINAL_GRANTED, target=user)
    return user


@transaction.atomic
def original_text_revoke(*, user) -> None:
    user.user_permissions.remove(_original_text_permission())
    audit_record(action=Action.ORIGINAL_REVOKED, target=user)


def original_text_give(*, person) -> None:
    """The grant as the people pages give it (``accounts.hooks.grant_hooks``)."""
    original_text_grant(email=person.email)


def original_text_take(*, person) -> None:
    original_text_revoke(user=person)
