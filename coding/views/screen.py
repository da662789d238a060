"""The coding screen's page and the parts of it a script refreshes in place (issue 18).

The page (``story``) and its parts (``story_parts``: the text with its marks, the suggestions,
the codes on the story, the memos) come from the same context, so a part refreshed after an
action through the API is exactly what a reload would show.
"""

from django.shortcuts import render
from django.urls import reverse

from audit.models import Action
from audit.services import audit_record
from coding import rendering, selectors, services
from coding.confidence import confidence_band, confidence_words
from coding.forms import ApplyForm, MemoForm
from coding.models import CodeApplication
from coding.views.common import (
    CODERS,
    codebook_for_request,
    codebooks_for_request,
    is_blind,
    passage_param,
    story_copy,
)
from core.access import roles_required
from core.validation import parse_positive_int
from testimonies.selectors import own_reading_for_research


def suggestion_items(user, copy, codebook, applications=None) -> list:
    """The suggestions on offer on this story, each with its passage, words for its
    confidence and the scope accepting takes by default; from ``applications`` (all the
    story's in this codebook) when the caller has read them already."""
    text = copy.redacted_text
    if applications is not None:
        items = selectors.story_suggestions_among(user=user, applications=applications)
    else:
        items = selectors.story_suggestions(
            user=user, testimony_id=copy.testimony_id, codebook=codebook, copy=copy
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


def parts_context(request, copy, codebook, passage=None, back=None) -> dict:
    """What changes when a code is applied, removed, accepted or rejected, or a memo written:
    the marked text, the suggestions, the codes on the story and the memos. Their forms go
    back to ``back`` without a script (default: the page asked for)."""
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
    suggestions = suggestion_items(user, copy, codebook, applications)
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
    return {
        "copy": copy,
        "testimony": copy.testimony,
        "codebook": codebook,
        "blind": blind,
        "back_url": back or request.get_full_path(),
        "text_html": rendering.render_segments_at(segments, hidden, passage),
        "text_length": len(text),
        "document_apps": rendering.render_application_items(
            request, [a for a in shown if a.start is None], back
        ),
        "span_apps": rendering.render_application_items(
            request, [a for a in shown if a.start is not None], back
        ),
        "suggestions": suggestions,
        "suggestions_on": selectors.suggestions_enabled(),
        "reviewed_count": len(reviewed),
        "memos": selectors.story_memos(user=user, testimony_id=copy.testimony_id, copy=copy),
        "hidden_count": sum(
            1 for a in applications if a.source == CodeApplication.Source.HUMAN and a.id in hidden
        ),
    }


def story_context(request, copy, codebook, apply_form=None, memo_form=None, passage=None):
    """The whole coding screen: its parts, the palette, the toolbar and the side panels."""
    user = request.user
    completions = list(copy.testimony.coding_completions.values_list("coder_id", flat=True))
    return {
        **parts_context(request, copy, codebook, passage=passage),
        "codebooks": codebooks_for_request(request),
        "palette": selectors.coding_palette(user=user, codebook=codebook),
        "sentences": selectors.sentence_spans(copy.redacted_text),
        "done": user.id in completions,
        # The participant's own reading (issue 20), once this coder has finished the story, so
        # that it never steers the coding it is compared with.
        "own_reading": (
            own_reading_for_research(testimony=copy.testimony) if user.id in completions else None
        ),
        "next_story": selectors.next_story_id(
            user=user, after_testimony_id=copy.testimony_id, copy=copy
        ),
        "completion_count": len(completions),
        "apply_form": apply_form or ApplyForm(codebook=codebook),
        "memo_form": memo_form or MemoForm(prefix="memo"),
        "similar": selectors.similar_stories_for_coding(user=user, testimony_id=copy.testimony_id),
    }


# The stories whose reading this session has recorded in the audit log (the last few).
READ_SESSION_KEY = "coding_read"
READ_REMEMBERED = 50


def _record_read(request, copy, via: str) -> None:
    audit_record(action=Action.RESEARCH_COPY_READ, target=copy.testimony, details={"via": via})
    read = [i for i in request.session.get(READ_SESSION_KEY, []) if i != copy.testimony_id]
    request.session[READ_SESSION_KEY] = [copy.testimony_id, *read][:READ_REMEMBERED]


@roles_required(*CODERS)
def story(request, testimony_id: int):
    copy = story_copy(request, testimony_id)
    _record_read(request, copy, "coding")
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
        story_context(request, copy, codebook, apply_form=form, passage=passage),
    )


@roles_required(*CODERS)
def story_parts(request, testimony_id: int):
    """The parts of the coding screen an action changes (``coding/_parts.html``), for the
    page's script to put in place after a call to the API: same access as the page."""
    copy = story_copy(request, testimony_id)
    # NOTE: the page recorded this session's reading of the story; the parts it refreshes after
    # each action are that same reading (a record each would be one per code applied). A
    # session that has not opened the page (a script calling the parts alone) is recorded.
    if testimony_id not in request.session.get(READ_SESSION_KEY, []):
        _record_read(request, copy, "coding-parts")
    codebook = codebook_for_request(request)
    back = f"{reverse('coding:story', args=[testimony_id])}?codebook={codebook.slug}"
    return render(request, "coding/_parts.html", parts_context(request, copy, codebook, back=back))
