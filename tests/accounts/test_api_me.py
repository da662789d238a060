import pytest
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/"


def test_anonymous_gets_401_with_a_challenge():
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("role", Role.values)
def test_each_role_reads_its_email_and_roles(role):
    user = UserFactory(roles=[role])
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert response.json()["roles"] == [role]


def test_several_roles_are_listed_sorted():
    user = UserFactory(roles=[Role.RESEARCHER, Role.FACILITATOR])
    client = APIClient()
    client.force_authenticate(user)
    assert client.get(URL).json()["roles"] == ["facilitator", "researcher"]


def test_token_authentication(client):
    user = UserFactory(roles=[Role.RESEARCHER])
    key = api_token_create(user=user, name="script").key
    response = APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert APIClient().get(URL, HTTP_AUTHORIZATION="Token wrong").status_code == 401


def test_session_authentication(client):
    user = UserFactory(roles=[Role.PARTICIPANT])
    client.force_login(user)
    assert client.get(URL).json()["roles"] == ["participant"]


def test_inactive_user_token_is_refused():
    user = UserFactory(roles=[Role.ADMIN])
    key = api_token_create(user=user, name="script").key
    user.is_active = False
    user.save()
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
