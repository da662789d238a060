"""Each recorded action: a real flow leaves an entry with the right action, actor and target."""

import pytest
from allauth.mfa import signals as mfa_signals
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory

from accounts.roles import Role
from accounts.services import (
    api_token_create,
    api_token_revoke,
    user_create,
    user_grant_role,
    user_revoke_role,
)
from audit.models import Action
from core.exceptions import NotFoundError
from tests.factories import (
    PASSWORD,
    EventFactory,
    UserFactory,
    mfa_enable,
    open_event,
    story_submit,
)

pytestmark = pytest.mark.django_db


def _signed_up(role=Role.RESEARCHER):
    return user_create(
        email=f"{role}-person@example.org", password=PASSWORD, roles=[role], verified=True
    )


def test_sign_in_failure_and_sign_out(client, entries):
    user = _signed_up()
    client.post("/accounts/login/", {"login": user.email, "password": "not-the-password"})
    failed = entries(Action.LOGIN_FAILED)
    assert len(failed) == 1
    assert failed[0].actor is None and failed[0].actor_label == "anonymous"
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    [login] = entries(Action.LOGIN)
    assert (login.actor, login.actor_ref) == (user, user.pk)
    assert login.actor_label == f"user #{user.pk} (researcher)"
    assert (login.target_type, login.target_id) == ("accounts.user", str(user.pk))
    client.post("/accounts/logout/")
    assert [e.actor_ref for e in entries(Action.LOGOUT)] == [user.pk]


@pytest.mark.parametrize(
    ("signal", "action"),
    [
        (mfa_signals.authenticator_added, Action.MFA_ADDED),
        (mfa_signals.authenticator_removed, Action.MFA_REMOVED),
        (mfa_signals.authenticator_reset, Action.MFA_RESET),
    ],
)
def test_mfa_changes(signal, action, entries):
    from allauth.mfa.models import Authenticator

    user = _signed_up()
    authenticator = Authenticator(user=user, type=Authenticator.Type.TOTP, data={})
    request = RequestFactory().post("/accounts/2fa/")
    request.user = user
    signal.send(sender=Authenticator, request=request, user=user, authenticator=authenticator)
    [entry] = entries(action)
    assert entry.actor_ref == user.pk
    assert entry.details == {"kind": "totp"}


def test_role_changes_from_the_service_and_from_either_side(entries):
    user = UserFactory()
    user_grant_role(user=user, role=Role.FACILITATOR)
    user_revoke_role(user=user, role=Role.FACILITATOR)
    assert [e.details for e in entries(Action.ROLE_GRANTED)] == [{"groups": ["facilitator"]}]
    assert [e.details for e in entries(Action.ROLE_REVOKED)] == [{"groups": ["facilitator"]}]
    assert entries(Action.ROLE_GRANTED)[0].target_id == str(user.pk)
    group = user.groups.model.objects.get(name="facilitator")
    group.user_set.add(user)
    user.groups.clear()
    granted, revoked = entries(Action.ROLE_GRANTED), entries(Action.ROLE_REVOKED)
    assert len(granted) == 2 and granted[-1].target_id == str(user.pk)
    assert revoked[-1].details == {"groups": ["facilitator"]}


def test_permission_changes_are_recorded(entries):
    user = UserFactory(roles=[Role.RESEARCHER])
    permission = Permission.objects.get(codename="export_characteristics")
    user.user_permissions.add(permission)
    user.user_permissions.remove(permission)
    expected = {"user_permissions": ["analysis.export_characteristics"]}
    assert [e.details for e in entries(Action.PERMISSION_GRANTED)] == [expected]
    assert [e.details for e in entries(Action.PERMISSION_REVOKED)] == [expected]


def test_original_text_grant_revoke_and_read_name_the_admin(client_for, admin_user, entries):
    researcher = _signed_up()
    mfa_enable(researcher)  # the grant's holders must use two-factor authentication
    admin = client_for(admin_user)
    admin.post("/manage/original-text-log/", {"email": researcher.email})
    [granted] = entries(Action.ORIGINAL_GRANTED)
    assert granted.actor == admin_user
    assert granted.target_id == str(researcher.pk)
    story = story_submit().testimony
    assert client_for(researcher).get(f"/stories/{story.public_id}/original/").status_code == 200
    [read] = entries(Action.ORIGINAL_READ)
    assert (read.actor, read.target_type, read.target_id) == (
        researcher,
        "testimonies.testimony",
        str(story.pk),
    )
    admin.post("/manage/original-text-log/", {"action": "revoke", "user": researcher.pk})
    [revoked] = entries(Action.ORIGINAL_REVOKED)
    assert revoked.actor == admin_user and revoked.target_id == str(researcher.pk)


