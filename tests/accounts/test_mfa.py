"""Two-factor authentication (allauth's TOTP) is required for researchers, admins and anyone
who may read the original text of stories; participants and facilitators keep it optional."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.roles import Role
from accounts.selectors import mfa_enrolled, mfa_required_for
from tests.factories import PASSWORD, UserFactory, mfa_enable, totp_code

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"
REAUTHENTICATE = "/accounts/2fa/reauthenticate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"


def original_text_holder(mfa=True):
    user = UserFactory(roles=[Role.FACILITATOR])
    user.user_permissions.add(Permission.objects.get(codename="view_original_text"))
    if mfa:
        mfa_enable(user)
    return type(user).objects.get(pk=user.pk)  # NOTE: a fresh object, without a stale perm cache


REQUIRING = {
    "researcher": lambda **kw: UserFactory(roles=[Role.RESEARCHER], **kw),
    "admin": lambda **kw: UserFactory(roles=[Role.ADMIN], is_staff=True, **kw),
    "superuser": lambda **kw: UserFactory(roles=[], is_superuser=True, is_staff=True, **kw),
    "original text": original_text_holder,
}


def password_sign_in(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


# Who ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", REQUIRING)
def test_mfa_is_required_for(kind):
    assert mfa_required_for(REQUIRING[kind](mfa=False))


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.FACILITATOR])
def test_mfa_is_optional_for(role):
    assert not mfa_required_for(UserFactory(roles=[role]))
    assert not mfa_required_for(UserFactory(roles=[]))


def test_factory_gives_an_app_to_requiring_roles_only():
    assert mfa_enrolled(UserFactory(roles=[Role.RESEARCHER]))
    assert not mfa_enrolled(UserFactory(roles=[Role.FACILITATOR]))
    assert not mfa_enrolled(UserFactory(roles=[Role.ADMIN], mfa=False))


# Not set up yet: enrolment only ---------------------------------------------------------------


@pytest.mark.parametrize("kind", REQUIRING)
def test_password_only_reaches_only_enrolment_and_sign_out(kind):
    user = REQUIRING[kind](mfa=False)
    client = password_sign_in(user)
    pages = ["/dashboard/", "/coding/", "/analysis/", "/research/stories/", "/account/api-token/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE, url
    api = client.get("/api/v1/me/")
    assert api.status_code == 403
    assert api.json()["code"] == "mfa_required"
    assert "two-factor authentication" in api.json()["detail"]
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get(ACTIVATE).status_code in (200, 302)
    assert client.get("/accounts/logout/").status_code == 200
    assert client.get("/jsi18n/fr/").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "fr", "next": "/"}).status_code == 302


def test_the_redirect_says_why():
    client = password_sign_in(UserFactory(roles=[Role.RESEARCHER], mfa=False))
    body = client.get("/dashboard/", follow=True).content.decode()
    assert "Your role requires two-factor authentication" in body


# NOTE: transactional, so that allauth's after-commit signal runs inside the request, as it does
# in production (accounts.mfa.record_enrolment marks the session as having passed the check).
@pytest.mark.django_db(transaction=True)
def test_enrolment_gives_recovery_codes_and_opens_everything():
    user = UserFactory(roles=[Role.RESEARCHER], mfa=False)
    client = password_sign_in(user)
    response = client.get(ACTIVATE)
    if response.status_code == 302:  # allauth asks for the password again first
        assert response["Location"].startswith("/accounts/reauthenticate/")
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get(ACTIVATE)
    assert response.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(ACTIVATE, {"code": totp_code(secret=secret)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


# Set up: the code is asked at sign-in ---------------------------------------------------------


@pytest.mark.parametrize("kind", REQUIRING)
def test_after_the_totp_code_everything_works(kind):
    user = REQUIRING[kind]()
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == AUTHENTICATE
    assert client.get("/dashboard/")["Location"].startswith(REAUTHENTICATE) or (
        client.get("/dashboard/")["Location"].startswith("/accounts/login/")
    )
    response = client.post(AUTHENTICATE, {"code": totp_code(user)})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_a_wrong_code_keeps_everything_closed():
    user = UserFactory(roles=[Role.RESEARCHER])
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post(AUTHENTICATE, {"code": "000000" if totp_code(user) != "000000" else "1"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_a_session_signed_in_some_other_way_is_asked_for_the_code():
    """Django's admin sign-in (or any password-only login) with an app set up: the code prompt,
    nothing else, not even the recovery codes."""
    user = UserFactory(roles=[Role.ADMIN], is_staff=True)
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    response = client.get("/analysis/")
    assert response["Location"] == f"{REAUTHENTICATE}?next=%2Fanalysis%2F"
    assert client.get("/admin/")["Location"].startswith(REAUTHENTICATE)
    assert client.get("/accounts/2fa/recovery-codes/")["Location"].startswith(REAUTHENTICATE)
    assert client.get("/api/v1/me/").status_code == 403
    response = client.post(f"{REAUTHENTICATE}?next=/analysis/", {"code": totp_code(user)})
    assert response["Location"] == "/analysis/"
    assert client.get("/analysis/").status_code == 200


def test_recovery_codes_work_at_sign_in():
    user = UserFactory(roles=[Role.RESEARCHER])
    codes = RecoveryCodes.activate(user).generate_codes()
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post(AUTHENTICATE, {"code": codes[0]})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    client.logout()
    # A recovery code works once.
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.post(AUTHENTICATE, {"code": codes[0]}).status_code == 200
    assert client.get("/dashboard/").status_code == 302


# Switching it off -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", REQUIRING)
def test_a_requiring_role_cannot_switch_it_off(kind, client):
    user = REQUIRING[kind]()
    client.force_login(user)
    client.post(REAUTHENTICATE, {"code": totp_code(user)})  # allauth asks for a fresh code
    response = client.post("/accounts/2fa/totp/deactivate/", follow=True)
    assert "so you cannot switch it off" in response.content.decode()
    assert mfa_enrolled(user)


def test_a_facilitator_may_switch_it_off(client):
    user = UserFactory(roles=[Role.FACILITATOR], mfa=True)
    client.force_login(user)
    client.post(REAUTHENTICATE, {"code": totp_code(user)})
    client.post("/accounts/2fa/totp/deactivate/")
    assert not mfa_enrolled(user)


# Participants and facilitators ----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.FACILITATOR])
def test_password_alone_is_enough_for(role):
    client = password_sign_in(UserFactory(roles=[role]))
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_a_facilitator_who_set_it_up_is_asked_for_the_code_at_sign_in():
    user = UserFactory(roles=[Role.FACILITATOR])
    mfa_enable(user)
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == AUTHENTICATE
    client.post(AUTHENTICATE, {"code": totp_code(user)})
    assert client.get("/dashboard/").status_code == 200
