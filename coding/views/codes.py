"""A codebook's codes: add, read, edit, move, merge and delete."""

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from coding import selectors, services
from coding.forms import CodeForm, CodeMergeForm, CodeMoveForm, MemoForm
from coding.models import Code
from coding.translations import language_normalise, language_or_default
from coding.views.common import CODERS, codebook_for_request, require_manager
from core.access import roles_required
from core.form_views import form_submit


def _code(request, pk: int) -> Code:
    return get_object_or_404(
        selectors.codes_for_user(user=request.user).filter(is_archived=False), pk=pk
    )


def _languages(code) -> list[dict]:
    """The programme's languages, each with its own name and whether the code has a label."""
    rows = []
    for language, _name in settings.LANGUAGES:
        key = language_normalise(language)
        info = get_language_info(language)
        missing = not (code.translations.get(key) or {}).get("label") if code else True
        rows.append({"code": key, "name": info["name_local"], "missing": missing})
    return rows


def _form_language(request) -> str:
    return language_or_default(request.GET.get("language"))


def _in_codebook(code) -> str:
    return f"{reverse('coding:codebook', args=[code.codebook.slug])}#code-{code.pk}"


def _code_page(code, title: str, submit: str, **extra) -> dict:
    """The context of coding/form.html for a form about one code."""
    return {
        "title": title,
        "submit": submit,
        "back": reverse("coding:code", args=[code.pk]),
        **extra,
    }


@roles_required(*CODERS)
def code_create(request, slug: str):
    require_manager(request.user)
    book = codebook_for_request(request, slug)
    initial = {}
    if request.GET.get("parent"):
        initial["parent"] = request.GET["parent"]
    return form_submit(
        request,
        CodeForm(
            request.POST or None,
            codebook=book,
            language=_form_language(request),
            with_parent=True,
            initial=initial,
        ),
        action=lambda form: services.code_create(
            codebook=book, user=request.user, **form.cleaned_data
        ),
        success_message=_("Code added."),
        success_url=lambda code: f"{reverse('coding:codebook', args=[book.slug])}#code-{code.id}",
        template="coding/form.html",
        context={
            "title": _("New code in %(book)s") % {"book": book.name},
            "submit": _("Add the code"),
            "back": reverse("coding:codebook", args=[book.slug]),
        },
    )


@roles_required(*CODERS)
def code_detail(request, pk: int):
    code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=pk)
    return render(
        request,
        "coding/code.html",
        {
            "code": code,
            "segments": selectors.code_segments(user=request.user, code=code),
            "memos": selectors.memos_for_user(user=request.user).filter(code=code),
            "memo_form": MemoForm(prefix="memo"),
            "can_manage": selectors.can_manage_codebook(request.user),
            "children": code.children.filter(is_archived=False),
            "languages": _languages(code),
        },
    )


@roles_required(*CODERS)
def code_edit(request, pk: int):
    require_manager(request.user)
    code = _code(request, pk)
    return form_submit(
        request,
        CodeForm(
            request.POST or None,
            instance=code,
            codebook=code.codebook,
            language=_form_language(request),
        ),
        # NOTE: the service gets the code as stored; the bound form has changed ``code``.
        action=lambda form: services.code_update(
            code=Code.objects.get(pk=code.pk), user=request.user, **form.cleaned_data
        ),
        success_message=_("Code saved."),
        success_url=reverse("coding:code", args=[code.pk]),
        template="coding/form.html",
        # A lambda: the title shows the label as the form left it, as it always has.
        context=lambda: _code_page(
            code,
            _("Edit “%(code)s”") % {"code": code.label},
            _("Save"),
            language_links=[{**row, "url": f"?language={row['code']}"} for row in _languages(code)],
        ),
    )


@roles_required(*CODERS)
def code_move(request, pk: int):
    require_manager(request.user)
    code = _code(request, pk)
    return form_submit(
        request,
        CodeMoveForm(request.POST or None, code=code, initial={"parent": code.parent_id}),
        action=lambda form: services.code_move(
            code=code,
            user=request.user,
            parent=form.cleaned_data["parent"],
            position=form.cleaned_data["position"],
        ),
        success_message=_("Code moved."),
        success_url=lambda _result: _in_codebook(code),
        template="coding/form.html",
        context=_code_page(code, _("Move “%(code)s”") % {"code": code.label}, _("Move")),
    )


@roles_required(*CODERS)
def code_merge(request, pk: int):
    require_manager(request.user)
    code = _code(request, pk)
    form = CodeMergeForm(request.POST or None, code=code)
    return form_submit(
        request,
        form,
        action=lambda form: services.code_merge(
            source=code, target=form.cleaned_data["target"], user=request.user
        ),
        success_message=lambda _result: (
            _("“%(a)s” was merged into “%(b)s”.")
            % {"a": code.label, "b": form.cleaned_data["target"].label}
        ),
        success_url=lambda _result: reverse("coding:code", args=[form.cleaned_data["target"].pk]),
        template="coding/form.html",
        context=_code_page(
            code,
            _("Merge “%(code)s” into another code") % {"code": code.label},
            _("Merge"),
            danger=True,
        ),
    )


@roles_required(*CODERS)
def code_delete(request, pk: int):
    require_manager(request.user)
    code = _code(request, pk)
    book = code.codebook
    return form_submit(
        request,
        forms.Form(request.POST if request.method == "POST" else None),
        action=lambda _form: services.code_delete(code=code, user=request.user),
        success_message=_("Code deleted."),
        success_url=reverse("coding:codebook", args=[book.slug]),
        template="coding/form.html",
        context=_code_page(
            code,
            _("Delete “%(code)s”?") % {"code": code.label},
            _("Delete the code"),
            intro=_(
                "Only a code that nobody has applied can be deleted; the change is kept "
                "in the codebook's versions."
            ),
            danger=True,
        ),
    )
