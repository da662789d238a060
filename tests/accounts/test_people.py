"""People and roles in the app (issue 17, point 1): an admin invites people, gives and takes
roles and grants, and deactivates accounts; nobody raises their own rights; the last admin
stays; every change is in the audit log, once."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken, User
from accounts.roles import ORIGINAL_TEXT_PERMISSION, Role, user_has_role
from accounts.selectors import people_for_admin
from accounts.services import (
    api_token_create,
    person_active_set,
    person_grant_set,
    person_invite,
    person_role_set,
)
from audit.models import Action, AuditEntry
from core.exceptions import ApplicationError, NotFoundError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = "/manage/people/"


def detail(person) -> str:
    return f"/manage/people/{person.pk}/"


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def entries(action, person):
    return AuditEntry.objects.filter(action=action, target_id=str(person.pk))


# Services -------------------------------------------------------------------------------------


def test_invite_makes_an_account_without_password_and_sends_the_reset_mail(
    admin_user, django_capture_on_commit_callbacks, rf
):
    with django_capture_on_commit_callbacks(execute=True):
        person = person_invite(
            actor=admin_user,
            email="New.Person@Example.org",
            roles=[Role.FACILITATOR],
            request=rf.get("/"),
        )
    person = fresh(person)
    assert person.email == "new.person@example.org"
    assert not person.has_usable_password()
    assert person.is_active and user_has_role(person, Role.FACILITATOR)
    assert person.emailaddress_set.get().verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert entries(Action.ACCOUNT_INVITED, person).get().actor_ref == admin_user.pk


def test_invite_refuses_a_known_address_and_changes_nothing(admin_user):
    existing = UserFactory(email="taken@example.org")
    before = User.objects.count()
    with pytest.raises(ApplicationError) as error:
        person_invite(actor=admin_user, email="TAKEN@example.org", roles=[Role.PARTICIPANT])
    assert "email" in error.value.field_errors
    assert User.objects.count() == before
    assert not entries(Action.ACCOUNT_INVITED, existing).exists()


def test_invite_needs_a_known_role(admin_user):
    with pytest.raises(ApplicationError):
        person_invite(actor=admin_user, email="a@example.org", roles=["king"])
    with pytest.raises(ApplicationError):
        person_invite(actor=admin_user, email="a@example.org", roles=[])
    assert not User.objects.filter(email="a@example.org").exists()


def test_only_an_admin_invites(researcher):
    with pytest.raises(NotFoundError):
        person_invite(actor=researcher, email="a@example.org", roles=[Role.ADMIN])


def test_give_and_take_a_role(admin_user, participant):
    person_role_set(actor=admin_user, person=participant, role=Role.RESEARCHER, give=True)
    assert user_has_role(fresh(participant), Role.RESEARCHER)
    person_role_set(actor=admin_user, person=participant, role=Role.RESEARCHER, give=False)
    assert not user_has_role(fresh(participant), Role.RESEARCHER)


@pytest.mark.parametrize("give", [True, False])
def test_an_admin_cannot_change_their_own_roles(admin_user, give):
    role = Role.RESEARCHER if give else Role.ADMIN
    with pytest.raises(ApplicationError):
        person_role_set(actor=admin_user, person=admin_user, role=role, give=give)
    assert user_has_role(fresh(admin_user), Role.ADMIN)
    assert not user_has_role(fresh(admin_user), Role.RESEARCHER)


def test_an_admin_cannot_give_themselves_a_grant(admin_user):
    admin_user.groups.add(*fresh(UserFactory(roles=[Role.RESEARCHER])).groups.all())
    with pytest.raises(ApplicationError):
        person_grant_set(
            actor=fresh(admin_user), person=admin_user, key="coding.manage_codebook", give=True
        )
    assert not fresh(admin_user).user_permissions.exists()


def test_nobody_else_changes_roles(researcher, participant):
    with pytest.raises(NotFoundError):
        person_role_set(actor=researcher, person=participant, role=Role.ADMIN, give=True)
    assert not user_has_role(fresh(participant), Role.ADMIN)


def test_the_last_active_admin_can_neither_drop_the_role_nor_leave(admin_user):
    with pytest.raises(ApplicationError):
        person_role_set(actor=admin_user, person=admin_user, role=Role.ADMIN, give=False)
    with pytest.raises(ApplicationError):
        person_active_set(actor=admin_user, person=admin_user, active=False)
    admin_user = fresh(admin_user)
    assert admin_user.is_active and user_has_role(admin_user, Role.ADMIN)


def test_the_last_admin_rule_counts_only_active_admins(admin_user):
    from accounts import services

    other = UserFactory(roles=[Role.ADMIN])
    services._ensure_not_last_admin(person=admin_user)  # two active admins: allowed
    person_active_set(actor=admin_user, person=other, active=False)
    with pytest.raises(ApplicationError):
        services._ensure_not_last_admin(person=admin_user)
    # A superuser counts as an admin.
    UserFactory(is_superuser=True)
    services._ensure_not_last_admin(person=admin_user)


def test_another_admin_can_take_the_admin_role_away(admin_user):
    other = UserFactory(roles=[Role.ADMIN])
    person_role_set(actor=other, person=admin_user, role=Role.ADMIN, give=False)
    assert not user_has_role(fresh(admin_user), Role.ADMIN)


def test_deactivate_revokes_tokens_and_is_audited(admin_user):
    person = UserFactory(roles=[Role.RESEARCHER])
    api_token_create(user=person, name="script")
    person_active_set(actor=admin_user, person=person, active=False)
    assert not fresh(person).is_active
    assert not ApiToken.objects.filter(user=person).exists()
    assert entries(Action.ACCOUNT_DEACTIVATED, person).get().actor_ref == admin_user.pk
    person_active_set(actor=admin_user, person=person, active=True)
    assert fresh(person).is_active
    assert entries(Action.ACCOUNT_REACTIVATED, person).count() == 1


def test_an_admin_cannot_deactivate_themselves(admin_user):
    UserFactory(roles=[Role.ADMIN])
    with pytest.raises(ApplicationError):
        person_active_set(actor=admin_user, person=admin_user, active=False)
    assert fresh(admin_user).is_active


@pytest.mark.parametrize(
    "key", ["coding.manage_codebook", "analysis.export_characteristics", ORIGINAL_TEXT_PERMISSION]
)
def test_grants_go_to_researchers_and_can_be_taken_back(admin_user, researcher, key):
    person_grant_set(actor=admin_user, person=researcher, key=key, give=True)
    assert fresh(researcher).has_perm(key)
    assert entries(Action.PERMISSION_GRANTED, researcher).count() == 1
    person_grant_set(actor=admin_user, person=researcher, key=key, give=False)
    assert not fresh(researcher).has_perm(key)
    assert entries(Action.PERMISSION_REVOKED, researcher).count() == 1


def test_the_original_text_grant_goes_through_its_own_service(admin_user, researcher):
    person_grant_set(actor=admin_user, person=researcher, key=ORIGINAL_TEXT_PERMISSION, give=True)
    assert entries(Action.ORIGINAL_GRANTED, researcher).count() == 1
    person_grant_set(actor=admin_user, person=researcher, key=ORIGINAL_TEXT_PERMISSION, give=False)
    assert entries(Action.ORIGINAL_REVOKED, researcher).count() == 1


@pytest.mark.parametrize("key", ["coding.manage_codebook", ORIGINAL_TEXT_PERMISSION])
def test_grants_are_refused_to_non_researchers(admin_user, facilitator, key):
    with pytest.raises(ApplicationError):
        person_grant_set(actor=admin_user, person=facilitator, key=key, give=True)
    assert not fresh(facilitator).user_permissions.exists()


def test_an_unknown_grant_is_refused(admin_user, researcher):
    with pytest.raises(ApplicationError):
        person_grant_set(actor=admin_user, person=researcher, key="auth.add_user", give=True)
    assert not Permission.objects.filter(user=researcher).exists()


def test_the_list_is_for_admins_searchable_and_has_no_n_plus_one(admin_user, researcher):
    UserFactory.create_batch(5, roles=[Role.FACILITATOR])
    UserFactory(email="zoe.search@example.org", roles=[Role.PARTICIPANT])
    assert not people_for_admin(user=researcher).exists()
    found = list(people_for_admin(user=admin_user, query="zoe.search"))
    assert [p.email for p in found] == ["zoe.search@example.org"]
    with CaptureQueriesContext(connection) as queries:
        rows = [
            (p.email, [g.name for g in p.role_groups]) for p in people_for_admin(user=admin_user)
        ]
    assert len(rows) >= 8
    assert len(queries) == 2


# Pages ----------------------------------------------------------------------------------------


def test_role_change_on_the_page_is_audited_once_with_the_admin_as_actor(client_for, admin_user):
    person = UserFactory(roles=[Role.PARTICIPANT])
    client = client_for(admin_user)
    response = client.post(f"{detail(person)}roles/", {"role": Role.FACILITATOR, "give": "1"})
    assert response.status_code == 302
    assert user_has_role(fresh(person), Role.FACILITATOR)
    granted = entries(Action.ROLE_GRANTED, person).filter(actor_ref=admin_user.pk)
    assert granted.count() == 1
    assert granted.get().actor_ref == admin_user.pk
    assert granted.get().details == {"groups": [Role.FACILITATOR]}


def test_own_roles_on_the_page_are_refused_with_a_message(client_for, admin_user):
    client = client_for(admin_user)
    response = client.post(
        f"{detail(admin_user)}roles/", {"role": Role.RESEARCHER, "give": "1"}, follow=True
    )
    assert response.status_code == 200
    assert "your own account" in response.content.decode()
    assert not user_has_role(fresh(admin_user), Role.RESEARCHER)
    page = client.get(detail(admin_user)).content.decode()
    assert f'action="{detail(admin_user)}roles/"' not in page


def test_bad_input_is_a_message_not_a_500(client_for, admin_user, participant):
    client = client_for(admin_user)
    for url, data in [
        ("roles/", {"role": "king", "give": "1"}),
        ("roles/", {"role": Role.ADMIN, "give": "maybe"}),
        ("grants/", {"key": "auth.add_user", "give": "1"}),
        ("active/", {"active": "x"}),
    ]:
        response = client.post(detail(participant) + url, data)
        assert response.status_code == 302
    assert user_roles_names(participant) == {Role.PARTICIPANT}
    assert fresh(participant).is_active


def user_roles_names(user) -> set[str]:
    return set(fresh(user).groups.values_list("name", flat=True))


def test_invite_page(client_for, admin_user, django_capture_on_commit_callbacks):
    client = client_for(admin_user)
    assert client.get(f"{LIST}invite/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{LIST}invite/", {"email": "invitee@example.org", "roles": [Role.RESEARCHER]}
        )
    person = User.objects.get(email="invitee@example.org")
    assert response.status_code == 302
    assert response.url == detail(person)
    assert len(mail.outbox) == 1
    again = client.post(f"{LIST}invite/", {"email": "invitee@example.org", "roles": ["admin"]})
    assert again.status_code == 200
    assert "already exists" in again.content.decode()


def test_list_search_and_detail(client_for, admin_user):
    person = UserFactory(email="findme@example.org", roles=[Role.RESEARCHER])
    client = client_for(admin_user)
    page = client.get(LIST, {"q": "findme"}).content.decode()
    assert "findme@example.org" in page
    assert admin_user.email not in page
    body = client.get(detail(person)).content.decode()
    assert f"/manage/people/{person.pk}/events/" in body
    assert 'value="coding.manage_codebook"' in body


def test_another_role_gets_no_people_page(client_for, researcher, participant):
    assert client_for(researcher).get(LIST).status_code == 403
    assert client_for(researcher).get(detail(participant)).status_code == 403
    assert client_for(None).get(LIST).status_code == 302


def test_an_unknown_person_is_a_404(client_for, admin_user):
    assert client_for(admin_user).get("/manage/people/999999/").status_code == 404


def test_a_deactivated_person_is_signed_out_at_once(client_for, admin_user):
    person = UserFactory(roles=[Role.FACILITATOR])
    theirs = client_for(person)
    assert theirs.get("/dashboard/").status_code == 200
    client_for(admin_user).post(f"{detail(person)}active/", {"active": "0"})
    assert not fresh(person).is_active
    assert theirs.get("/dashboard/").status_code == 302


def test_a_mail_server_failure_keeps_the_account_and_is_no_500(
    client_for, admin_user, django_capture_on_commit_callbacks, monkeypatch
):
    from accounts import services

    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services, "person_invitation_send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            f"{LIST}invite/", {"email": "later@example.org", "roles": [Role.PARTICIPANT]}
        )
    assert response.status_code == 302
    assert User.objects.filter(email="later@example.org").exists()
