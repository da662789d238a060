"""Web pages: the participant flow (consent, story, receipt, withdrawal), participants' own
receipts and data, researchers' redacted copies, facilitators' counts, entry and import."""

import json
from urllib.parse import unquote_to_bytes

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.roles import EVENT_TEAM, RESEARCH_TEAM, Role
from core.access import public, roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from events.models import Event
from events.selectors import event_list_for_user
from testimonies import importers, ratelimit, selectors, services
from testimonies.exports import participant_data_export
from testimonies.forms import (
    CHARACTERISTIC_CHOICES,
    ConsentForm,
    ConsentTextForm,
    FacilitatorEntryForm,
    GrantForm,
    ImportForm,
    StoryForm,
    WithdrawChoiceForm,
    WithdrawCodeForm,
)
from testimonies.models import (
    CHARACTERISTIC_SCOPES,
    Channel,
    ConsentChange,
    ConsentText,
    Scope,
    Testimony,
)
from testimonies.receipts import testimony_receipt

FACILITATOR_ROLES = EVENT_TEAM
RESEARCH_ROLES = RESEARCH_TEAM


def _no_store(response):
    # SECURITY: pages holding a story, a code or a receipt are never cached by browsers/proxies.
    response["Cache-Control"] = "no-store"
    return response


def _unlogged(response):
    """SECURITY: the participant link's path carries the event token, and Django logs the path
    of every 4xx response ("Bad Request: /t/<token>/"). Errors on this page are expected user
    input, so they are not logged at all."""
    if response.status_code >= 400:
        response._has_been_logged = True
    return response


def _invalid_form_encoding(request) -> bool:
    """True when a urlencoded body carries bytes that are not valid UTF-8 (Django would
    silently replace them)."""
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    for pair in request.body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return True
    return False


def _consent_text_from_post(request) -> ConsentText | None:
    value = request.POST.get("consent_text", "")
    return ConsentText.objects.filter(pk=int(value)).first() if value.isdigit() else None


def _receipt_json(receipt: dict, withdrawal_code: str = "") -> str:
    """The receipt to download; right after submitting it also carries the withdrawal code, so
    that the participant's own copy is enough to withdraw later."""
    if withdrawal_code:
        receipt = {**receipt, "entendu": {**receipt["entendu"], "withdrawalCode": withdrawal_code}}
    return json.dumps(receipt, ensure_ascii=False, indent=2)


def _receipt_context(request, testimony, *, code="", entered_for_participant=False) -> dict:
    """Every variable the receipt template reads (NOTE: a missing one makes django.template
    log the whole context at DEBUG, code included)."""
    receipt = testimony_receipt(testimony=testimony, request=request)
    return {
        "testimony": testimony,
        "receipt": receipt,
        "receipt_json": _receipt_json(receipt, code),
        "withdrawal_code": code,
        "scope_rows": _scope_rows(testimony),
        "just_submitted": bool(code),
        "entered_for_participant": entered_for_participant,
    }


def _scope_rows(testimony) -> list[dict]:
    return [{"label": s.label, "granted": getattr(testimony, f"scope_{s.value}")} for s in Scope]


# ---------------------------------------------------------------------------------------------
# Participant: consent, story, receipt
# ---------------------------------------------------------------------------------------------


def _story_context(event, consent_text, scopes, story_form, submission_key):
    return {
        "event": event,
        "consent_text": consent_text,
        "scopes": scopes,
        "scope_labels": [Scope(s).label for s in scopes],
        "form": story_form,
        "submission_key": submission_key,
        "show_first_name": Scope.QUOTE_NAMED in scopes,
        "show_contact": Scope.CONTACT in scopes,
        "characteristic_fields": [
            story_form[s.value] for s in CHARACTERISTIC_SCOPES if s.value in scopes
        ],
    }


