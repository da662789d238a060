import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from accounts.roles import Role, user_roles
from coding.models import Code, Codebook
from core.demo import DEMO_USERS
from events.models import Event, ProgrammeCountry

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        ProgrammeCountry.objects.count(),
        Codebook.objects.count(),
        Code.objects.count(),
        Event.objects.count(),
    )


@override_settings(DEBUG=True)
def test_seed_is_complete_and_idempotent(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert ProgrammeCountry.objects.count() == 10
    assert {str(c.country) for c in ProgrammeCountry.objects.all()} == {
        "BR",
        "JP",
        "FR",
        "US",
        "GB",
        "AU",
        "CA",
        "DE",
        "MX",
        "ES",
    }
    codebook = Codebook.objects.get(is_default=True)
    top = codebook.codes.filter(parent=None)
    assert top.count() == 6
    assert all(
        code.translations["fr"]["label"]
        and code.translations["en"]["label"]
        and code.translations["fr"]["description"]
        for code in top
    )
    assert Event.objects.filter(is_demo=True).count() == 13
    out = capsys.readouterr().out
    for cred in DEMO_USERS:
        assert cred.email in out and cred.password in out


@override_settings(DEBUG=True)
def test_each_demo_user_signs_in_with_the_printed_password(client):
    call_command("seed_demo")
    for cred in DEMO_USERS:
        response = client.post("/accounts/login/", {"login": cred.email, "password": cred.password})
        assert response.status_code == 302, cred.email
        assert user_roles(User.objects.get(email=cred.email)) == {cred.role}
        client.logout()


def test_seed_refuses_without_debug():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith="@demo.entendu.test").exists()


@override_settings(DEBUG=True)
def test_demo_facilitator_leads_the_demo_events():
    call_command("seed_demo")
    facilitator = User.objects.get(email="facilitator@demo.entendu.test")
    assert Role.FACILITATOR in user_roles(facilitator)
    assert facilitator.facilitated_events.count() == 13