def test_research_copy_reads_per_page_view(client_for, researcher, entries):
    from coding.services import codebook_default_seed

    codebook_default_seed()
    story = story_submit().testimony
    c = client_for(researcher)
    assert c.get(f"/research/stories/{story.public_id}/").status_code == 200
    assert c.get(f"/research/stories/{story.public_id}/").status_code == 200
    assert c.get(f"/api/v1/research-copies/{story.public_id}/").status_code == 200
    assert c.get(f"/coding/stories/{story.pk}/").status_code == 200
    reads = entries(Action.RESEARCH_COPY_READ)
    assert [e.details["via"] for e in reads] == ["web", "web", "api", "coding"]
    assert {(e.actor_ref, e.target_id) for e in reads} == {(researcher.pk, str(story.pk))}


def test_exports_made_and_downloaded(
    client_for, researcher, settings, tmp_path, django_capture_on_commit_callbacks, entries
):
    from coding.services import codebook_default_seed

    settings.MEDIA_ROOT = tmp_path
    book = codebook_default_seed()
    story_submit()
    c = client_for(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        made = c.post(
            "/api/v1/analysis/exports/",
            {"dataset": "stories", "format": "xlsx"},
            content_type="application/json",
        )
    assert made.status_code == 202
    [created] = entries(Action.EXPORT_CREATED)
    assert created.target_id == made.json()["id"]
    assert created.details == {"dataset": "stories", "format": "xlsx"}
    assert c.get(f"/analysis/exports/{made.json()['id']}/download/").status_code == 200
    assert c.get(f"/api/v1/analysis/exports/{made.json()['id']}/download/").status_code == 200
    streamed = c.post("/analysis/exports/", {"dataset": "stories", "format": "csv"})
    assert streamed.status_code == 200
    assert c.get(f"/coding/codebooks/{book.slug}/export.qdc").status_code == 200
    assert c.get(f"/coding/codebooks/{book.slug}/export.csv").status_code == 200
    assert c.get("/events/export.csv").status_code == 200
    downloads = [
        (e.details["dataset"], e.details["format"]) for e in entries(Action.EXPORT_DOWNLOADED)
    ]
    assert downloads == [
        ("stories", "xlsx"),
        ("stories", "xlsx"),
        ("stories", "csv"),
        ("codebook", "qdc"),
        ("codebook", "csv"),
        ("events", "csv"),
    ]
    assert {e.actor_ref for e in entries(Action.EXPORT_DOWNLOADED)} == {researcher.pk}


def test_api_tokens_created_and_revoked(entries):
    user = UserFactory(roles=[Role.RESEARCHER])
    issued = api_token_create(user=user, name="Script")
    api_token_revoke(user=user, token_id=issued.token.pk)
    with pytest.raises(NotFoundError):  # already revoked: nothing more is recorded
        api_token_revoke(user=user, token_id=issued.token.pk)
    assert [e.actor_ref for e in entries(Action.TOKEN_CREATED)] == [user.pk]
    assert [e.actor_ref for e in entries(Action.TOKEN_REVOKED)] == [user.pk]


def test_consent_given_narrowed_withdrawn_and_erased_without_linking_the_participant(entries):
    participant = UserFactory(roles=[Role.PARTICIPANT])
    submission = story_submit(scopes=["research", "quote_anonymous"], participant=participant)
    story = submission.testimony
    client = Client()
    code = submission.withdrawal_code
    client.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "some", "scopes": ["quote_anonymous"]},
    )
    client.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "everything", "erase_confirmed": "yes"},
    )
    [given] = entries(Action.CONSENT_GIVEN)
    [narrowed] = entries(Action.CONSENT_NARROWED)
    [withdrawn] = entries(Action.CONSENT_WITHDRAWN)
    [erased] = entries(Action.ERASED)
    assert given.details == {"by": "participant", "scopes": ["quote_anonymous", "research"]}
    assert narrowed.details == {"by": "code", "scopes": ["quote_anonymous"]}
    assert withdrawn.details == {"by": "code", "scopes": []}
    for entry in (given, narrowed, withdrawn, erased):
        assert entry.target_id == str(story.pk)
        assert entry.actor is None and entry.actor_ref is None
    assert given.actor_label == "participant"
    for entry in (narrowed, withdrawn, erased):
        assert entry.actor_label == "participant (withdrawal code)"


def test_a_story_entered_by_a_facilitator_names_the_facilitator(client_for, entries):
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    event = open_event()
    from tests.factories import EventFacilitatorFactory

    EventFacilitatorFactory(event=event, user=facilitator)
    story_submit(event=event, channel="facilitator", consent_method="paper", entered_by=facilitator)
    [given] = entries(Action.CONSENT_GIVEN)
    assert given.details["by"] == "facilitator"


def test_admin_changes_are_recorded_without_the_object_text(client_for, admin_user, entries):
    admin_user.is_superuser = True
    admin_user.save()
    event = EventFactory(title="A named event")
    response = client_for(admin_user).post(
        f"/admin/events/event/{event.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    [deleted] = entries(Action.ADMIN_DELETED)
    assert deleted.actor == admin_user
    assert (deleted.target_type, deleted.target_id) == ("events.event", str(event.pk))
    assert "A named event" not in str(deleted.details)
