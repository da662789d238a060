"""The participant flow from an event's link: consent, story, receipt."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.access import public
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from testimonies import ratelimit, selectors, services
from testimonies.forms import STORY_PROMPTS, ConsentForm, StoryForm
from testimonies.models import (
    CHARACTERISTIC_SCOPES,
    TEXT_MAX_LENGTH,
    Channel,
    ConsentText,
    Scope,
)
from testimonies.views.common import (
    consent_text_from_post,
    invalid_form_encoding,
    no_store,
    receipt_context,
    unlogged,
)
from testimonies.views.languages import (
    event_languages,
    initial_from_post,
    is_switch,
    render_in_language,
)


def _story_context(event, consent_text, scopes, story_form, submission_key, switcher):
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
        "switcher": switcher,
        # An empty form renders the same for everyone (language, choices): kept rendered.
        "fields_cacheable": not story_form.is_bound and not story_form.initial,
        "story_prompts": STORY_PROMPTS,
        "text_max_length": TEXT_MAX_LENGTH,
    }


@public
@never_cache
def submit(request, token: str):
    """The participant's entry point from an event's link or QR code: consent, then story, in
    the language the person asks for among the event's (views/languages.py)."""
    if request.method not in ("GET", "HEAD", "POST"):
        # NOTE: not @require_http_methods, which would log the path (and so the token).
        return unlogged(HttpResponseNotAllowed(["GET", "POST"]))
    event = selectors.event_for_submission_token(token=token)
    if event is None:
        return _link_closed(request)
    offered, fallback = event_languages(event)
    return render_in_language(
        request,
        offered=offered,
        fallback=fallback,
        build=lambda switcher: _step(request, event, switcher),
    )


def _step(request, event, switcher):
    step = request.POST.get("step", "consent") if request.method == "POST" else "consent"
    if step == "receipt" and is_switch(request):
        return _receipt_again(request, switcher)
    if step == "story":
        return _story_step(request, event, switcher)
    return _consent_step(request, event, switcher)


def _link_closed(request):
    # NOTE: if the event closed while someone was writing, give their words back to them.
    unsent = request.POST.get("text", "")[:20_000] if request.method == "POST" else ""
    context = {"unsent_text": unsent}
    return unlogged(no_store(render(request, "testimonies/link_closed.html", context, status=404)))


def _story_step(request, event, switcher):
    """The story, posted: store it and show the receipt, or show the form again (400). A
    language switch shows it again as typed, in the new language, and saves nothing."""
    # NOTE: the consent text stays the one shown when the person consented, whatever the page's
    # language now: consent is recorded in the language it was given in.
    consent_text = consent_text_from_post(request)
    scopes = [s for s in request.POST.getlist("scopes") if s in Scope.values]
    submission_key = request.POST.get("submission_key", "")
    if is_switch(request):
        form = StoryForm(initial=initial_from_post(StoryForm(), request.POST))
        context = _story_context(event, consent_text, scopes, form, submission_key, switcher)
        return unlogged(no_store(render(request, "testimonies/story.html", context)))
    form = StoryForm(request.POST)
    context = _story_context(event, consent_text, scopes, form, submission_key, switcher)
    if consent_text is None:
        form.add_error(None, _("The consent text could not be found. Please start again."))
    elif invalid_form_encoding(request):
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
            context = receipt_context(
                request,
                submission.testimony,
                code=submission.withdrawal_code,
                just_saved=submission.created,
            )
            return no_store(
                render(request, "testimonies/receipt.html", context | {"switcher": switcher})
            )
    return unlogged(no_store(render(request, "testimonies/story.html", context, status=400)))


def _receipt_again(request, switcher):
    """The receipt just shown, in another language: found again by its withdrawal code (which
    the page carries anyway), with the same rate limit as the withdrawal page."""
    try:
        testimony = services.testimony_for_withdrawal_code(
            code=request.POST.get("code", ""),
            client_key=ratelimit.client_key_for_request(request),
        )
    except ApplicationError:
        return _link_closed(request)
    code = request.POST.get("code", "").strip()
    context = receipt_context(request, testimony, code=code) | {"switcher": switcher}
    return no_store(render(request, "testimonies/receipt.html", context))


def _consent_step(request, event, switcher):
    """The consent page in the page's language; once its form is valid, the story form with the
    scopes chosen. A language switch shows the page again with the same boxes ticked."""
    if request.method == "POST" and not is_switch(request):
        form = ConsentForm(request.POST)
        if form.is_valid():
            # NOTE: the version the person read (the page's hidden field); the current one
            # only when that is missing, so a valid consent costs one lookup, not two.
            chosen = consent_text_from_post(request) or _current_consent_text()
            if chosen is None:
                return _no_consent_text(request)
            context = _story_context(
                event, chosen, form.scopes(), StoryForm(), services.new_submission_key(), switcher
            )
            return no_store(render(request, "testimonies/story.html", context))
        status = 400
    else:
        status = 200
        form = (
            ConsentForm(initial=initial_from_post(ConsentForm(), request.POST))
            if is_switch(request)
            else ConsentForm()
        )
    consent_text = _current_consent_text()
    if consent_text is None:
        return _no_consent_text(request)
    context = {
        "event": event,
        "consent_text": consent_text,
        "form": form,
        "switcher": switcher,
        # The empty choices render the same for everyone in a language: kept rendered.
        "choices_cacheable": not form.is_bound and not form.initial,
    }
    return unlogged(render(request, "testimonies/consent.html", context, status=status))


def _current_consent_text():
    return selectors.consent_text_current(language=get_language() or "en")


def _no_consent_text(request):
    return unlogged(
        render(request, "testimonies/link_closed.html", {"unsent_text": ""}, status=503)
    )


@public
def consent_text(request, language: str, version: int):
    """A published consent text version (the receipt's policy URL)."""
    text = get_object_or_404(ConsentText, language=language, version=version)
    return render(request, "testimonies/consent_text.html", {"consent_text": text})
