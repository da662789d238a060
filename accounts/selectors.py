"""Reads about accounts: who must use two-factor authentication, and API tokens."""

import hashlib
import hmac

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import ApiToken
from accounts.roles import MFA_REQUIRED_ROLES, ORIGINAL_TEXT_PERMISSION, user_has_role


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
