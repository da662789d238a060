import io
import logging

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.roles import EVENT_READERS, EVENT_TEAM, Role, user_has_role
from core.access import public, roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from events import selectors, services
from events.forms import (
    CommitmentForm,
    CommitmentStatusForm,
    CsvImportForm,
    EventFilterForm,
    EventForm,
    EventStatusForm,
    FacilitatorForm,
    SessionForm,
    SessionLogForm,
)
from events.models import Commitment, CommitmentStatusChange, Event, SessionLog

logger = logging.getLogger(__name__)

READERS = EVENT_READERS
EDITORS = EVENT_TEAM
PAGE_SIZE = 25


def _can_edit(request, event) -> bool:
    return selectors.user_can_edit_event(user=request.user, event=event)


# Events ---------------------------------------------------------------------------------------


@roles_required(*READERS)
def event_list(request):
    events = selectors.event_list_for_user(user=request.user)
    form = EventFilterForm(
        request.GET or None,
        years=selectors.event_years(queryset=events),
        country_choices=selectors.event_countries(queryset=events),
    )
    filtered = selectors.event_list_filtered(queryset=events, **form.filters())
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
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, **form.service_fields())
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The event was created."))
            return redirect("events:detail", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "title": _("New event")},
    )


@roles_required(*EDITORS)
def event_edit(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, **form.service_fields())
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event, "title": _("Edit the event")},
    )


@roles_required(*READERS)
def event_detail(request, slug):
    """The event's dashboard: figures, sessions and their logs, commitments by status."""
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    can_edit = _can_edit(request, event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "can_edit": can_edit,
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
        },
    )


