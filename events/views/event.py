"""Events: the list, the form, the dashboard, its status and its facilitators."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role, user_has_role
from core.access import roles_required
from core.form_views import form_submit, post_action
from events import selectors, services
from events.forms import EventForm, EventStatusForm, FacilitatorForm
from events.models import Event, SessionLog
from events.views.common import EDITORS, PAGE_SIZE, READERS, can_edit, event_url, filtered_events


@roles_required(*READERS)
def event_list(request):
    form, filtered = filtered_events(request)
    ids = filtered.order_by("-starts_at", "id").values_list("pk", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    # NOTE: figures are summed for the page's rows only, not for every matching event.
    page.object_list = selectors.event_list_with_figures(
        queryset=Event.objects.filter(pk__in=list(page.object_list))
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": user_has_role(request.user, *EDITORS),
            "is_admin": user_has_role(request.user, Role.ADMIN),
        },
    )


@roles_required(*EDITORS)
def event_create(request):
    return form_submit(
        request,
        EventForm(request.POST or None),
        action=lambda form: services.event_create(user=request.user, **form.service_fields()),
        success_message=_("The event was created."),
        success_url=event_url,
        template="events/event_form.html",
        context={"title": _("New event")},
    )


@roles_required(*EDITORS)
def event_edit(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    return form_submit(
        request,
        EventForm(request.POST or None, instance=event),
        action=lambda form: services.event_update(event=event, **form.service_fields()),
        success_message=_("The event was saved."),
        success_url=lambda _result: event_url(event),
        template="events/event_form.html",
        context={"event": event, "title": _("Edit the event")},
    )


@roles_required(*READERS)
def event_detail(request, slug):
    """The event's dashboard: figures, sessions and their logs, commitments by status."""
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "can_edit": can_edit(request, event),
            "can_read_notes": selectors.user_can_read_log_notes(user=request.user, event=event),
            "figures": selectors.event_figures(event=event),
            "sessions": selectors.session_list_for_event(event=event),
            "members": selectors.event_members(event=event),
            "status_form": EventStatusForm(),
            "transitions": [
                (value, Event.Status(value).label)
                for value in Event.Status.values
                if value in services.EVENT_TRANSITIONS[Event.Status(event.status)]
            ],
            "group_fields": SessionLog.GROUP_FIELDS.items(),
            "reopen_keeps_link": selectors.event_reopen_keeps_link(event=event),
            "reopen_deadline": selectors.event_reopen_deadline(event=event),
            "grace_days": selectors.reopen_grace_days(),
        },
    )


# Statuses that stop the participant link: a facilitator confirms them on a second page.
CONFIRMED_STATUSES = (Event.Status.CLOSED, Event.Status.ARCHIVED)


@require_POST
@roles_required(*EDITORS)
def event_status(request, slug):
    """Change the status. Closing or archiving first shows what it does, and changes nothing
    until confirmed (one mis-tap on a phone must not kill the printed QR codes)."""
    event = selectors.event_get_editable(user=request.user, slug=slug)
    form = EventStatusForm(request.POST)
    if (
        form.is_valid()
        and form.cleaned_data["status"] in CONFIRMED_STATUSES
        and not form.cleaned_data["confirm"]
        and form.cleaned_data["status"] in services.EVENT_TRANSITIONS[Event.Status(event.status)]
    ):
        status = Event.Status(form.cleaned_data["status"])
        return render(
            request,
            "events/event_status_confirm.html",
            {
                "event": event,
                "status": status,
                "grace_days": selectors.reopen_grace_days(),
                "can_edit": True,
            },
        )
    keeps_link = selectors.event_reopen_keeps_link(event=event)
    return post_action(
        request,
        form=form,
        invalid_message=_("Unknown status."),
        action=lambda: services.event_status_change(
            event=event, status=form.cleaned_data["status"]
        ),
        success_message=lambda result: _status_message(result, was=event.status, kept=keeps_link),
        redirect_to=event_url(event),
    )


def _status_message(event: Event, *, was: str, kept: bool) -> str:
    if event.status == Event.Status.CLOSED:
        return _(
            "The event is closed. Its participant link no longer works. If you reopen it "
            "within %(days)s days, the same link and the printed QR codes will work again."
        ) % {"days": selectors.reopen_grace_days()}
    if event.status == Event.Status.OPEN and was == Event.Status.CLOSED:
        if kept:
            return _(
                "The event is open again. Its participant link works again, and so do the "
                "printed QR codes."
            )
        return _(
            "The event is open again with a new participant link. The old link and the "
            "printed QR codes no longer work: share the new link or print the new QR code."
        )
    return _("The event's status was changed.")


@roles_required(*EDITORS)
def event_facilitators(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    here = reverse("events:facilitators", args=[event.slug])
    return form_submit(
        request,
        FacilitatorForm(request.POST or None),
        action=lambda form: services.event_facilitator_add(event=event, **form.cleaned_data),
        success_message=_("The facilitator was added."),
        success_url=here,
        template="events/facilitators.html",
        context=lambda: {"event": event, "members": selectors.event_members(event=event)},
    )


@require_POST
@roles_required(*EDITORS)
def event_facilitator_remove(request, slug, user_id):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    here = reverse("events:facilitators", args=[event.slug])

    def next_page(_result):
        # Someone who removed themselves can no longer open the event's pages.
        still_editor = selectors.user_can_edit_event(user=request.user, event=event)
        return here if still_editor else "events:list"

    return post_action(
        request,
        action=lambda: services.event_facilitator_remove(event=event, user_id=user_id),
        success_message=_("The facilitator was removed."),
        redirect_to=here,
        success_url=next_page,
    )
