"""Across events: the programme overview, CSV import and export."""

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.roles import Role
from audit.models import Action
from audit.services import audit_record
from core.access import roles_required
from events import selectors, services
from events.forms import CsvImportForm
from events.views.common import EDITORS, READERS, filtered_events


@roles_required(Role.ADMIN)
def programme_overview(request):
    return render(request, "events/programme.html", {"overview": selectors.programme_overview()})


@roles_required(*EDITORS)
def event_import(request):
    # NOTE: not core.form_views.form_submit: a refused import also lists its bad rows.
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
    _form, events = filtered_events(request)
    response = StreamingHttpResponse(
        services.events_csv_rows(events=events), content_type="text/csv; charset=utf-8"
    )
    audit_record(action=Action.EXPORT_DOWNLOADED, details={"dataset": "events", "format": "csv"})
    response["Content-Disposition"] = 'attachment; filename="events.csv"'
    return response
