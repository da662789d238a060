import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors
from accounts.models import ApiToken, User
from accounts.roles import Role, user_has_role
from audit.models import Action
from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=Role(role).value)
    return group


def user_grant_role(*, user: User, role: str) -> None:
    user.groups.add(role_group(role))
    user.__dict__.pop("_entendu_roles", None)


def user_revoke_role(*, user: User, role: str) -> None:
    user.groups.remove(role_group(role))
    user.__dict__.pop("_entendu_roles", None)


@transaction.atomic
def user_create(
    *, email: str, password: str | None, roles: list[str], verified: bool = False, **fields
) -> User:
    """Create a user with roles; ``verified`` marks the e-mail address as confirmed."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email=email, password=password, **fields)
    for role in roles:
        user_grant_role(user=user, role=role)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # SECURITY: the only copy of the secret; show it once, never log or store it.


# The last-used time is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user: User, name: str, ttl_days: int | None = None) -> IssuedToken:
    """A new named API token for ``user``, expiring after ``API_TOKEN_TTL_DAYS`` days.

    The edge must have checked a fresh two-factor authentication first; this refuses a user
    whose role requires two-factor authentication and who has not set it up.
    """
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Give the token a name, so that you can recognise it later."))
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ApplicationError(_("The name is too long (100 characters at most)."))
    if selectors.mfa_required_for(user) and not selectors.mfa_enrolled(user):
        raise ApplicationError(_("Set up two-factor authentication before you create a token."))
    days = settings.API_TOKEN_TTL_DAYS if ttl_days is None else ttl_days
    prefix = secrets.token_hex(6)
    key = f"{prefix}.{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=selectors.api_token_digest(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    # SECURITY: the token's key never reaches the audit log.
    audit_record(action=Action.TOKEN_CREATED, actor=user, target=user)
    return IssuedToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Revoke one of ``user``'s tokens; another user's token does not exist for them."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFoundError(_("This token does not exist or was already revoked."))
    audit_record(action=Action.TOKEN_REVOKED, actor=user, target=user)


def api_token_touch(*, token: ApiToken) -> None:
    """Record that ``token`` was just used (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# People: what an admin changes on /manage/people/ ---------------------------------------------
# SECURITY: nobody changes their own roles, grants or account here (no one raises their own
# rights), and the last active admin always stays one. Role and permission changes are recorded
# by the audit log's m2m signals (the actor is the request's user), so they are not recorded
# twice here.


def _ensure_admin_acting_on_other(*, actor: User, person: User) -> None:
    if not user_has_role(actor, Role.ADMIN):
        raise NotFoundError()
    if actor.pk == person.pk:
        raise ApplicationError(_("You cannot change your own account here. Ask another admin."))


def _ensure_not_last_admin(*, person: User) -> None:
    # NOTE: every active admin's row is locked first, in one order, and counted again after:
    # two admins taking each other's role at the same moment cannot leave the site without one.
    locked = User.objects.select_for_update().filter(pk__in=selectors.active_admin_ids())
    list(locked.order_by("pk").values_list("pk", flat=True))
    admins = selectors.active_admin_ids()
    if person.pk in admins and len(admins) <= 1:
        raise ApplicationError(_("This is the last active admin. Make someone else admin first."))


def _locked(person: User) -> User:
    return User.objects.select_for_update().get(pk=person.pk)


@transaction.atomic
def person_invite(*, actor: User, email: str, roles: list[str], request=None) -> User:
    """A new account for ``email`` with ``roles``, without a password: the person receives
    allauth's password-reset e-mail (after commit) and sets their own.

    The address counts as verified: the only way in is the link sent to it.
    """
    if not user_has_role(actor, Role.ADMIN):
        raise NotFoundError()
    from allauth.account.models import EmailAddress

    # NOTE: lower case, as allauth stores and looks up addresses (its password reset finds no
    # account for "Ana@Example.org").
    email = (email or "").strip().lower()
    taken = User.objects.filter(email__iexact=email).exists()
    if taken or EmailAddress.objects.filter(email__iexact=email).exists():
        message = _("An account with this e-mail address already exists.")
        raise ApplicationError(message, field_errors={"email": [message]})
    unknown = set(roles) - set(Role.values)
    if unknown or not roles:
        message = _("Choose at least one role.")
        raise ApplicationError(message, field_errors={"roles": [message]})
    user = user_create(email=email, password=None, roles=list(roles), verified=True)
    audit_record(action=Action.ACCOUNT_INVITED, actor=actor, target=user)
    # NOTE: robust: a mail server that fails is logged, not a 500; the account exists and the
    # person's page sends the e-mail again.
    transaction.on_commit(lambda: person_invitation_send(person=user, request=request), robust=True)
    return user


def person_invitation_send(*, person: User, request=None) -> None:
    """Send allauth's password-reset e-mail, which lets the person choose a password."""
    from allauth.account.forms import ResetPasswordForm
    from allauth.core import context

    form = ResetPasswordForm(data={"email": person.email})
    if not form.is_valid():
        raise ApplicationError(_("The e-mail could not be sent to this address."))
    # NOTE: allauth builds the link from the request it keeps in its own context.
    with context.request_context(request or context.request):
        form.save(request)


def person_invitation_resend(*, actor: User, person: User, request=None) -> None:
    """Send the e-mail to choose a password again (an active account only)."""
    _ensure_admin_acting_on_other(actor=actor, person=person)
    if not person.is_active:
        raise ApplicationError(_("This account is deactivated. Reactivate it first."))
    person_invitation_send(person=person, request=request)


@transaction.atomic
def person_role_set(*, actor: User, person: User, role: str, give: bool) -> None:
    """Give ``role`` to ``person`` or take it away."""
    _ensure_admin_acting_on_other(actor=actor, person=person)
    if role not in Role.values:
        raise ApplicationError(_("Unknown role."))
    if not give and role == Role.ADMIN:
        _ensure_not_last_admin(person=person)
    person = _locked(person)
    if give:
        user_grant_role(user=person, role=role)
    else:
        user_revoke_role(user=person, role=role)


def grant_find(key: str):
    from accounts.hooks import grant_hooks

    for grant in grant_hooks:
        if grant.key == key:
            return grant
    raise ApplicationError(_("Unknown permission."))


def _permission(key: str) -> Permission:
    app_label, _dot, codename = key.partition(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def person_grant_set(*, actor: User, person: User, key: str, give: bool) -> None:
    """Give one of the registered grants (``accounts.hooks.grant_hooks``) or take it away."""
    _ensure_admin_acting_on_other(actor=actor, person=person)
    grant = grant_find(key)
    person = _locked(person)
    if give:
        if not person.is_active or not user_has_role(person, *grant.roles):
            raise ApplicationError(_("Only an active researcher may receive this permission."))
        if grant.give is not None:
            grant.give(person=person)
        else:
            person.user_permissions.add(_permission(key))
    elif grant.take is not None:
        grant.take(person=person)
    else:
        person.user_permissions.remove(_permission(key))


@transaction.atomic
def person_active_set(*, actor: User, person: User, active: bool) -> None:
    """Deactivate an account (it can no longer sign in; its API tokens are revoked) or
    reactivate it."""
    _ensure_admin_acting_on_other(actor=actor, person=person)
    if not active:
        _ensure_not_last_admin(person=person)
    person = _locked(person)
    if person.is_active == active:
        return
    if not active:
        ApiToken.objects.filter(user=person).delete()
    person.is_active = active
    person.save(update_fields=["is_active"])
    action = Action.ACCOUNT_REACTIVATED if active else Action.ACCOUNT_DEACTIVATED
    audit_record(action=action, actor=actor, target=person)
