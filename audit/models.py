"""The audit log: one chain of entries that are never changed or deleted.

SECURITY: an entry holds ids, an action name, a role-based actor label and small details,
never story text, an e-mail address, a name, a token, a code or an IP address.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class Action(models.TextChoices):
    LOGIN = "auth.login", _("Signed in")
    LOGIN_FAILED = "auth.login_failed", _("Sign-in failed")
    LOGOUT = "auth.logout", _("Signed out")
    MFA_ADDED = "mfa.added", _("Second step added")
    MFA_REMOVED = "mfa.removed", _("Second step removed")
    MFA_RESET = "mfa.reset", _("Recovery codes renewed")
    ROLE_GRANTED = "role.granted", _("Role given")
    ROLE_REVOKED = "role.revoked", _("Role taken away")
    PERMISSION_GRANTED = "permission.granted", _("Permission given")
    PERMISSION_REVOKED = "permission.revoked", _("Permission taken away")
    ORIGINAL_GRANTED = "original_text.granted", _("Original-text reading allowed")
    ORIGINAL_REVOKED = "original_text.revoked", _("Original-text reading withdrawn")
    ORIGINAL_READ = "original_text.read", _("Original text read")
    RESEARCH_COPY_READ = "research_copy.read", _("Research copy read")
    EXPORT_CREATED = "export.created", _("Export made")
    EXPORT_DOWNLOADED = "export.downloaded", _("Export downloaded")
    QDA_PROJECT_IMPORTED = "qda_project.imported", _("QDA project imported")
    TOKEN_CREATED = "api_token.created", _("API token created")
    TOKEN_REVOKED = "api_token.revoked", _("API token revoked")
    CONSENT_GIVEN = "consent.given", _("Consent given")
    CONSENT_NARROWED = "consent.narrowed", _("Consent narrowed")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Consent withdrawn")
    ERASED = "story.erased", _("Story erased")
    ACCOUNT_INVITED = "account.invited", _("Account invited")
    ACCOUNT_DEACTIVATED = "account.deactivated", _("Account deactivated")
    ACCOUNT_REACTIVATED = "account.reactivated", _("Account reactivated")
    FACILITATOR_ADDED = "facilitator.added", _("Facilitator added to an event")
    FACILITATOR_REMOVED = "facilitator.removed", _("Facilitator removed from an event")
    ADMIN_ADDED = "admin.added", _("Added in the admin")
    ADMIN_CHANGED = "admin.changed", _("Changed in the admin")
    ADMIN_DELETED = "admin.deleted", _("Deleted in the admin")
    RECORDING_LISTENED = "recording.listened", _("Recording listened to")
    RECORDING_ERASED = "recording.erased", _("Recording erased")


class AuditEntryQuerySet(models.QuerySet):
    """Reads only: bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("audit entries cannot be changed")

    update.queryset_only = True
    delete.queryset_only = True


class AuditEntry(models.Model):
    """One entry of the chain: ``hash`` is SHA-256 over the entry and the previous hash."""

    sequence = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    at = models.DateTimeField(_("when"), editable=False, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    # NOTE: SET_NULL keeps the entry when its actor is deleted; actor_ref and actor_label
    # keep who it was (an id and roles, never a name or an address).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    actor_ref = models.PositiveBigIntegerField(_("account number"), null=True, blank=True)
    actor_label = models.CharField(_("by"), max_length=120)
    target_type = models.CharField(_("object type"), max_length=64, blank=True)
    target_id = models.CharField(_("object number"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["actor_ref", "-sequence"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
