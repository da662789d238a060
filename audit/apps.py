from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # Sign-ins, MFA changes, group and permission changes and admin changes are recorded
        # from signals, so no lower app has to know about them.
        from audit import signals

        signals.connect()
