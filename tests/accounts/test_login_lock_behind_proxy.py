"""allauth's failed-login lock counts per real client behind our proxy, never per the proxy's
address and never per an X-Forwarded-For the client chose."""

import secrets

import pytest
from django.test import Client, override_settings

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts"
NGINX = "10.0.0.5"


def unique_address() -> str:
    # NOTE: a fresh address per test instead of clearing a cache others may share.
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


def login(client, user, password, forwarded=None):
    extra = {"REMOTE_ADDR": NGINX}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.post("/accounts/login/", {"login": user.email, "password": password}, **extra)
    return response


def fail_ten_times(forwarded):
    # Ten different accounts, so that only the per-address limit (10/m/ip) is reached.
    for _ in range(10):
        login(Client(), UserFactory(roles=[Role.PARTICIPANT]), "bad", forwarded)


@override_settings(TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_one_clients_failures_do_not_lock_everyone_behind_the_proxy():
    attacker = unique_address()
    fail_ten_times(attacker)
    user = UserFactory(roles=[Role.PARTICIPANT])
    # The attacker is locked, even with a correct password and a made-up header in front.
    blocked = login(Client(), user, PASSWORD, f"{unique_address()}, {attacker}")
    assert LOCKED in blocked.content.decode()
    # Another participant, through the same proxy, signs in.
    response = login(Client(), user, PASSWORD, unique_address())
    assert response.status_code == 302
    assert LOCKED not in response.content.decode()


@override_settings(TRUSTED_PROXY_COUNT=0, ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_a_spoofed_header_does_not_escape_the_lock():
    remote = unique_address()

    def attempt(user, password):
        extra = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": unique_address()}
        data = {"login": user.email, "password": password}
        return Client().post("/accounts/login/", data, **extra)

    for _ in range(10):
        attempt(UserFactory(roles=[Role.PARTICIPANT]), "bad")
    user = UserFactory(roles=[Role.PARTICIPANT])
    assert LOCKED in attempt(user, PASSWORD).content.decode()
