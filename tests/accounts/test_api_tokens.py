"""API tokens: hashed, expiring, named, several per user, revocable one by one, issued only
after a fresh two-factor check, and refused for a role that needs two-factor authentication
when the user has none."""

import hashlib
import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.roles import Role
from accounts.services import api_token_create
from core.exceptions import ApplicationError
from tests.conftest import mfa_session_record
from tests.factories import UserFactory, mfa_enable, totp_code

pytestmark = pytest.mark.django_db
PAGE = "/account/api-token/"
ME = "/api/v1/me/"


def call(key: str):
    return APIClient().get(ME, HTTP_AUTHORIZATION=f"Token {key}")


def shown_key(response) -> str:
    return response.content.decode().split('<code class="token">', 1)[1].split("</code>", 1)[0]


def test_only_a_digest_is_stored():
    user = UserFactory(roles=[Role.RESEARCHER])
    issued = api_token_create(user=user, name="laptop")
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert token.digest == hashlib.sha256(issued.key.encode()).hexdigest()
    assert issued.key.startswith(f"{token.prefix}.")
    secret = issued.key.split(".", 1)[1]
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in row.values())
    assert call(issued.key).json()["email"] == user.email


@pytest.mark.parametrize(
    "key", ["", "wrong", "abc.def", ".", "x" * 500, "{prefix}.", "{prefix}.not-the-secret"]
)
def test_wrong_keys_are_refused_with_401(key):
    issued = api_token_create(user=UserFactory(roles=[Role.RESEARCHER]), name="n")
    response = call(key.format(prefix=issued.token.prefix))
    assert response.status_code == 401


def test_a_token_expires_after_the_configured_days():
    user = UserFactory(roles=[Role.RESEARCHER])
    issued = api_token_create(user=user, name="n")
    lifetime = issued.token.expires_at - issued.token.created_at
    assert timedelta(days=30) - timedelta(minutes=1) < lifetime <= timedelta(days=30)
    with override_settings(API_TOKEN_TTL_DAYS=7):
        short = api_token_create(user=user, name="short").token
    assert short.expires_at - short.created_at <= timedelta(days=7)
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now())
    response = call(issued.key)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_several_named_tokens_revoked_one_by_one(client):
    user = UserFactory(roles=[Role.RESEARCHER])
    first = api_token_create(user=user, name="laptop")
    second = api_token_create(user=user, name="server")
    client.force_login(user)
    page = client.get(PAGE).content.decode()
    assert "laptop" in page and "server" in page
    response = client.post(f"/account/api-token/{first.token.pk}/revoke/", follow=True)
    assert "was revoked" in response.content.decode()
    assert call(first.key).status_code == 401
    assert call(second.key).status_code == 200


def test_another_users_token_is_a_404(client):
    mine = UserFactory(roles=[Role.RESEARCHER])
    theirs = api_token_create(user=UserFactory(roles=[Role.RESEARCHER]), name="theirs")
    client.force_login(mine)
    assert client.post(f"/account/api-token/{theirs.token.pk}/revoke/").status_code == 404
    assert call(theirs.key).status_code == 200


def test_last_used_is_recorded(client):
    user = UserFactory(roles=[Role.RESEARCHER])
    issued = api_token_create(user=user, name="n")
    assert issued.token.last_used_at is None
    call(issued.key)
    used = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert used is not None and timezone.now() - used < timedelta(minutes=1)
    client.force_login(user)
    assert "Never" not in client.get(PAGE).content.decode()


def test_the_page_creates_a_token_shown_once(client):
    user = UserFactory(roles=[Role.ADMIN])
    client.force_login(user)
    response = client.post(PAGE, {"name": "nightly export"})
    key = shown_key(response)
    assert ApiToken.objects.get(user=user).name == "nightly export"
    assert call(key).status_code == 200
    assert key not in client.get(PAGE).content.decode()


def test_a_token_needs_a_name(client):
    user = UserFactory(roles=[Role.RESEARCHER])
    client.force_login(user)
    response = client.post(PAGE, {"name": "  "})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_without_a_fresh_code_allauth_asks_for_one_then_issues(client):
    user = UserFactory(roles=[Role.RESEARCHER], mfa=False)
    client.force_login(user)  # before the app exists: no two-factor record yet
    mfa_enable(user)
    mfa_session_record(client, user, at=time.time() - 3600)  # passed an hour ago
    response = client.post(PAGE, {"name": "late"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert not ApiToken.objects.exists()
    # The code from the app: allauth replays the request and the token is shown.
    response = client.post(response["Location"], {"code": totp_code(user)})
    assert response.status_code == 200
    key = shown_key(response)
    assert ApiToken.objects.get(user=user).name == "late"
    assert call(key).status_code == 200


def test_the_password_alone_is_not_a_fresh_check(client):
    user = UserFactory(roles=[Role.FACILITATOR], mfa=True)
    assert client.login(email=user.email, password="a-test-password-123")
    client.post("/accounts/reauthenticate/", {"password": "a-test-password-123"})
    response = client.post(PAGE, {"name": "n"})
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.FACILITATOR])
def test_without_two_factor_no_token_is_issued(client, role):
    user = UserFactory(roles=[role])
    client.force_login(user)
    page = client.get(PAGE).content.decode()
    assert "first set up two-factor authentication" in page
    response = client.post(PAGE, {"name": "n"}, follow=True)
    assert "Set up two-factor authentication before you create a token." in (
        response.content.decode()
    )
    assert not ApiToken.objects.exists()


def test_the_service_refuses_a_requiring_role_without_two_factor():
    with pytest.raises(ApplicationError):
        api_token_create(user=UserFactory(roles=[Role.RESEARCHER], mfa=False), name="n")


def test_a_token_stops_working_when_its_holder_needs_but_lacks_two_factor():
    user = UserFactory(roles=[Role.PARTICIPANT], mfa=True)
    issued = api_token_create(user=user, name="n")
    Authenticator.objects.filter(user=user).delete()
    assert call(issued.key).status_code == 200  # optional for a participant
    from accounts.services import user_grant_role

    user_grant_role(user=user, role=Role.RESEARCHER)
    response = call(issued.key)
    assert response.status_code == 401
    assert "two-factor authentication" in response.json()["detail"]


def test_an_inactive_users_token_is_refused():
    user = UserFactory(roles=[Role.RESEARCHER])
    issued = api_token_create(user=user, name="n")
    user.is_active = False
    user.save()
    assert call(issued.key).status_code == 401
