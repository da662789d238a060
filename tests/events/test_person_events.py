"""An admin puts a facilitator on events from the people pages (issue 17, point 1); every
assignment, from there or from the event's own page, is in the audit log."""

import pytest

from accounts.roles import Role
from audit.models import Action, AuditEntry
from events.models import EventFacilitator
from events.services import event_facilitator_add, event_facilitator_remove
from tests.factories import EventFacilitatorFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(person, suffix=""):
    return f"/manage/people/{person.pk}/events/{suffix}"


def test_admin_assigns_and_removes_a_facilitator(client_for, admin_user):
    person = UserFactory(roles=[Role.FACILITATOR])
    event = EventFactory()
    EventFacilitatorFactory(event=event, role=EventFacilitator.Role.LEAD)
    client = client_for(admin_user)
    assert client.get(url(person)).status_code == 200
    response = client.post(url(person), {"event": event.pk, "role": "co"})
    assert response.status_code == 302
    assert EventFacilitator.objects.filter(event=event, user=person, role="co").exists()
    added = AuditEntry.objects.get(action=Action.FACILITATOR_ADDED, target_id=str(event.pk))
    assert added.actor_ref == admin_user.pk
    assert added.details == {"user": person.pk, "role": "co"}
    assert event.title in client.get(url(person)).content.decode()
    response = client.post(url(person, f"{event.pk}/remove/"))
    assert response.status_code == 302
    assert not EventFacilitator.objects.filter(event=event, user=person).exists()
    assert AuditEntry.objects.filter(action=Action.FACILITATOR_REMOVED).count() == 1


def test_only_facilitators_can_be_assigned(client_for, admin_user):
    person = UserFactory(roles=[Role.RESEARCHER])
    event = EventFactory()
    response = client_for(admin_user).post(url(person), {"event": event.pk, "role": "co"})
    assert response.status_code == 200
    assert "No facilitator has this e-mail address." in response.content.decode()
    assert not EventFacilitator.objects.filter(user=person).exists()


@pytest.mark.parametrize("event_value", ["٣", "99999999999", "nope", ""])
def test_a_bad_event_is_a_message(client_for, admin_user, event_value):
    person = UserFactory(roles=[Role.FACILITATOR])
    response = client_for(admin_user).post(url(person), {"event": event_value, "role": "co"})
    assert response.status_code == 200
    assert not EventFacilitator.objects.filter(user=person).exists()


def test_removing_an_event_the_person_does_not_facilitate_is_a_404(client_for, admin_user):
    person = UserFactory(roles=[Role.FACILITATOR])
    event = EventFactory()
    assert client_for(admin_user).post(url(person, f"{event.pk}/remove/")).status_code == 404


def test_other_roles_get_no_page(client_for, facilitator):
    assert client_for(facilitator).get(url(facilitator)).status_code == 403


def test_the_event_page_path_is_audited_too(admin_user):
    person = UserFactory(roles=[Role.FACILITATOR])
    event = EventFactory()
    event_facilitator_add(event=event, email=person.email, role="lead")
    # Adding the same membership again changes nothing and records nothing.
    event_facilitator_add(event=event, email=person.email, role="lead")
    assert AuditEntry.objects.filter(action=Action.FACILITATOR_ADDED).count() == 1
    other = UserFactory(roles=[Role.FACILITATOR])
    event_facilitator_add(event=event, email=other.email, role="co")
    event_facilitator_remove(event=event, user_id=other.pk)
    assert AuditEntry.objects.filter(action=Action.FACILITATOR_REMOVED).count() == 1
