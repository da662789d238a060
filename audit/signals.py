"""What is recorded from signals: sign-ins, MFA changes, group and permission changes, the admin.

SECURITY: the credentials of a failed sign-in (the e-mail address typed) are never read.
"""

from allauth.mfa import signals as mfa_signals
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_save

from audit.models import Action
from audit.services import audit_record

_UID = "audit"


def on_login(sender, request, user, **kwargs):
    audit_record(action=Action.LOGIN, actor=user, target=user, request=request)


def on_login_failed(sender, credentials=None, request=None, **kwargs):
    audit_record(action=Action.LOGIN_FAILED, actor_label="anonymous", request=request)


def on_logout(sender, request=None, user=None, **kwargs):
    if user is not None:
        audit_record(action=Action.LOGOUT, actor=user, target=user, request=request)


def _mfa(action):
    def receiver(sender, request=None, user=None, authenticator=None, **kwargs):
        kind = getattr(authenticator, "type", "")
        audit_record(action=action, actor=user, target=user, details={"kind": kind})

    return receiver


def on_mfa_failed(sender, request=None, user=None, authenticator=None, **kwargs):
    audit_record(
        action=Action.LOGIN_FAILED,
        actor=user,
        target=user,
        details={"step": "mfa", "kind": getattr(authenticator, "type", "")},
    )


on_mfa_added = _mfa(Action.MFA_ADDED)
on_mfa_removed = _mfa(Action.MFA_REMOVED)
on_mfa_reset = _mfa(Action.MFA_RESET)


def _names(model, pks) -> list[str]:
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    perms = Permission.objects.filter(pk__in=pks).select_related("content_type")
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in perms)


def _m2m(related_model, granted, revoked, key):
    """Group or permission changes on a user, from either side of the relation."""

    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            # NOTE: post_clear does not say what was removed; remember it first.
            if reverse:
                instance._audit_cleared = list(instance.user_set.values_list("pk", flat=True))
            else:
                through = getattr(instance, key)
                instance._audit_cleared = list(through.values_list("pk", flat=True))
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if action == "post_clear":
            pk_set = set(getattr(instance, "_audit_cleared", []))
        if not pk_set:
            return
        what = granted if action == "post_add" else revoked
        meta = get_user_model()._meta
        user_type = f"{meta.app_label}.{meta.model_name}"
        if reverse:
            # group.user_set.add(...) / permission.user_set.add(...): one entry per user.
            name = _names(related_model, [instance.pk])
            for user_pk in sorted(pk_set):
                audit_record(action=what, target=(user_type, user_pk), details={key: name})
        else:
            audit_record(
                action=what,
                target=(user_type, instance.pk),
                details={key: _names(related_model, pk_set)},
            )

    return receiver


on_groups_changed = _m2m(Group, Action.ROLE_GRANTED, Action.ROLE_REVOKED, "groups")
on_permissions_changed = _m2m(
    Permission, Action.PERMISSION_GRANTED, Action.PERMISSION_REVOKED, "user_permissions"
)

_ADMIN_ACTIONS = {
    ADDITION: Action.ADMIN_ADDED,
    CHANGE: Action.ADMIN_CHANGED,
    DELETION: Action.ADMIN_DELETED,
}


def on_admin_log(sender, instance: LogEntry, created, raw=False, **kwargs):
    """A Django admin change: who, what kind of object, which id (never its text)."""
    if not created or raw:
        return
    ct = instance.content_type
    kind = f"{ct.app_label}.{ct.model}" if ct is not None else ""
    audit_record(
        action=_ADMIN_ACTIONS.get(instance.action_flag, Action.ADMIN_CHANGED),
        actor=instance.user,
        target=(kind, instance.object_id or ""),
    )


def connect() -> None:
    user_model = get_user_model()
    auth_signals.user_logged_in.connect(on_login, dispatch_uid=f"{_UID}.login")
    auth_signals.user_login_failed.connect(on_login_failed, dispatch_uid=f"{_UID}.login_failed")
    auth_signals.user_logged_out.connect(on_logout, dispatch_uid=f"{_UID}.logout")
    mfa_signals.authenticator_added.connect(on_mfa_added, dispatch_uid=f"{_UID}.mfa_added")
    mfa_signals.authenticator_removed.connect(on_mfa_removed, dispatch_uid=f"{_UID}.mfa_removed")
    mfa_signals.authenticator_reset.connect(on_mfa_reset, dispatch_uid=f"{_UID}.mfa_reset")
    mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid=f"{_UID}.mfa_failed")
    m2m_changed.connect(
        on_groups_changed, sender=user_model.groups.through, dispatch_uid=f"{_UID}.groups"
    )
    m2m_changed.connect(
        on_permissions_changed,
        sender=user_model.user_permissions.through,
        dispatch_uid=f"{_UID}.permissions",
    )
    post_save.connect(on_admin_log, sender=LogEntry, dispatch_uid=f"{_UID}.admin")
