from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.selectors import mfa_required_for
from accounts.services import user_grant_role
from core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return settings.ACCOUNT_ALLOW_REGISTRATION

    def get_client_ip(self, request) -> str:
        # SECURITY: allauth's rate limits (failed logins, sign-ups, resets) count per real client
        # behind our proxies (TRUSTED_PROXY_COUNT), never per a spoofable X-Forwarded-For.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        # NOTE: self sign-up only ever makes a participant; other roles are granted by an admin.
        if commit:
            user_grant_role(user=user, role=Role.PARTICIPANT)
        return user


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Your role requires two-factor authentication, so you cannot switch it off."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """SECURITY: a person whose role requires two-factor authentication keeps their app."""
        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return super().can_delete_authenticator(authenticator)
        if not mfa_required_for(authenticator.user):
            return super().can_delete_authenticator(authenticator)
        others = (
            Authenticator.objects.filter(user_id=authenticator.user_id)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
            .exclude(pk=authenticator.pk)
        )
        return others.exists()
