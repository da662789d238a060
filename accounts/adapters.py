from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from accounts.roles import Role
from accounts.services import user_grant_role


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return settings.ACCOUNT_ALLOW_REGISTRATION

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        # NOTE: self sign-up only ever makes a participant; other roles are granted by an admin.
        if commit:
            user_grant_role(user=user, role=Role.PARTICIPANT)
        return user
