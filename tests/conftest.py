import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.utils import translation

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


def service_reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def require_service(name: str, reachable: bool, why: str) -> None:
    """Skip a test whose service is missing, except in CI, where a missing service fails."""
    if reachable:
        return
    if IN_CI:
        pytest.fail(f"{name} is required in CI (CI=true) but is not reachable: {why}")
    pytest.skip(f"{name} is not available here: {why}")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    require_service(
        "Redis", bool(url) and service_reachable(url, 6379), url or "REDIS_URL is not set"
    )
    return url


@pytest.fixture
def postgres():
    vendor = settings.DATABASES["default"]["ENGINE"]
    require_service("PostgreSQL", "postgresql" in vendor, f"DATABASE_URL gives {vendor}")


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def participant(db):
    return UserFactory(roles=[Role.PARTICIPANT])


@pytest.fixture
def facilitator(db):
    return UserFactory(roles=[Role.FACILITATOR])


@pytest.fixture
def researcher(db):
    return UserFactory(roles=[Role.RESEARCHER])


@pytest.fixture
def admin_user(db):
    return UserFactory(roles=[Role.ADMIN], is_staff=True)


@pytest.fixture
def role_users(participant, facilitator, researcher, admin_user):
    """One user per role, keyed by role; ``None`` stands for an anonymous visitor."""
    return {
        "anonymous": None,
        Role.PARTICIPANT: participant,
        Role.FACILITATOR: facilitator,
        Role.RESEARCHER: researcher,
        Role.ADMIN: admin_user,
    }


@pytest.fixture
def client_for(client):
    """``client_for(user)`` returns a test client signed in as ``user`` (or anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


def mfa_session_record(client, user, *, at: float | None = None) -> None:
    """Mark ``client``'s session as having passed two-factor authentication, the way allauth
    records it (an "mfa" authentication record); ``at`` backdates it."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "mfa", type="totp")
    if at is not None:
        records = request.session[AUTHENTICATION_METHODS_SESSION_KEY]
        records[-1]["at"] = at
    request.session.save()


@pytest.fixture
def not_eager():
    """Tasks go to the broker configured instead of running in-process (the suite's default)."""
    from config.celery_app import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(scope="session", autouse=True)
def _force_login_passes_mfa():
    """``client.force_login(user)`` stands for a full sign-in: for a user with an authenticator
    app, that includes the two-factor check (tests that need a password-only session sign in
    through the login form, or use a user made with ``mfa=False``)."""
    from django.test import Client

    from accounts.selectors import mfa_enrolled

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if mfa_enrolled(user):
            mfa_session_record(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login)
        yield


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request with Accept-Language (or a test that activates a language) leaves that language
    active in the thread; every test starts from the default language instead."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_fragment_kept_from_another_test():
    """Rendered fragments (the "fragments" cache) and the themes a process keeps
    (``events.selectors.themes_kept``) live as long as the process: a test that changes what a
    page shows must not see another test's copy (a rolled-back test's themes send no signal)."""
    from django.core.cache import caches

    from events.selectors import themes_kept_forget

    caches["fragments"].clear()
    themes_kept_forget()
