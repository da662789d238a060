"""The coding screen: one story, its codes, suggestions and the coder's own marks."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from coding import rendering, selectors, services
from coding.confidence import confidence_band, confidence_words
from coding.forms import ApplyForm, CommentForm, MemoForm, SuggestionAcceptForm
from coding.models import CodeApplication
from coding.views.common import (
    BLIND_SESSION_KEY,
    CODERS,
    codebook_for_request,
    is_blind,
    passage_param,
    safe_next,
    story_copy,
)
from core.access import roles_required
from core.form_views import form_submit, post_action
from core.validation import parse_positive_int
from testimonies.selectors import own_reading_for_research


def suggestion_items(user, copy, codebook) -> list:
    """The suggestions on offer on this story, each with its passage, words for its
    confidence and the scope accepting takes by default."""
    text = copy.redacted_text
    items = selectors.story_suggestions(
        user=user, testimony_id=copy.testimony_id, codebook=codebook
    )
    for s in items:
        s.passage = services.suggestion_passage(s)
        if s.passage is not None and s.passage[1] > len(text):
            s.passage = None
        s.quote = text[s.passage[0] : s.passage[1]] if s.passage else ""
        s.default_scope = services.SCOPE_PASSAGE if s.passage else services.SCOPE_STORY
        s.band = confidence_band(s.confidence, s.model_version)
        s.band_words = confidence_words(s.confidence, s.model_version)
    return items


def _story_context(request, copy, codebook, apply_form=None, memo_form=None, passage=None):
    # NOTE: one long function on purpose: it sorts the story's applications once into what
    # this coder sees, the machine's suggestions and what blind mode hides, for one template.
    user = request.user
    blind = is_blind(request)
    text = copy.redacted_text
    applications = list(
        selectors.story_applications(testimony_id=copy.testimony_id, codebook=codebook)
    )
    shown, reviewed = [], []
    for app in applications:
        if app.source == CodeApplication.Source.MACHINE:
            if app.status != CodeApplication.Status.SUGGESTED:
                reviewed.append(app)
        elif not blind or app.coder_id == user.id:
            shown.append(app)
    suggestions = suggestion_items(user, copy, codebook)
    for app in shown:
        app.quote = text[app.start : app.end] if app.start is not None else ""
        app.mine = app.coder_id == user.id
    shown_ids = {a.id for a in shown}
    hidden = {a.id for a in applications if a.id not in shown_ids}
    span_apps = [a for a in applications if a.start is not None and a.id not in hidden]
    evidence = [
        rendering.Evidence(s.id, *s.passage, s.code) for s in suggestions if s.passage is not None
    ]
    segments = selectors.text_segments(text, span_apps + evidence, cuts=passage or ())
    memos = list(selectors.memos_for_user(user=user).filter(testimony_id=copy.testimony_id))
    tree = selectors.codebook_tree(codebook=codebook)
    completions = list(copy.testimony.coding_completions.values_list("coder_id", flat=True))
    return {
        "copy": copy,
        "testimony": copy.testimony,
        "codebook": codebook,
        "codebooks": selectors.codebooks_for_user(user=user),
        "tree": tree,
        "text_html": rendering.render_segments_at(segments, hidden, passage),
        "text_length": len(text),
        "sentences": selectors.sentence_spans(text),
        "document_apps": rendering.render_application_items(
            request, [a for a in shown if a.start is None]
        ),
        "span_apps": rendering.render_application_items(
            request, [a for a in shown if a.start is not None]
        ),
        "suggestions": suggestions,
        "suggestions_on": selectors.suggestions_enabled(),
        "reviewed_count": len(reviewed),
        "memos": memos,
        "blind": blind,
        "hidden_count": sum(
            1 for a in applications if a.source == CodeApplication.Source.HUMAN and a.id in hidden
        ),
        "done": user.id in completions,
        # The participant's own reading (issue 20), once this coder has finished the story, so
        # that it never steers the coding it is compared with.
        "own_reading": (
            own_reading_for_research(testimony=copy.testimony) if user.id in completions else None
        ),
        "next_story": selectors.next_story_id(user=user, after_testimony_id=copy.testimony_id),
        "completion_count": len(completions),
        "apply_form": apply_form or ApplyForm(codebook=codebook),
        "memo_form": memo_form or MemoForm(prefix="memo"),
        "similar": selectors.similar_stories_for_coding(user=user, testimony_id=copy.testimony_id),
    }


@roles_required(*CODERS)
def story(request, testimony_id: int):
    copy = story_copy(request, testimony_id)
    audit_record(action=Action.RESEARCH_COPY_READ, target=copy.testimony, details={"via": "coding"})
    codebook = codebook_for_request(request)
    start = parse_positive_int(request.GET.get("start", ""), minimum=0)
    end = parse_positive_int(request.GET.get("end", ""), minimum=0)
    if request.GET.get("fragment") == "suggestions":
        # The suggestions panel alone, for the page's script to refresh it in place.
        return render(
            request,
            "coding/_suggestions.html",
            {
                "testimony": copy.testimony,
                "codebook": codebook,
                "suggestions": suggestion_items(request.user, copy, codebook),
                "suggestions_on": selectors.suggestions_enabled(),
            },
        )
    form = None
    if start is not None and end is not None:
        form = ApplyForm(codebook=codebook, initial={"start": start, "end": end})
    # Where a search hit or a quote led (?at=start-end); a bad value is ignored.
    passage = passage_param(request.GET.get("at"), len(copy.redacted_text))
    return render(
        request,
        "coding/story.html",
        _story_context(request, copy, codebook, apply_form=form, passage=passage),
    )


@roles_required(*CODERS)
@require_POST
def apply(request, testimony_id: int):
    copy = story_copy(request, testimony_id)
    codebook = codebook_for_request(request)
    form = ApplyForm(request.POST, codebook=codebook)

    def create(form):
        data = form.cleaned_data
        span = data["scope"] == "span"
        return services.application_create(
            testimony=copy.testimony,
            code=data["code"],
            coder=request.user,
            start=data["start"] if span else None,
            end=data["end"] if span else None,
            comment=data["comment"],
        )

    def back_to_story(_application):
        data = form.cleaned_data
        url = reverse("coding:story", args=[testimony_id])
        keep = f"&start={data['start']}&end={data['end']}" if data["scope"] == "span" else ""
        # NOTE: the passage stays selected, so a second code is one key press away.
        return f"{url}?codebook={codebook.slug}{keep}#coding-tools"

    return form_submit(
        request,
        form,
        action=create,
        success_message=lambda _app: (
            _("Applied “%(code)s”.") % {"code": form.cleaned_data["code"].label}
        ),
        success_url=back_to_story,
        template="coding/story.html",
        context=lambda: _story_context(request, copy, codebook, apply_form=form),
        form_key=None,
        invalid_status=400,
    )


@roles_required(*CODERS)
@require_POST
def blind(request, testimony_id: int | None = None):
    """Turn blind coding on or off (the session's mode, for every coding page)."""
    request.session[BLIND_SESSION_KEY] = request.POST.get("blind") == "on"
    default = (
        reverse("coding:story", args=[testimony_id])
        if testimony_id is not None
        else reverse("coding:queue")
    )
    return redirect(safe_next(request, default))


@roles_required(*CODERS)
@require_POST
def complete(request, testimony_id: int):
    copy = story_copy(request, testimony_id)
    done = request.POST.get("done") != "off"
    services.coding_complete(testimony=copy.testimony, coder=request.user, done=done)
    messages.success(request, _("Marked as coded.") if done else _("Marked as not finished."))
    return redirect(safe_next(request, reverse("coding:story", args=[testimony_id])))


def _application(request, pk: int) -> CodeApplication:
    return get_object_or_404(selectors.applications_for_user(user=request.user), pk=pk)


def _back_to_story(request, testimony_id: int) -> str:
    return safe_next(request, reverse("coding:story", args=[testimony_id]))


@roles_required(*CODERS)
@require_POST
def application_delete(request, pk: int):
    app = _application(request, pk)
    return post_action(
        request,
        action=lambda: services.application_delete(application=app, user=request.user),
        success_message=_("Removed “%(code)s”.") % {"code": app.code.label},
        redirect_to=_back_to_story(request, app.testimony_id),
    )


@roles_required(*CODERS)
@require_POST
def application_comment(request, pk: int):
    app = _application(request, pk)
    form = CommentForm(request.POST, instance=app)
    return post_action(
        request,
        form=form,
        invalid_message=_("The comment is too long."),
        action=lambda: services.application_update(
            application=app, user=request.user, comment=form.cleaned_data["comment"]
        ),
        success_message=_("Comment saved."),
        redirect_to=_back_to_story(request, app.testimony_id),
    )


@roles_required(*CODERS)
@require_POST
def suggestion_review(request, pk: int, decision: str):
    suggestion = get_object_or_404(selectors.suggestions_for_user(user=request.user), pk=pk)
    back = _back_to_story(request, suggestion.testimony_id)
    if decision != "accept":
        return post_action(
            request,
            action=lambda: services.suggestion_reject(suggestion=suggestion, user=request.user),
            success_message=_("Suggestion rejected."),
            redirect_to=back,
        )
    form = SuggestionAcceptForm(request.POST)
    return post_action(
        request,
        form=form,
        invalid_message=_("Choose the passage or the whole story."),
        action=lambda: services.suggestion_accept(
            suggestion=suggestion, user=request.user, scope=form.cleaned_data["scope"] or None
        ),
        success_message=_("Suggestion accepted: the code is now yours."),
        redirect_to=back,
    )
