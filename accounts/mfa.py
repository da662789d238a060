"""What this session proved with two-factor authentication, read from allauth's records.

allauth keeps, in the session, a list of the ways the user authenticated ("authentication
records": ``{"method": "mfa", "at": <time>, "type": "totp", ...}``). A record with the method
``mfa`` means this session passed a TOTP or recovery-code check, at sign-in or when asked again
(``mfa_reauthenticate``). We add one when the user sets up TOTP, since they have just entered a
code from their app.
"""

import time

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings


def _mfa_times(request) -> list[float]:
    records = get_authentication_records(request, getattr(request, "user", None))
    return [r.get("at", 0) for r in records if isinstance(r, dict) and r.get("method") == "mfa"]


def mfa_verified_in_session(request) -> bool:
    """This session passed a two-factor check for the signed-in user."""
    return bool(_mfa_times(request))


def mfa_recently_verified(request, *, seconds: int | None = None) -> bool:
    """This session passed a two-factor check within ``seconds`` (allauth's reauthentication
    timeout by default, 5 minutes)."""
    if seconds is None:
        seconds = getattr(settings, "ACCOUNT_REAUTHENTICATION_TIMEOUT", 300)
    return any(time.time() - at < seconds for at in _mfa_times(request))


def record_enrolment(sender, request, user, authenticator, **kwargs) -> None:
    """allauth's ``authenticator_added`` signal: setting up TOTP took a valid code from the app."""
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    if getattr(request, "session", None) is None:  # not a browser session (a script, a test)
        return
    if getattr(request, "user", None) is None or request.user.pk != user.pk:
        return
    # NOTE: allauth's own record_authentication, so its records stay in its format.
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