@require_POST
@roles_required(*EDITORS)
def event_status(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    form = EventStatusForm(request.POST)
    if form.is_valid():
        try:
            services.event_status_change(event=event, status=form.cleaned_data["status"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The event's status was changed."))
    else:
        messages.error(request, _("Unknown status."))
    return redirect("events:detail", slug=event.slug)


@roles_required(*EDITORS)
def event_facilitators(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    form = FacilitatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_facilitator_add(event=event, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The facilitator was added."))
            return redirect("events:facilitators", slug=event.slug)
    return render(
        request,
        "events/facilitators.html",
        {"event": event, "form": form, "members": selectors.event_members(event=event)},
    )


@require_POST
@roles_required(*EDITORS)
def event_facilitator_remove(request, slug, user_id):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    try:
        services.event_facilitator_remove(event=event, user_id=user_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The facilitator was removed."))
        if not selectors.user_can_edit_event(user=request.user, event=event):
            return redirect("events:list")  # they removed themselves
    return redirect("events:facilitators", slug=event.slug)


# Sessions and logs ----------------------------------------------------------------------------


@roles_required(*EDITORS)
def session_form(request, slug, pk=None):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    session = get_object_or_404(event.sessions, pk=pk) if pk else None
    kwargs = {"instance": session} if session else {}
    form = SessionForm(request.POST or None, event=event, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in ("title", "starts_at", "duration_minutes", "format")}
        try:
            if session:
                services.session_update(
                    session=session, facilitators=data["facilitators"], **fields
                )
            else:
                services.session_create(event=event, facilitators=data["facilitators"], **fields)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect(reverse("events:detail", args=[event.slug]) + "#sessions")
    return render(
        request,
        "events/session_form.html",
        {"event": event, "session": session, "form": form},
    )


@require_POST
@roles_required(*EDITORS)
def session_delete(request, slug, pk):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    session = get_object_or_404(event.sessions, pk=pk)
    services.session_delete(session=session)
    messages.success(request, _("The session was deleted."))
    return redirect(reverse("events:detail", args=[event.slug]) + "#sessions")


@roles_required(*EDITORS)
def session_log(request, slug, pk):
    """The form a facilitator fills in on a phone during or right after a session."""
    event = selectors.event_get_editable(user=request.user, slug=slug)
    session = get_object_or_404(event.sessions, pk=pk)
    log = SessionLog.objects.filter(session=session).first()
    form = SessionLogForm(request.POST or None, instance=log or SessionLog(session=session))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_log_save(session=session, user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The session log was saved."))
            return redirect(reverse("events:detail", args=[event.slug]) + "#sessions")
    return render(
        request,
        "events/session_log_form.html",
        {"event": event, "session": session, "form": form, "log": log},
    )


# Commitments ----------------------------------------------------------------------------------


@roles_required(*READERS)
def commitment_board(request, slug):
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    commitments = selectors.commitment_list_for_event(event=event).prefetch_related(
        Prefetch(
            "history",
            queryset=CommitmentStatusChange.objects.select_related("changed_by").order_by(
                "-changed_at", "-id"
            ),
        )
    )
    columns = {status: [] for status in Commitment.Status.values}
    for commitment in commitments:
        columns[commitment.status].append(commitment)
    return render(
        request,
        "events/commitment_board.html",
        {
            "event": event,
            "can_edit": _can_edit(request, event),
            "columns": [
                (status, label, columns[status]) for status, label in Commitment.Status.choices
            ],
            "status_choices": Commitment.Status.choices,
        },
    )


@roles_required(*EDITORS)
def commitment_form(request, slug, pk=None):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    commitment = get_object_or_404(event.commitments, pk=pk) if pk else None
    kwargs = {"instance": commitment} if commitment else {}
    form = CommitmentForm(request.POST or None, event=event, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            k: data[k]
            for k in ("description", "organisation", "session", "due_date", "public_progress_note")
        }
        try:
            if commitment:
                services.commitment_update(
                    commitment=commitment,
                    user=request.user,
                    themes=data["themes"],
                    status=data["status"],
                    status_note=data["status_note"],
                    **fields,
                )
            else:
                services.commitment_create(
                    event=event,
                    user=request.user,
                    themes=data["themes"],
                    status=data["status"],
                    **fields,
                )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The commitment was saved."))
            return redirect("events:commitments", slug=event.slug)
    return render(
        request,
        "events/commitment_form.html",
        {"event": event, "commitment": commitment, "form": form},
    )


@require_POST
@roles_required(*EDITORS)
def commitment_status(request, slug, pk):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    commitment = get_object_or_404(event.commitments, pk=pk)
    form = CommitmentStatusForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_status_change(
                commitment=commitment,
                user=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The commitment's status was changed."))
    else:
        messages.error(request, _("Unknown status."))
    return redirect(reverse("events:commitments", args=[event.slug]) + f"#commitment-{pk}")


# Participant link -----------------------------------------------------------------------------


def _submission_url(request, event) -> str | None:
    if not event.submission_token:
        return None
    return request.build_absolute_uri(
        reverse("testimonies:submit", kwargs={"token": event.submission_token})
    )


@never_cache  # SECURITY: the page shows the secret link; keep it out of caches.
@roles_required(*EDITORS)
def participant_link(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    return render(
        request,
        "events/participant_link.html",
        {
            "event": event,
            "url": _submission_url(request, event),
            "is_open": event.status == Event.Status.OPEN,
        },
    )


@require_POST
@roles_required(*EDITORS)
def participant_link_rotate(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    try:
        services.event_token_rotate(event=event)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("A new participant link was made. The old link and QR code no longer work.")
        )
    return redirect("events:link", slug=event.slug)


@roles_required(*EDITORS)
def participant_qr(request, slug, kind):
    """The participant link as a QR code, made here (no external service)."""
    event = selectors.event_get_editable(user=request.user, slug=slug)
    url = _submission_url(request, event)
    if url is None:
        return HttpResponse(status=404)
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        qr.save(buffer, kind="svg", scale=8, border=4, xmldecl=False, title=event.title)
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=10, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    # SECURITY: the image carries the secret link; keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{event.slug}-qr.{kind}"'
    return response


# Public page ----------------------------------------------------------------------------------


@public
def event_public(request, slug):
    """ "You said, we did": commitments and aggregate figures; never a story, never a note."""
    event = selectors.public_event_get(slug=slug)
    commitments = list(selectors.public_event_commitments(event=event))
    counts = dict.fromkeys(Commitment.Status.values, 0)
    for commitment in commitments:
        counts[commitment.status] += 1
    return render(
        request,
        "events/event_public.html",
        {
            "event": event,
            "commitments": commitments,
            "figures": selectors.public_event_figures(event=event),
            "status_counts": [
                (status, label, counts[status]) for status, label in Commitment.Status.choices
            ],
        },
    )


# Programme, import, export --------------------------------------------------------------------


@roles_required(Role.ADMIN)
def programme_overview(request):
    return render(request, "events/programme.html", {"overview": selectors.programme_overview()})


@roles_required(*EDITORS)
def event_import(request):
    form = CsvImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > services.CSV_MAX_BYTES:
                raise services.CsvImportError(_("The file is larger than 5 MB."), rows=[])
            created = services.events_import_csv(user=request.user, content=upload.read())
        except services.CsvImportError as error:
            form.add_error(None, error.message)
            row_errors = error.rows
        else:
            messages.success(
                request,
                _("%(n)s event(s) were imported.") % {"n": len(created)},
            )
            return redirect("events:list")
    return render(
        request,
        "events/event_import.html",
        {"form": form, "row_errors": row_errors, "columns": services.CSV_COLUMNS},
    )


@roles_required(*READERS)
def event_export(request):
    events = selectors.event_list_for_user(user=request.user)
    form = EventFilterForm(
        request.GET or None,
        years=selectors.event_years(queryset=events),
        country_choices=selectors.event_countries(queryset=events),
    )
    events = selectors.event_list_filtered(queryset=events, **form.filters())
    response = StreamingHttpResponse(
        services.events_csv_rows(events=events), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="events.csv"'
    return response
