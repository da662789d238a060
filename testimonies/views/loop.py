"""Closing the loop (issue 20): "What happened to my story" (with the withdrawal code, or signed
in), one-click unsubscribe, a researcher's quote request, a facilitator's quotes for a
commitment. Thin: forms check the input, services write, selectors read."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import languages
from core.access import public, roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from events import selectors as events_selectors
from testimonies import ratelimit, selectors, selectors_loop, services
from testimonies.forms import WithdrawCodeForm
from testimonies.forms_loop import (
    CommitmentQuotesForm,
    FollowUpForm,
    OwnReadingForm,
    QuoteAnswerForm,
    QuoteRequestForm,
)
from testimonies.models import ConsentChange
from testimonies.views.common import FACILITATOR_ROLES, RESEARCH_ROLES, no_store, own_testimony
from testimonies.views.languages import is_switch, render_in_language

ACTIONS = ("answer", "follow_up", "own_reading")


def _forms(testimony, page, data=None, action=""):
    """The page's three forms; the one just posted is bound to its data."""
    reading = page.own_reading
    follow = page.follow_up
    return {
        "follow_up_form": FollowUpForm(
            data if action == "follow_up" else None,
            initial={
                "commitments": bool(follow and follow.commitments),
                "quote_requests": bool(follow and follow.quote_requests),
            },
        ),
        "own_reading_form": OwnReadingForm(
            data if action == "own_reading" else None,
            theme_labels=selectors_loop.theme_labels(),
            initial={
                "themes": reading.themes if reading else [],
                "trust_change": reading.trust_change if reading else "",
                "what_should_change": reading.what_should_change if reading else "",
            },
        ),
        # With the person's own answers or errors: rendered afresh, never the kept copy.
        "own_reading_kept": (),
    }


def _apply(request, testimony, action, actor, forms):
    """Run the posted action; on bad input the form shows why and nothing changes."""
    data = request.POST
    try:
        if action == "answer":
            answer = QuoteAnswerForm(data)
            if not answer.is_valid():
                raise ApplicationError(_("Choose to approve or decline the quote."))
            services.quote_request_answer(
                testimony=testimony,
                quote_id=answer.cleaned_data["quote"],
                approve=answer.cleaned_data["answer"] == "approve",
                actor=actor,
            )
            return _("Thank you: your answer is saved.")
        form = forms[f"{action}_form"]
        if not form.is_valid():
            return None
        if action == "follow_up":
            services.follow_up_set(
                testimony=testimony, language=translation.get_language(), **form.cleaned_data
            )
        else:
            services.own_reading_save(testimony=testimony, **form.cleaned_data)
        return _("Thank you: your choice is saved.")
    except ApplicationError as error:
        if action == "answer":
            messages.error(request, error.message)
        else:
            form_add_application_error(forms[f"{action}_form"], error)
        return None


def _story_page(request, testimony, *, actor, code="", switcher=None):
    page = selectors_loop.story_page(testimony=testimony)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    action = action if action in ACTIONS and not is_switch(request) else ""
    forms = _forms(testimony, page, request.POST, action)
    status = 200
    if action:
        done = _apply(request, testimony, action, actor, forms)
        if done:
            messages.success(request, done)
            page = selectors_loop.story_page(testimony=testimony)
            forms = _forms(testimony, page)
        else:
            status = 400
    context = {
        "page": page,
        "testimony": testimony,
        "code": code,
        "switcher": switcher,
        "can_follow_up": testimony.scope_contact,
        **forms,
    }
    return no_store(render(request, "testimonies/my_story.html", context, status=status))


def _code_page(request, form, switcher, status=200):
    context = {"form": form, "switcher": switcher}
    return no_store(render(request, "testimonies/my_story_code.html", context, status=status))


@public
@never_cache
@require_http_methods(["GET", "POST"])
def my_story(request):
    """What happened to my story: the withdrawal code (the only secret) opens the page; every
    later POST of the page carries it again (never in the address)."""
    return render_in_language(
        request,
        offered=languages.interface_codes(),
        build=lambda switcher: _my_story(request, switcher),
    )


