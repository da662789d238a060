"""Facilitators: counts per event, entry on a participant's behalf, import."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core import languages
from core.access import roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from events.models import Event
from events.selectors import event_list_for_user
from testimonies import importers, selectors, services
from testimonies.forms import CHARACTERISTIC_CHOICES, FacilitatorEntryForm, ImportForm
from testimonies.models import CHARACTERISTIC_SCOPES, Channel, Scope
from testimonies.services import import_codes
from testimonies.views.common import (
    FACILITATOR_ROLES,
    consent_text_from_post,
    invalid_form_encoding,
    no_store,
    receipt_context,
)
from testimonies.views.languages import event_languages


def _facilitated_event(request, event_id) -> Event:
    return get_object_or_404(event_list_for_user(user=request.user), pk=event_id)


@roles_required(*FACILITATOR_ROLES)
def facilitator_overview(request):
    events = list(event_list_for_user(user=request.user).order_by("-starts_at")[:50])
    totals = selectors.testimony_totals_for_events(events=events)
    rows = [(event, totals[event.pk]) for event in events]
    return render(request, "testimonies/facilitator_overview.html", {"rows": rows})


@roles_required(*FACILITATOR_ROLES)
def facilitator_event(request, event_id):
    event = _facilitated_event(request, event_id)
    counts = selectors.testimony_counts_for_event(event=event)
    mine = selectors.testimonies_entered_by(user=request.user).filter(event=event)[:100]
    scope_rows = [(Scope(s).label, n) for s, n in counts["by_scope"].items()]
    return render(
        request,
        "testimonies/facilitator_event.html",
        {"event": event, "counts": counts, "scope_rows": scope_rows, "mine": mine},
    )


@roles_required(*FACILITATOR_ROLES)
@require_http_methods(["GET", "POST"])
def facilitator_entry(request, event_id):
    event = _facilitated_event(request, event_id)
    # NOTE: the participant's rule, not the facilitator's page: the consent text is in one of
    # the event's languages (?lang= picks another), and it is recorded as the one shown.
    offered, fallback = event_languages(event)
    consent_language = languages.negotiate(request, offered=offered, fallback=fallback)
    consent_text = selectors.consent_text_current(language=consent_language)
    if request.method == "POST":
        form = FacilitatorEntryForm(request.POST)
        chosen = consent_text_from_post(request)
        if invalid_form_encoding(request):
            form.add_error("text", _("The text contains characters that are not valid Unicode."))
        elif form.is_valid():
            try:
                draft = services.SubmissionDraft(
                    event=event,
                    consent_text=chosen or consent_text,
                    scopes=form.scopes(),
                    channel=Channel.FACILITATOR,
                    consent_method=form.cleaned_data["consent_method"],
                    entered_by=request.user,
                    submission_key=request.POST.get("submission_key") or None,
                    **form.service_kwargs(),
                )
                submission = services.testimony_create(draft=draft)
            except ApplicationError as error:
                form_add_application_error(form, error, field_prefix="scope_")
            else:
                context = receipt_context(
                    request,
                    submission.testimony,
                    code=submission.withdrawal_code,
                    entered_for_participant=True,
                )
                return no_store(render(request, "testimonies/receipt.html", context))
        status = 400
    else:
        form = FacilitatorEntryForm()
        status = 200
    return no_store(
        render(
            request,
            "testimonies/facilitator_entry.html",
            {
                "event": event,
                "consent_text": consent_text,
                "form": form,
                "submission_key": request.POST.get("submission_key")
                or services.new_submission_key(),
                "characteristic_fields": [form[s.value] for s in CHARACTERISTIC_SCOPES],
                "characteristic_labels": CHARACTERISTIC_CHOICES,
                "consent_languages": languages.language_choices(offered),
                "consent_language": consent_language,
            },
            status=status,
        )
    )


@roles_required(*FACILITATOR_ROLES)
@require_http_methods(["GET", "POST"])
def facilitator_import(request, event_id):
    # NOTE: not core.form_views.form_submit: the import's report is shown on this page.
    event = _facilitated_event(request, event_id)
    report = codes_url = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = importers.import_file(
                    event=event,
                    upload=form.cleaned_data["file"],
                    user=request.user,
                    withdraw_url=request.build_absolute_uri(reverse("testimonies:withdraw")),
                )
            except ApplicationError as error:
                form.add_error("file", error.message)
            else:
                codes_url = _codes_url(request, event, report)
    else:
        form = ImportForm()
    context = {
        "event": event,
        "form": form,
        "report": report,
        "codes_url": codes_url,
        "codes_minutes": import_codes.import_codes_minutes(),
        "columns": importers.COLUMNS,
    }
    status = 400 if form.is_bound and form.errors else 200
    return no_store(render(request, "testimonies/facilitator_import.html", context, status=status))


def _codes_url(request, event, report) -> str | None:
    """Flash what was saved; keep the new stories' codes for one download."""
    if not report.saved:
        return None
    messages.success(
        request,
        ngettext("%(n)s story imported.", "%(n)s stories imported.", report.saved)
        % {"n": report.saved},
    )
    content = import_codes.import_codes_csv(codes=report.codes, event=event)
    token = import_codes.import_codes_store(user=request.user, event=event, content=content)
    return reverse("testimonies:import_codes", args=[event.pk, token])


@roles_required(*FACILITATOR_ROLES)
@require_http_methods(["GET"])
def facilitator_import_codes(request, event_id, token):
    """The withdrawal codes of an import, downloadable once, shortly after it."""
    event = _facilitated_event(request, event_id)
    content = import_codes.import_codes_take(user=request.user, event=event, token=token)
    if content is None:
        messages.error(
            request,
            _(
                "This file of withdrawal codes is no longer available: it can be downloaded "
                "only once, soon after the import."
            ),
        )
        return redirect("testimonies:facilitator_import", event_id=event.pk)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="withdrawal-codes-{event.slug}.csv"'
    return no_store(response)


@roles_required(*FACILITATOR_ROLES)
def facilitator_import_template(request):
    """An example CSV with every column, for survey tools to map to."""
    response = HttpResponse(importers.example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="entendu-import-template.csv"'
    return response
