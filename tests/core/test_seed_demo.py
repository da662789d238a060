import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from accounts.roles import Role, user_roles
from accounts.selectors import mfa_enrolled, mfa_required_for
from coding.models import Code, Codebook
from core.demo import DEMO_USERS
from events.models import Event, ProgrammeCountry, Session
from testimonies.demo_corpus import corpus_key_hashes
from testimonies.models import Testimony
from tests.factories import totp_code

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        ProgrammeCountry.objects.count(),
        Codebook.objects.count(),
        Code.objects.count(),
        Event.objects.count(),
        Session.objects.count(),
        Testimony.objects.count(),
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
    assert Event.objects.filter(is_demo=True).count() == 15
    out = capsys.readouterr().out
    for cred in DEMO_USERS:
        assert cred.email in out and cred.password in out


@override_settings(DEBUG=True)
def test_each_demo_user_signs_in_with_the_printed_password(client):
    call_command("seed_demo")
    for cred in DEMO_USERS:
        response = client.post("/accounts/login/", {"login": cred.email, "password": cred.password})
        assert response.status_code == 302, cred.email
        if cred.totp_secret:
            # Researchers and admins need two-factor authentication: the demo app's code.
            assert response["Location"] == "/accounts/2fa/authenticate/"
            response = client.post(
                "/accounts/2fa/authenticate/", {"code": totp_code(secret=cred.totp_secret)}
            )
            assert response.status_code == 302, cred.email
        assert client.get("/dashboard/").status_code == 200, cred.email
        assert user_roles(User.objects.get(email=cred.email)) == {cred.role}
        client.logout()


@override_settings(DEBUG=True)
def test_demo_accounts_that_need_two_factor_have_the_published_app(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for cred in DEMO_USERS:
        user = User.objects.get(email=cred.email)
        assert bool(cred.totp_secret) == mfa_required_for(user), cred.email
        assert mfa_enrolled(user) == mfa_required_for(user), cred.email
        if cred.totp_secret:
            assert cred.totp_secret in out


def test_seed_refuses_without_debug():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith="@demo.entendu.test").exists()


@override_settings(DEBUG=True)
def test_demo_facilitator_leads_the_demo_events():
    call_command("seed_demo")
    facilitator = User.objects.get(email="facilitator@demo.entendu.test")
    assert Role.FACILITATOR in user_roles(facilitator)
    assert facilitator.facilitated_events.count() == 15


# Each programme language and the countries of the programme that speak it.
LANGUAGE_COUNTRIES = {
    "en": {"GB", "US"},
    "fr": {"FR"},
    "pt-BR": {"BR"},
    "es": {"ES", "MX"},
    "de": {"DE"},
    "ja": {"JP"},
}
# A few words of each language's demo sessions, to tell them from the English ones.
SESSION_WORDS = {
    "fr": "écoute",
    "pt-BR": "escuta",
    "es": "escucha",
    "de": "Zuhörkreis",
    "ja": "聞き合い",
}


@override_settings(DEBUG=True)
def test_each_language_has_an_event_a_story_sessions_and_its_consent_text():
    call_command("seed_demo")
    corpus = set(corpus_key_hashes())
    for language, countries in LANGUAGE_COUNTRIES.items():
        stories = Testimony.objects.filter(
            is_demo=True, declared_language=language, event__country__in=countries
        ).select_related("event", "consent_text")
        assert stories.exists(), language
        for story in stories:
            assert story.consent_text.language.lower() == language.lower(), story.event.slug
            # The hand-written stories are long; the generated corpus's are shorter.
            if story.submission_key_hash not in corpus:
                assert len(story.text) > 150, story.event.slug
            assert story.research_copy.redacted_text
            assert story.event.sessions.count() == 3
        event = stories.first().event
        assert language in event.languages
        if language in SESSION_WORDS:
            local = [s for s in event.sessions.all() if SESSION_WORDS[language] in s.title]
            assert local, (language, [s.title for s in event.sessions.all()])


@override_settings(DEBUG=True)
def test_invented_contact_details_in_demo_stories_are_redacted():
    call_command("seed_demo")
    stories = Testimony.objects.filter(is_demo=True).select_related("research_copy")
    originals = [t.text for t in stories]
    copies = [t.research_copy.redacted_text for t in stories]
    for secret in ("hanako.demo@example.jp", "+34 612 345 678", "0151 2345 6789"):
        assert any(secret in text for text in originals), secret
        assert not any(secret in text for text in copies), secret