@public
@never_cache
def submit(request, token: str):
    """The participant's entry point from an event's link or QR code: consent, then story."""
    if request.method not in ("GET", "HEAD", "POST"):
        # NOTE: not @require_http_methods, which would log the path (and so the token).
        return _unlogged(HttpResponseNotAllowed(["GET", "POST"]))
    event = selectors.event_for_submission_token(token=token)
    if event is None:
        # NOTE: if the event closed while someone was writing, give their words back to them.
        unsent = request.POST.get("text", "")[:20_000] if request.method == "POST" else ""
        context = {"unsent_text": unsent}
        return _unlogged(
            _no_store(render(request, "testimonies/link_closed.html", context, status=404))
        )
    step = request.POST.get("step", "consent") if request.method == "POST" else "consent"

    if request.method == "POST" and step == "story":
        consent_text = _consent_text_from_post(request)
        scopes = [s for s in request.POST.getlist("scopes") if s in Scope.values]
        submission_key = request.POST.get("submission_key", "")
        form = StoryForm(request.POST)
        context = _story_context(event, consent_text, scopes, form, submission_key)
        if consent_text is None:
            form.add_error(None, _("The consent text could not be found. Please start again."))
        elif _invalid_form_encoding(request):
            form.add_error(
                "text",
                _("The text contains characters that are not valid Unicode. Please retype them."),
            )
        elif form.is_valid():
            try:
                draft = services.SubmissionDraft(
                    event=event,
                    consent_text=consent_text,
                    scopes=scopes,
                    channel=Channel.ONLINE,
                    participant=request.user,
                    submission_key=submission_key,
                    **form.service_kwargs(),
                )
                submission = services.testimony_create(draft=draft)
            except ApplicationError as error:
                form_add_application_error(form, error, field_prefix="scope_")
            else:
                context = _receipt_context(
                    request, submission.testimony, code=submission.withdrawal_code
                )
                return _no_store(render(request, "testimonies/receipt.html", context))
        return _unlogged(_no_store(render(request, "testimonies/story.html", context, status=400)))

    consent_text = selectors.consent_text_current(language=get_language() or "en")
    if consent_text is None:
        return _unlogged(
            render(request, "testimonies/link_closed.html", {"unsent_text": ""}, status=503)
        )
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            scopes = form.scopes()
            chosen = _consent_text_from_post(request)
            story_form = StoryForm()
            context = _story_context(
                event, chosen or consent_text, scopes, story_form, services.new_submission_key()
            )
            return _no_store(render(request, "testimonies/story.html", context))
        status = 400
    else:
        form = ConsentForm()
        status = 200
    return _unlogged(
        render(
            request,
            "testimonies/consent.html",
            {"event": event, "consent_text": consent_text, "form": form},
            status=status,
        )
    )


@public
def consent_text(request, language: str, version: int):
    """A published consent text version (the receipt's policy URL)."""
    text = get_object_or_404(ConsentText, language=language, version=version)
    return render(request, "testimonies/consent_text.html", {"consent_text": text})


# ---------------------------------------------------------------------------------------------
# Withdrawal
# ---------------------------------------------------------------------------------------------


def _withdraw_choice_page(request, testimony, form, *, code="", action_url=""):
    return _no_store(
        render(
            request,
            "testimonies/withdraw_choose.html",
            {
                "testimony": testimony,
                "form": form,
                "code": code,
                "action_url": action_url,
                "scope_rows": _scope_rows(testimony),
            },
            status=400 if form.is_bound and form.errors else 200,
        )
    )


def _withdraw_apply(request, testimony, form, actor):
    what = form.cleaned_data["what"]
    scopes = None if what == WithdrawChoiceForm.EVERYTHING else form.cleaned_data["scopes"]
    testimony = services.testimony_withdraw(testimony=testimony, scopes=scopes, actor=actor)
    return _no_store(
        render(
            request,
            "testimonies/withdraw_done.html",
            {
                "testimony": testimony,
                "already": False,
                "everything": scopes is None,
                "scope_rows": _scope_rows(testimony),
            },
        )
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request):
    """Withdraw with the code from the receipt: find the story, then choose what to withdraw."""
    if request.method == "GET":
        return render(request, "testimonies/withdraw_code.html", {"form": WithdrawCodeForm()})
    code_form = WithdrawCodeForm(request.POST)
    if not code_form.is_valid():
        return render(request, "testimonies/withdraw_code.html", {"form": code_form}, status=400)
    try:
        testimony = services.testimony_for_withdrawal_code(
            code=code_form.cleaned_data["code"],
            client_key=ratelimit.client_key_for_request(request),
        )
    except ApplicationError as error:
        form_add_application_error(code_form, error, field_prefix="scope_")
        status = 429 if isinstance(error, services.WithdrawalLocked) else 400
        return render(request, "testimonies/withdraw_code.html", {"form": code_form}, status=status)
    code = code_form.cleaned_data["code"].strip()
    if not testimony.is_active:
        return _no_store(
            render(
                request, "testimonies/withdraw_done.html", {"testimony": testimony, "already": True}
            )
        )
    granted = testimony.scopes()
    if request.POST.get("step") != "confirm":
        return _withdraw_choice_page(
            request, testimony, WithdrawChoiceForm(granted=granted), code=code
        )
    form = WithdrawChoiceForm(request.POST, granted=granted)
    if not form.is_valid():
        return _withdraw_choice_page(request, testimony, form, code=code)
    try:
        return _withdraw_apply(request, testimony, form, ConsentChange.Actor.CODE)
    except ApplicationError as error:
        form_add_application_error(form, error, field_prefix="scope_")
        return _withdraw_choice_page(request, testimony, form, code=code)


