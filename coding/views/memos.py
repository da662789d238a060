"""Memos: a researcher's notes on a code, a story or the project."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coding import selectors, services
from coding.forms import MemoForm
from coding.models import Memo
from coding.views.common import CODERS, safe_next, story_copy
from core.access import roles_required
from core.form_views import form_submit, post_action
from core.validation import parse_positive_int


@roles_required(*CODERS)
def memos(request):
    kind = request.GET.get("kind", "")
    qs = selectors.memos_for_user(user=request.user)
    if kind in Memo.Kind.values:
        qs = qs.filter(kind=kind)
    form = MemoForm(prefix="memo")
    return render(
        request,
        "coding/memos.html",
        {
            "page": Paginator(qs, 25).get_page(request.GET.get("page")),
            "kind": kind,
            "kinds": Memo.Kind.choices,
            "memo_form": form,
        },
    )


def _posted_id(request, name: str) -> int | None:
    value = request.POST.get(name, "")
    if not value:
        return None
    number = parse_positive_int(value)
    if number is None:
        raise Http404
    return number


@roles_required(*CODERS)
@require_POST
def memo_create(request):
    form = MemoForm(request.POST, prefix="memo")
    code = testimony = None
    if (code_id := _posted_id(request, "code")) is not None:
        code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=code_id)
    if (testimony_id := _posted_id(request, "testimony")) is not None:
        testimony = story_copy(request, testimony_id).testimony
    return post_action(
        request,
        form=form,
        invalid_message=_("A memo needs a title and a text."),
        action=lambda: services.memo_create(
            author=request.user, code=code, testimony=testimony, **form.cleaned_data
        ),
        success_message=_("Memo saved."),
        redirect_to=safe_next(request, reverse("coding:memos")),
    )


def _memo(request, pk: int) -> Memo:
    return get_object_or_404(selectors.memos_for_user(user=request.user), pk=pk)


@roles_required(*CODERS)
def memo_edit(request, pk: int):
    memo = _memo(request, pk)
    if memo.author_id != request.user.id:
        raise PermissionDenied
    return form_submit(
        request,
        MemoForm(request.POST or None, instance=memo),
        action=lambda form: services.memo_update(memo=memo, user=request.user, **form.cleaned_data),
        success_message=_("Memo saved."),
        success_url="coding:memos",
        template="coding/form.html",
        context={
            "title": _("Edit the memo"),
            "submit": _("Save"),
            "back": reverse("coding:memos"),
        },
    )


@roles_required(*CODERS)
@require_POST
def memo_delete(request, pk: int):
    memo = _memo(request, pk)
    return post_action(
        request,
        action=lambda: services.memo_delete(memo=memo, user=request.user),
        success_message=_("Memo deleted."),
        redirect_to=safe_next(request, reverse("coding:memos")),
    )
