"""The admin's page for the events one person facilitates (/manage/people/<id>/events/)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Role
from accounts.selectors import person_get_for_admin
from core.access import roles_required
from core.form_views import form_submit, post_action
from events import selectors, services
from events.forms import PersonEventForm


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def person_events(request, pk: int):
    person = person_get_for_admin(user=request.user, pk=pk)
    here = reverse("person_events:list", args=[person.pk])
    return form_submit(
        request,
        PersonEventForm(request.POST or None),
        action=lambda form: services.event_facilitator_add(
            event=form.cleaned_data["event"], email=person.email, role=form.cleaned_data["role"]
        ),
        success_message=_("The person was added to the event."),
        success_url=here,
        template="events/person_events.html",
        context=lambda: {
            "person": person,
            "memberships": selectors.event_memberships_of(user=request.user, person=person),
        },
    )


@roles_required(Role.ADMIN)
@require_POST
def person_event_remove(request, pk: int, event_id: int):
    person = person_get_for_admin(user=request.user, pk=pk)
    membership = get_object_or_404(
        selectors.event_memberships_of(user=request.user, person=person), event_id=event_id
    )
    here = reverse("person_events:list", args=[person.pk])
    return post_action(
        request,
        action=lambda: services.event_facilitator_remove(event=membership.event, user_id=person.pk),
        success_message=_("The person was removed from the event."),
        redirect_to=here,
    )