# ---------------------------------------------------------------------------------------------
# Signed-in participant: receipts, withdrawal, data export
# ---------------------------------------------------------------------------------------------


@roles_required()
def my_receipts(request):
    testimonies = selectors.testimonies_for_participant(user=request.user)
    page = Paginator(testimonies, 25).get_page(request.GET.get("page"))
    return render(request, "testimonies/my_receipts.html", {"page": page})


def _own(request, public_id) -> Testimony:
    return get_object_or_404(
        selectors.testimonies_for_participant(user=request.user), public_id=public_id
    )


@roles_required()
def my_receipt(request, public_id):
    testimony = _own(request, public_id)
    context = _receipt_context(request, testimony)
    return _no_store(render(request, "testimonies/receipt.html", context))


@roles_required()
def my_receipt_json(request, public_id):
    testimony = _own(request, public_id)
    response = JsonResponse(
        testimony_receipt(testimony=testimony, request=request),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="receipt-{testimony.public_id}.json"'
    return _no_store(response)


@roles_required()
@require_http_methods(["GET", "POST"])
def my_withdraw(request, public_id):
    testimony = _own(request, public_id)
    if not testimony.is_active:
        raise Http404
    granted = testimony.scopes()
    if request.method == "GET":
        return _withdraw_choice_page(request, testimony, WithdrawChoiceForm(granted=granted))
    form = WithdrawChoiceForm(request.POST, granted=granted)
    if not form.is_valid():
        return _withdraw_choice_page(request, testimony, form)
    try:
        return _withdraw_apply(request, testimony, form, ConsentChange.Actor.PARTICIPANT)
    except ApplicationError as error:
        form_add_application_error(form, error, field_prefix="scope_")
        return _withdraw_choice_page(request, testimony, form)


@roles_required()
def my_data(request):
    """Everything we hold about the signed-in person, as one JSON download."""
    response = StreamingHttpResponse(
        participant_data_export(user=request.user, request=request),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="entendu-my-data.json"'
    return _no_store(response)


# ---------------------------------------------------------------------------------------------
# Researchers: redacted research copies only
# ---------------------------------------------------------------------------------------------


@roles_required(*RESEARCH_ROLES)
def research_list(request):
    copies = selectors.research_copies_for_user(user=request.user)
    event_slug = request.GET.get("event", "")
    if event_slug:
        copies = copies.filter(testimony__event__slug=event_slug)
    page = Paginator(copies, 25).get_page(request.GET.get("page"))
    return render(
        request, "testimonies/research_list.html", {"page": page, "event_slug": event_slug}
    )


@roles_required(*RESEARCH_ROLES)
def research_detail(request, public_id):
    copy = get_object_or_404(
        selectors.research_copies_for_user(user=request.user), testimony__public_id=public_id
    )
    can_read_original = request.user.has_perm("testimonies.view_original_text")
    return render(
        request,
        "testimonies/research_detail.html",
        {"copy": copy, "testimony": copy.testimony, "can_read_original": can_read_original},
    )


@roles_required(*RESEARCH_ROLES, Role.FACILITATOR)
def original_text(request, public_id):
    """The original text: only with the explicit grant (or one's own facilitator entry); logged."""
    testimony = get_object_or_404(
        Testimony.objects.select_related("event"),
        public_id=public_id,
        status=Testimony.Status.ACTIVE,
    )
    testimony = services.testimony_original_text_read(user=request.user, testimony=testimony)
    return _no_store(render(request, "testimonies/original_text.html", {"testimony": testimony}))


# ---------------------------------------------------------------------------------------------
# Facilitators: counts, entry on a participant's behalf, import
# ---------------------------------------------------------------------------------------------


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
    consent_text = selectors.consent_text_current(language=get_language() or "en")
    if request.method == "POST":
        form = FacilitatorEntryForm(request.POST)
        chosen = _consent_text_from_post(request)
        if _invalid_form_encoding(request):
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
                context = _receipt_context(
                    request,
                    submission.testimony,
                    code=submission.withdrawal_code,
                    entered_for_participant=True,
                )
                return _no_store(render(request, "testimonies/receipt.html", context))
        status = 400
    else:
        form = FacilitatorEntryForm()
        status = 200
    return _no_store(
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
            },
            status=status,
        )
    )


