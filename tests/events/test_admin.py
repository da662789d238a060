"""The admin changes a commitment's status through the same service as the pages."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from events import services
from events.models import Commitment, CommitmentStatusChange
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def admin_save(*, commitment, user, **changes):
    model_admin = site._registry[Commitment]
    request = RequestFactory().post("/admin/events/commitment/")
    request.user = user
    form_class = model_admin.get_form(request, commitment, change=True)
    initial = {f: v for f, v in form_class(instance=commitment).initial.items() if v is not None}
    initial["themes"] = [t.pk for t in commitment.themes.all()]
    form = form_class({**initial, **changes}, instance=commitment)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    form.save_m2m()


def test_a_status_changed_in_the_admin_is_recorded_with_its_history(event, facilitator, superuser):
    c = services.commitment_create(
        event=event, user=facilitator, description="Interpreters", organisation="City hospital"
    )
    admin_save(commitment=c, user=superuser, status="in_progress", organisation="Clinic")
    c.refresh_from_db()
    assert (c.status, c.organisation) == ("in_progress", "Clinic")
    last = CommitmentStatusChange.objects.filter(commitment=c).order_by("pk").last()
    assert (last.from_status, last.to_status, last.note) == ("proposed", "in_progress", "admin")
    assert last.changed_by == superuser


def test_an_admin_edit_that_keeps_the_status_adds_no_history(event, facilitator, superuser):
    c = services.commitment_create(
        event=event, user=facilitator, description="Interpreters", organisation="City hospital"
    )
    admin_save(commitment=c, user=superuser, organisation="Clinic")
    assert c.history.count() == 1
