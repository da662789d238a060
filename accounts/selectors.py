"""Reads about accounts: who must use two-factor authentication, and API tokens."""

import hashlib
import hmac

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import ApiToken
from accounts.roles import MFA_REQUIRED_ROLES, ORIGINAL_TEXT_PERMISSION, Role, user_has_role
from core.exceptions import NotFoundError


def mfa_required_for(user) -> bool:
    """The one rule saying who must sign in with two-factor authentication (TOTP).

    Researchers, administrators (and superusers) and anyone allowed to read the original,
    unredacted text of stories. Participants and facilitators may use it; they need not.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user_has_role(user, *MFA_REQUIRED_ROLES):
        return True
    return user.has_perm(ORIGINAL_TEXT_PERMISSION)


def mfa_enrolled(user) -> bool:
    """Whether ``user`` has an authenticator app (TOTP); recovery codes alone do not count."""
    if user is None or not user.is_authenticated:
        return False
    return (
        Authenticator.objects.filter(user_id=user.pk)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )


def api_token_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_for_key(key: str) -> ApiToken | None:
    """The token whose key is ``key`` (expired or not), or None; digests compared in constant
    time."""
    prefix, dot, secret = (key or "").partition(".")
    if not dot or not prefix or not secret:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, api_token_digest(key)):
        return None
    return token


def api_tokens_for_user(*, user) -> QuerySet[ApiToken]:
    """The user's tokens that have not expired, newest first."""
    return ApiToken.objects.filter(user=user, expires_at__gt=timezone.now())


# People (the admin's pages under /manage/people/) ----------------------------------------------


def people_for_admin(*, user, query: str = ""):
    """Every account, for an admin (others: none), searched by e-mail address or display name,
    with its roles prefetched in one query (``person.role_groups``)."""
    users = get_user_model().objects.all()
    if not user_has_role(user, Role.ADMIN):
        return users.none()
    query = (query or "").strip()
    if query:
        users = users.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
    groups = Group.objects.filter(name__in=Role.values).order_by("name")
    return users.prefetch_related(
        Prefetch("groups", queryset=groups, to_attr="role_groups")
    ).order_by("email", "pk")


def person_get_for_admin(*, user, pk: int):
    """One account for an admin; for anyone else (or an unknown number) a NotFoundError."""
    person = people_for_admin(user=user).filter(pk=pk).first()
    if person is None:
        raise NotFoundError()
    return person


def active_admin_ids() -> set[int]:
    """The active accounts that hold the admin role (superusers included)."""
    return set(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=Role.ADMIN) | Q(is_superuser=True))
        .values_list("pk", flat=True)
        .distinct()
    )


def person_permission_keys(*, person) -> set[str]:
    """The permissions given to ``person`` directly, as ``app_label.codename``."""
    rows = person.user_permissions.values_list("content_type__app_label", "codename")
    return {f"{app_label}.{codename}" for app_label, codename in rows}
