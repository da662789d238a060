"""The coding screen: one story, its codes, suggestions and the coder's own marks."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coding import selectors, services
from coding.forms import ApplyForm, CommentForm, SuggestionAcceptForm
from coding.models import CodeApplication
from coding.views.common import (
    BLIND_SESSION_KEY,
    CODERS,
    codebook_for_request,
    safe_next,
    story_copy,
)
from coding.views.screen import story_context
from core.access import roles_required
from core.form_views import form_submit, post_action


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
        context=lambda: story_context(request, copy, codebook, apply_form=form),
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
