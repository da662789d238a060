from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa import signals

        from accounts.mfa import record_enrolment

        signals.authenticator_added.connect(record_enrolment, dispatch_uid="accounts.enrolment")