@roles_required(*FACILITATOR_ROLES)
@require_http_methods(["GET", "POST"])
def facilitator_import(request, event_id):
    event = _facilitated_event(request, event_id)
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = importers.import_file(
                    event=event, upload=form.cleaned_data["file"], user=request.user
                )
            except ApplicationError as error:
                form.add_error("file", error.message)
            else:
                if report.saved:
                    messages.success(request, _("%(n)s stories imported.") % {"n": report.saved})
    else:
        form = ImportForm()
    return render(
        request,
        "testimonies/facilitator_import.html",
        {"event": event, "form": form, "report": report, "columns": importers.COLUMNS},
        status=400 if form.is_bound and form.errors else 200,
    )


@roles_required(*FACILITATOR_ROLES)
def facilitator_import_template(request):
    """An example CSV with every column, for survey tools to map to."""
    response = HttpResponse(importers.example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="entendu-import-template.csv"'
    return response


# ---------------------------------------------------------------------------------------------
# Administrators: consent text versions, and the log of reads of original texts
# ---------------------------------------------------------------------------------------------


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def consent_text_admin(request):
    """Every version per language; publish a new version (the only way to change a used one)."""
    if request.method == "POST":
        form = ConsentTextForm(request.POST)
        if form.is_valid():
            try:
                text = services.consent_text_create(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(form, error, field_prefix="scope_")
            else:
                messages.success(
                    request,
                    _("Version %(version)s (%(language)s) is published.")
                    % {"version": text.version, "language": text.language},
                )
                return redirect("testimonies:consent_text_admin")
    else:
        form = ConsentTextForm(initial={"language": get_language() or "en"})
    texts = selectors.consent_texts_with_use()
    return render(
        request,
        "testimonies/consent_text_admin.html",
        {"form": form, "texts": texts},
        status=400 if form.is_bound and form.errors else 200,
    )


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def consent_text_edit(request, pk):
    """Correct a version nobody has agreed to yet; a used version is shown read-only."""
    text = get_object_or_404(ConsentText, pk=pk)
    used = selectors.consent_text_is_used(consent_text=text)
    if request.method == "POST" and not used:
        form = ConsentTextForm(request.POST)
        if form.is_valid():
            try:
                services.consent_text_update(
                    consent_text=text,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ApplicationError as error:
                form_add_application_error(form, error, field_prefix="scope_")
            else:
                messages.success(request, _("The consent text is corrected."))
                return redirect("testimonies:consent_text_admin")
    elif request.method == "POST":
        # The template says why: a used version is read-only.
        return render(
            request,
            "testimonies/consent_text_edit.html",
            {"form": None, "text": text, "used": used, "refused": True},
            status=409,
        )
    else:
        form = ConsentTextForm(
            initial={"language": text.language, "title": text.title, "body": text.body}
        )
    form.fields["language"].disabled = True
    return render(
        request,
        "testimonies/consent_text_edit.html",
        {"form": form, "text": text, "used": used, "refused": False},
        status=400 if form.is_bound and form.errors else 200,
    )


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def original_text_audit(request):
    """Who holds the explicit grant to read original texts, and who read which one, when
    (never the text itself). Admins grant and revoke here."""
    form = GrantForm()
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            holder = get_object_or_404(
                selectors.original_text_grant_holders(), pk=request.POST.get("user", "0") or 0
            )
            services.original_text_revoke(user=holder)
            messages.success(request, _("The grant is revoked."))
            return redirect("testimonies:original_text_audit")
        form = GrantForm(request.POST)
        if form.is_valid():
            try:
                services.original_text_grant(email=form.cleaned_data["email"])
            except ApplicationError as error:
                form_add_application_error(form, error, field_prefix="scope_")
            else:
                messages.success(request, _("The grant is given."))
                return redirect("testimonies:original_text_audit")
    accesses = selectors.original_text_accesses()
    page = Paginator(accesses, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "testimonies/original_text_audit.html",
        {"page": page, "form": form, "holders": selectors.original_text_grant_holders()},
        status=400 if form.is_bound and form.errors else 200,
    )
