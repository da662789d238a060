import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors
from accounts.models import ApiToken, User
from accounts.roles import Role
from audit.models import Action
from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=Role(role).value)
    return group


def user_grant_role(*, user: User, role: str) -> None:
    user.groups.add(role_group(role))
    user.__dict__.pop("_entendu_roles", None)


def user_revoke_role(*, user: User, role: str) -> None:
    user.groups.remove(role_group(role))
    user.__dict__.pop("_entendu_roles", None)


@transaction.atomic
def user_create(
    *, email: str, password: str | None, roles: list[str], verified: bool = False, **fields
) -> User:
    """Create a user with roles; ``verified`` marks the e-mail address as confirmed."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email=email, password=password, **fields)
    for role in roles:
        user_grant_role(user=user, role=role)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # SECURITY: the only copy of the secret; show it once, never log or store it.


# The last-used time is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user: User, name: str, ttl_days: int | None = None) -> IssuedToken:
    """A new named API token for ``user``, expiring after ``API_TOKEN_TTL_DAYS`` days.

    The edge must have checked a fresh two-factor authentication first; this refuses a user
    whose role requires two-factor authentication and who has not set it up.
    """
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Give the token a name, so that you can recognise it later."))
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ApplicationError(_("The name is too long (100 characters at most)."))
    if selectors.mfa_required_for(user) and not selectors.mfa_enrolled(user):
        raise ApplicationError(_("Set up two-factor authentication before you create a token."))
    days = settings.API_TOKEN_TTL_DAYS if ttl_days is None else ttl_days
    prefix = secrets.token_hex(6)
    key = f"{prefix}.{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=selectors.api_token_digest(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    # SECURITY: the token's key never reaches the audit log.
    audit_record(action=Action.TOKEN_CREATED, actor=user, target=user)
    return IssuedToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Revoke one of ``user``'s tokens; another user's token does not exist for them."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFoundError(_("This token does not exist or was already revoked."))
    audit_record(action=Action.TOKEN_REVOKED, actor=user, target=user)


def api_token_touch(*, token: ApiToken) -> None:
    """Record that ``token`` was just used (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
