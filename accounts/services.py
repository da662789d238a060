from django.contrib.auth.models import Group
from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import User
from accounts.roles import Role
from audit.models import Action
from audit.services import audit_record


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


@transaction.atomic
def api_token_create(*, user: User) -> Token:
    """A new API token for ``user``; the one they had before stops working."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    # SECURITY: the token's key never reaches the audit log.
    audit_record(action=Action.TOKEN_CREATED, actor=user, target=user)
    return token


@transaction.atomic
def api_token_revoke(*, user: User) -> None:
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(action=Action.TOKEN_REVOKED, actor=user, target=user)
