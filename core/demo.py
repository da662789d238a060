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


# NOTE: demo accounts exist only where seed_demo runs, which refuses production settings.
DEMO_USERS = [
    DemoCredential(Role.PARTICIPANT, "participant@demo.entendu.test", "demo-participant-2026"),
    DemoCredential(Role.FACILITATOR, "facilitator@demo.entendu.test", "demo-facilitator-2026"),
    DemoCredential(Role.RESEARCHER, "researcher@demo.entendu.test", "demo-researcher-2026"),
    DemoCredential(Role.ADMIN, "admin@demo.entendu.test", "demo-admin-2026"),
]


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