def _my_story(request, switcher):
    if request.method == "GET":
        return _code_page(request, WithdrawCodeForm(), switcher)
    code_form = WithdrawCodeForm(request.POST)
    if not code_form.is_valid():
        return _code_page(request, code_form, switcher, status=400)
    try:
        testimony = services.testimony_for_withdrawal_code(
            code=code_form.cleaned_data["code"],
            client_key=ratelimit.client_key_for_request(request),
        )
    except ApplicationError as error:
        form_add_application_error(code_form, error)
        status = 429 if isinstance(error, services.WithdrawalLocked) else 400
        return _code_page(request, code_form, switcher, status=status)
    code = code_form.cleaned_data["code"].strip()
    return _story_page(
        request, testimony, actor=ConsentChange.Actor.CODE, code=code, switcher=switcher
    )


@roles_required()
@require_http_methods(["GET", "POST"])
def my_story_signed_in(request, public_id):
    testimony = own_testimony(request, public_id)
    return _story_page(request, testimony, actor=ConsentChange.Actor.PARTICIPANT)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click (RFC 8058 posts here): the follow-up choice is removed. GET asks first, so a
    link scanner opening the address changes nothing."""
    if request.method == "GET":
        response = render(request, "testimonies/unsubscribe.html", {"done": False})
    else:
        found = services.follow_up_unsubscribe(token=token)
        response = render(request, "testimonies/unsubscribe.html", {"done": True, "found": found})
    response._has_been_logged = True  # SECURITY: the path carries the token
    return no_store(response)


@roles_required(*RESEARCH_ROLES)
@require_http_methods(["GET", "POST"])
def quote_request(request, public_id):
    """A researcher asks to quote one passage of a story for a named purpose."""
    copy = get_object_or_404(
        selectors.research_copies_for_user(user=request.user), testimony__public_id=public_id
    )
    if request.method == "GET":
        form = QuoteRequestForm(initial={k: request.GET.get(k) for k in ("start", "end")})
    else:
        form = QuoteRequestForm(request.POST)
        if form.is_valid():
            try:
                services.quote_request_create(
                    user=request.user, public_id=public_id, **form.cleaned_data
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("The quote request is saved."))
                return redirect(reverse("testimonies:quote_request", args=[public_id]))
    context = {
        "copy": copy,
        "form": form,
        "requests": selectors_loop.quote_requests_for_story(testimony=copy.testimony),
    }
    status = 400 if form.is_bound else 200
    return no_store(render(request, "testimonies/quote_request.html", context, status=status))


@roles_required(*FACILITATOR_ROLES)
@require_http_methods(["GET", "POST"])
def commitment_quotes(request, event_id, pk):
    """A facilitator ties a commitment of their event to approved anonymous quotes."""
    events = events_selectors.event_editable_for_user(user=request.user)
    event = get_object_or_404(events, pk=event_id)
    commitment = get_object_or_404(event.commitments.all(), pk=pk)
    quotes = list(selectors_loop.approved_anonymous_quotes_for_event(event=event))
    linked = [str(q) for q in commitment.quote_links.values_list("quote_id", flat=True)]
    form = CommitmentQuotesForm(
        request.POST if request.method == "POST" else None,
        quotes=quotes,
        initial={"quotes": linked},
    )
    if form.is_bound and form.is_valid():
        try:
            services.commitment_quotes_set(
                user=request.user, commitment=commitment, quote_ids=form.cleaned_data["quotes"]
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The quotes shown with this commitment are saved."))
            return redirect(reverse("testimonies:commitment_quotes", args=[event.pk, pk]))
    context = {"event": event, "commitment": commitment, "form": form, "quotes": quotes}
    status = 400 if form.is_bound else 200
    return render(request, "testimonies/commitment_quotes.html", context, status=status)
