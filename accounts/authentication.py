"""API token authentication: ``Authorization: Token <prefix>.<secret>``."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts import selectors, services


class ApiTokenAuthentication(TokenAuthentication):
    """Checks the key's digest, its expiry, the user's state, and two-factor authentication.

    SECURITY: a token of someone whose role requires two-factor authentication works only while
    they have it set up (they had to pass it to create the token).
    """

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = selectors.api_token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if selectors.mfa_required_for(user) and not selectors.mfa_enrolled(user):
            raise exceptions.AuthenticationFailed(
                _("Your role requires two-factor authentication. Set it up before using a token.")
            )
        services.api_token_touch(token=token)
        return (user, token)
