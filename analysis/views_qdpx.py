"""The .qdpx import pages: upload and check, preview with choices, import, withdrawal codes."""

import io

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import RESEARCH_TEAM
from analysis import qdpx_pending, selectors
from analysis.qdpx_forms import QdpxConfirmForm, QdpxUploadForm
from analysis.qdpx_import import ImportChoices, qdpx_import
from analysis.qdpx_preview import preview
from analysis.refiqda_read import MAX_BYTES, read_qdpx
from core.access import roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from events.models import Event
from testimonies.selectors import consent_text_current
from testimonies.services import import_codes

TEMPLATE = "analysis/qdpx_import.html"


def _page(request, **context):
    return render(request, TEMPLATE, {"page": "exports", **context})


def _upload(request):
    form = QdpxUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_BYTES:
            read_qdpx(io.BytesIO(), size=upload.size)
        data = upload.read()
        project = read_qdpx(io.BytesIO(data), size=len(data))
    except ApplicationError as error:
        form_add_application_error(form, error)
        return _page(request, upload_form=form)
    codebook = form.cleaned_data["codebook"]
    found = preview(project, codebook)
    token = qdpx_pending.pending_store(user=request.user, data=data)
    confirm = QdpxConfirmForm(
        preview=found,
        codebook=codebook,
        initial={
            "token": token,
            "event": form.cleaned_data["event"],
            "codebook": codebook,
            "consent_text": consent_text_current(language=get_language() or "en"),
        },
    )
    return _page(request, preview=found, confirm_form=confirm)


def _confirm(request):
    token = request.POST.get("token", "")
    data = qdpx_pending.pending_read(user=request.user, token=token)
    if data is None:
        expired = _("The uploaded project has expired (60 minutes). Upload it again.")
        return _page(request, upload_form=QdpxUploadForm(), problem=expired)
    project = read_qdpx(io.BytesIO(data), size=len(data))
    basic = QdpxConfirmForm(request.POST)
    basic.is_valid()
    codebook = basic.cleaned_data.get("codebook")
    found = preview(project, codebook)
    form = QdpxConfirmForm(request.POST, preview=found, codebook=codebook)
    if not form.is_valid():
        return _page(request, preview=found, confirm_form=form)
    event = form.cleaned_data["event"]
    choices = ImportChoices(
        event=event,
        codebook=codebook,
        consent_text=form.cleaned_data["consent_text"],
        consented_at=form.cleaned_data["consented_at"],
        scopes=form.scope_set(),
        code_matches=form.code_matches(),
        coders=form.coders(),
    )
    try:
        report = qdpx_import(project=project, user=request.user, choices=choices)
    except ApplicationError as error:
        form_add_application_error(form, error)
        return _page(request, preview=found, confirm_form=form)
    qdpx_pending.pending_discard(token=token)
    codes_token = import_codes.import_codes_store(
        user=request.user,
        event=event,
        content=import_codes.import_codes_csv(codes=report.codes, event=event),
    )
    return _page(
        request,
        report=report,
        event=event,
        codes_token=codes_token,
        minutes=import_codes.import_codes_minutes(),
    )


@roles_required(*RESEARCH_TEAM)
@require_http_methods(["GET", "POST"])
def qdpx_import_page(request):
    if not selectors.can_analyse(request.user):
        raise Http404
    if request.method == "POST" and request.POST.get("step") == "import":
        return _confirm(request)
    if request.method == "POST":
        return _upload(request)
    return _page(request, upload_form=QdpxUploadForm())


@roles_required(*RESEARCH_TEAM)
def qdpx_import_codes(request, event_id: int, token: str):
    """The withdrawal codes of an import, once, for the researcher who made it."""
    event = get_object_or_404(Event, pk=event_id)
    content = import_codes.import_codes_take(user=request.user, event=event, token=token)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="withdrawal-codes-{event.slug}.csv"'
    response["Cache-Control"] = "no-store"
    return response
