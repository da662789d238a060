"""Demo data for `make run` and the browser tests. Idempotent: running it twice changes nothing.

core seeds the demo accounts; each app adds its own demo data as a step registered in its
``AppConfig.ready()`` (``demo_seed_hooks.register(DemoStep(order=..., seed=fn))``, where
``fn(*, users)`` receives the demo users by role), so core imports no app. Steps run by ``order``:
10 the default codebook, 20 events, 30 stories, 40 coding.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_grant_role
from core.hooks import HookPoint


@dataclass(frozen=True)
class DemoCredential:
    role: str
    email: str
    password: str
    # The authenticator app secret (base32) of roles that require two-factor authentication:
    # add it to an authenticator app by hand (README, "Demo accounts").
    totp_secret: str = ""


# NOTE: demo accounts exist only where seed_demo runs, which refuses production settings; their
# passwords and authenticator secrets are published in the README.
DEMO_USERS = [
    DemoCredential(Role.PARTICIPANT, "participant@demo.entendu.test", "demo-participant-2026"),
    DemoCredential(Role.FACILITATOR, "facilitator@demo.entendu.test", "demo-facilitator-2026"),
    DemoCredential(
        Role.RESEARCHER,
        "researcher@demo.entendu.test",
        "demo-researcher-2026",
        totp_secret="ENTENDUDEMORESEARCHERTOTPSECRET2",  # noqa: S106 (published demo secret)
    ),
    DemoCredential(
        Role.ADMIN,
        "admin@demo.entendu.test",
        "demo-admin-2026",
        totp_secret="ENTENDUDEMOADMINISTRATORTOTPKEY2",  # noqa: S106 (published demo secret)
    ),
]


def _seed_totp(user: User, secret: str) -> None:
    """The demo account's authenticator app, with its published secret (allauth's TOTP)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import encrypt

    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        TOTP.activate(user, secret)
    elif totp.data.get("secret") != encrypt(secret):
        totp.data = {**totp.data, "secret": encrypt(secret)}
        totp.save(update_fields=["data"])


def _seed_users() -> dict[str, User]:
    users = {}
    for cred in DEMO_USERS:
        user, _ = User.objects.get_or_create(email=cred.email)
        user.display_name = f"Demo {Role(cred.role).label}"
        user.is_staff = cred.role == Role.ADMIN
        user.set_password(cred.password)
        user.save()
        user_grant_role(user=user, role=cred.role)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if cred.totp_secret:
            _seed_totp(user, cred.totp_secret)
        users[cred.role] = user
    return users


@dataclass(frozen=True, kw_only=True)
class DemoStep:
    order: int
    seed: Callable[..., object]


demo_seed_hooks = HookPoint("core.demo_seed")


@transaction.atomic
def demo_seed() -> list[DemoCredential]:
    users = _seed_users()
    for step in sorted(demo_seed_hooks, key=lambda step: step.order):
        step.seed(users=users)
    return DEMO_USERS
