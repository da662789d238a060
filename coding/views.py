"""Coding pages. Thin: forms collect, services write, selectors read."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import RESEARCH_TEAM
from coding import exchange, rendering, selectors, services
from coding.forms import (
    AgreementFilterForm,
    ApplyForm,
    CodebookForm,
    CodebookImportForm,
    CodeForm,
    CodeMergeForm,
    CodeMoveForm,
    CommentForm,
    MemoForm,
    QueueFilterForm,
    ReconcileForm,
)
from coding.models import Code, CodeApplication, Codebook, Memo
from core.access import roles_required
from core.exceptions import ApplicationError
from core.exports import csv_writer
from core.forms import form_add_application_error

CODERS = RESEARCH_TEAM
BLIND_SESSION_KEY = "coding_blind"


def _require_manager(user) -> None:
    if not selectors.can_manage_codebook(user):
        raise PermissionDenied


def _codebook(request, slug: str | None = None) -> Codebook:
    books = selectors.codebooks_for_user(user=request.user)
    slug = slug or request.GET.get("codebook") or request.POST.get("codebook")
    if slug:
        return get_object_or_404(books, slug=slug)
    book = books.first()
    if book is None:
        raise Http404
    return book


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _is_blind(request) -> bool:
    return bool(request.session.get(BLIND_SESSION_KEY, False))


def _story_copy(request, testimony_id: int):
    copy = selectors.research_copy_for_coding(user=request.user, testimony_id=testimony_id)
    if copy is None:
        raise Http404
    return copy


# The work queue -------------------------------------------------------------------------------


@roles_required(*CODERS)
def queue(request):
    codebook = selectors.codebook_default_for_user(user=request.user)
    form = QueueFilterForm(request.GET or None, codebook=codebook)
    filters = {"status": "todo"}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "status": data["status"] or "todo",
            "event": data["event"],
            "country": data["country"],
            "language": data["language"].strip(),
            "theme": data["theme"],
            "pending": {"yes": True, "no": False}.get(data["pending"]),
            "mine": "todo" if data["mine"] else "",
        }
    stories = selectors.work_queue(user=request.user, **filters)
    page = Paginator(stories, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coding/queue.html",
        {"form": form, "page": page, "query": query.urlencode(), "blind": _is_blind(request)},
    )


# The coding screen ----------------------------------------------------------------------------


def _story_context(request, copy, codebook, apply_form=None, memo_form=None):
    user = request.user
    blind = _is_blind(request)
    text = copy.redacted_text
    applications = list(
        selectors.story_applications(testimony_id=copy.testimony_id, codebook=codebook)
    )
    shown, suggestions, reviewed = [], [], []
    for app in applications:
        if app.source == CodeApplication.Source.MACHINE:
            if app.status == CodeApplication.Status.SUGGESTED:
                suggestions.append(app)
            else:
                reviewed.append(app)
        elif not blind or app.coder_id == user.id:
            shown.append(app)
    for app in shown + suggestions:
        app.quote = text[app.start : app.end] if app.start is not None else ""
        app.mine = app.coder_id == user.id
    for app in suggestions:
        if app.evidence_start is not None:
            app.evidence = text[app.evidence_start : app.evidence_end]
    shown_ids = {a.id for a in shown}
    hidden = {a.id for a in applications if a.id not in shown_ids}
    span_apps = [a for a in applications if a.start is not None and a.id not in hidden]
    segments = selectors.text_segments(text, span_apps)
    memos = list(selectors.memos_for_user(user=user).filter(testimony_id=copy.testimony_id))
    tree = selectors.codebook_tree(codebook=codebook)
    completions = list(copy.testimony.coding_completions.values_list("coder_id", flat=True))
    return {
        "copy": copy,
        "testimony": copy.testimony,
        "codebook": codebook,
        "codebooks": selectors.codebooks_for_user(user=user),
        "tree": tree,
        "text_html": rendering.render_segments(segments, hidden),
        "text_length": len(text),
        "sentences": selectors.sentence_spans(text),
        "document_apps": rendering.render_application_items(
            request, [a for a in shown if a.start is None]
        ),
        "span_apps": rendering.render_application_items(
            request, [a for a in shown if a.start is not None]
        ),
        "suggestions": suggestions,
        "reviewed_count": len(reviewed),
        "memos": memos,
        "blind": blind,
        "hidden_count": sum(
            1 for a in applications if a.source == CodeApplication.Source.HUMAN and a.id in hidden
        ),
        "done": user.id in completions,
        "next_story": selectors.next_story_id(user=user, after_testimony_id=copy.testimony_id),
        "completion_count": len(completions),
        "apply_form": apply_form or ApplyForm(codebook=codebook),
        "memo_form": memo_form or MemoForm(prefix="memo"),
    }


@roles_required(*CODERS)
def story(request, testimony_id: int):
    copy = _story_copy(request, testimony_id)
    codebook = _codebook(request)
    start, end = request.GET.get("start", ""), request.GET.get("end", "")
    form = None
    if start.isdigit() and end.isdigit():
        form = ApplyForm(codebook=codebook, initial={"start": int(start), "end": int(end)})
    return render(
        request, "coding/story.html", _story_context(request, copy, codebook, apply_form=form)
    )


@roles_required(*CODERS)
@require_POST
def apply(request, testimony_id: int):
    copy = _story_copy(request, testimony_id)
    codebook = _codebook(request)
    form = ApplyForm(request.POST, codebook=codebook)
    if form.is_valid():
        data = form.cleaned_data
        span = data["scope"] == "span"
        try:
            services.application_create(
                testimony=copy.testimony,
                code=data["code"],
                coder=request.user,
                start=data["start"] if span else None,
                end=data["end"] if span else None,
                comment=data["comment"],
            )
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Applied “%(code)s”.") % {"code": data["code"].label})
            url = reverse("coding:story", args=[testimony_id])
            keep = f"&start={data['start']}&end={data['end']}" if span else ""
            # NOTE: the passage stays selected, so a second code is one key press away.
            return redirect(f"{url}?codebook={codebook.slug}{keep}#coding-tools")
    context = _story_context(request, copy, codebook, apply_form=form)
    return render(request, "coding/story.html", context, status=400)


@roles_required(*CODERS)
@require_POST
def blind(request, testimony_id: int):
    request.session[BLIND_SESSION_KEY] = request.POST.get("blind") == "on"
    return redirect(_safe_next(request, reverse("coding:story", args=[testimony_id])))


@roles_required(*CODERS)
@require_POST
def complete(request, testimony_id: int):
    copy = _story_copy(request, testimony_id)
    done = request.POST.get("done") != "off"
    services.coding_complete(testimony=copy.testimony, coder=request.user, done=done)
    messages.success(request, _("Marked as coded.") if done else _("Marked as not finished."))
    return redirect(_safe_next(request, reverse("coding:story", args=[testimony_id])))


def _application(request, pk: int) -> CodeApplication:
    return get_object_or_404(selectors.applications_for_user(user=request.user), pk=pk)


@roles_required(*CODERS)
@require_POST
def application_delete(request, pk: int):
    app = _application(request, pk)
    try:
        services.application_delete(application=app, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Removed “%(code)s”.") % {"code": app.code.label})
    return redirect(_safe_next(request, reverse("coding:story", args=[app.testimony_id])))


@roles_required(*CODERS)
@require_POST
def application_comment(request, pk: int):
    app = _application(request, pk)
    form = CommentForm(request.POST, instance=app)
    if form.is_valid():
        try:
            services.application_update(
                application=app, user=request.user, comment=form.cleaned_data["comment"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Comment saved."))
    else:
        messages.error(request, _("The comment is too long."))
    return redirect(_safe_next(request, reverse("coding:story", args=[app.testimony_id])))


@roles_required(*CODERS)
@require_POST
def suggestion_review(request, pk: int, decision: str):
    suggestion = get_object_or_404(selectors.suggestions_for_user(user=request.user), pk=pk)
    try:
        if decision == "accept":
            services.suggestion_accept(suggestion=suggestion, user=request.user)
            messages.success(request, _("Suggestion accepted: the code is now yours."))
        else:
            services.suggestion_reject(suggestion=suggestion, user=request.user)
            messages.success(request, _("Suggestion rejected."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(_safe_next(request, reverse("coding:story", args=[suggestion.testimony_id])))


# Codebooks ------------------------------------------------------------------------------------


@roles_required(*CODERS)
def codebooks(request):
    return render(
        request,
        "coding/codebooks.html",
        {
            "codebooks": selectors.codebooks_for_user(user=request.user),
            "can_manage": selectors.can_manage_codebook(request.user),
        },
    )


@roles_required(*CODERS)
def codebook_create(request):
    _require_manager(request.user)
    form = CodebookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        book = services.codebook_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("Codebook created."))
        return redirect("coding:codebook", slug=book.slug)
    return render(
        request,
        "coding/form.html",
        {"form": form, "title": _("New codebook"), "submit": _("Create the codebook")},
    )


@roles_required(*CODERS)
def codebook_import(request):
    _require_manager(request.user)
    form = CodebookImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > exchange.MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
        else:
            data = upload.read()
            name = form.cleaned_data["name"]
            try:
                if upload.name.lower().endswith(".csv"):
                    book = exchange.codebook_import_csv(
                        data=data, user=request.user, name=name or upload.name[:-4]
                    )
                else:
                    book = exchange.codebook_import_qdc(data=data, user=request.user, name=name)
            except ApplicationError as exc:
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("Codebook imported."))
                return redirect("coding:codebook", slug=book.slug)
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("Import a codebook"),
            "submit": _("Import"),
            "multipart": True,
        },
        status=400 if request.method == "POST" else 200,
    )


@roles_required(*CODERS)
def codebook(request, slug: str):
    book = _codebook(request, slug)
    return render(
        request,
        "coding/codebook.html",
        {
            "codebook": book,
            "tree": selectors.codebook_tree(codebook=book, with_counts=True),
            "can_manage": selectors.can_manage_codebook(request.user),
            "latest": book.versions.order_by("-number").only("number", "created_at").first(),
        },
    )


@roles_required(*CODERS)
def codebook_export(request, slug: str, fmt: str):
    book = _codebook(request, slug)
    if fmt == "qdc":
        response = HttpResponse(
            exchange.codebook_export_qdc(codebook=book), content_type="application/xml"
        )
    else:
        response = HttpResponse(
            exchange.codebook_export_csv(codebook=book), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{book.slug}.{fmt}"'
    return response


@roles_required(*CODERS)
def codebook_versions(request, slug: str):
    book = _codebook(request, slug)
    return render(
        request,
        "coding/versions.html",
        {"codebook": book, "versions": selectors.codebook_versions(codebook=book)},
    )


@roles_required(*CODERS)
def codebook_version(request, slug: str, number: int):
    book = _codebook(request, slug)
    version = get_object_or_404(book.versions.select_related("created_by"), number=number)
    codes = version.snapshot.get("codes", [])
    depth: dict = {}
    for row in codes:
        row["depth"] = depth.get(row["parent"], -1) + 1
        depth[row["guid"]] = row["depth"]
    return render(
        request, "coding/version.html", {"codebook": book, "version": version, "codes": codes}
    )


@roles_required(*CODERS)
def code_create(request, slug: str):
    _require_manager(request.user)
    book = _codebook(request, slug)
    initial = {}
    if request.GET.get("parent"):
        initial["parent"] = request.GET["parent"]
    form = CodeForm(request.POST or None, codebook=book, with_parent=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            code = services.code_create(codebook=book, user=request.user, **data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Code added."))
            return redirect(f"{reverse('coding:codebook', args=[book.slug])}#code-{code.id}")
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("New code in %(book)s") % {"book": book.name},
            "submit": _("Add the code"),
            "back": reverse("coding:codebook", args=[book.slug]),
        },
    )


def _code(request, pk: int) -> Code:
    return get_object_or_404(
        selectors.codes_for_user(user=request.user).filter(is_archived=False), pk=pk
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
        },
    )


@roles_required(*CODERS)
def code_edit(request, pk: int):
    _require_manager(request.user)
    code = _code(request, pk)
    form = CodeForm(request.POST or None, instance=code, codebook=code.codebook)
    if request.method == "POST" and form.is_valid():
        try:
            services.code_update(
                code=Code.objects.get(pk=code.pk), user=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Code saved."))
            return redirect("coding:code", pk=code.pk)
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("Edit “%(code)s”") % {"code": code.label},
            "submit": _("Save"),
            "back": reverse("coding:code", args=[code.pk]),
        },
    )


@roles_required(*CODERS)
def code_move(request, pk: int):
    _require_manager(request.user)
    code = _code(request, pk)
    form = CodeMoveForm(request.POST or None, code=code, initial={"parent": code.parent_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.code_move(
                code=code,
                user=request.user,
                parent=form.cleaned_data["parent"],
                position=form.cleaned_data["position"],
            )
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Code moved."))
            return redirect(f"{reverse('coding:codebook', args=[code.codebook.slug])}#code-{pk}")
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("Move “%(code)s”") % {"code": code.label},
            "submit": _("Move"),
            "back": reverse("coding:code", args=[code.pk]),
        },
    )


@roles_required(*CODERS)
def code_merge(request, pk: int):
    _require_manager(request.user)
    code = _code(request, pk)
    form = CodeMergeForm(request.POST or None, code=code)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            services.code_merge(source=code, target=target, user=request.user)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("“%(a)s” was merged into “%(b)s”.") % {"a": code.label, "b": target.label},
            )
            return redirect("coding:code", pk=target.pk)
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("Merge “%(code)s” into another code") % {"code": code.label},
            "submit": _("Merge"),
            "danger": True,
            "back": reverse("coding:code", args=[code.pk]),
        },
    )


@roles_required(*CODERS)
def code_delete(request, pk: int):
    _require_manager(request.user)
    code = _code(request, pk)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        book = code.codebook
        try:
            services.code_delete(code=code, user=request.user)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Code deleted."))
            return redirect("coding:codebook", slug=book.slug)
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("Delete “%(code)s”?") % {"code": code.label},
            "intro": _(
                "Only a code that nobody has applied can be deleted; the change is kept "
                "in the codebook's versions."
            ),
            "submit": _("Delete the code"),
            "danger": True,
            "back": reverse("coding:code", args=[code.pk]),
        },
    )


# Memos ----------------------------------------------------------------------------------------


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
            "kind_query": f"kind={kind}" if kind in Memo.Kind.values else "",
        },
    )


@roles_required(*CODERS)
@require_POST
def memo_create(request):
    form = MemoForm(request.POST, prefix="memo")
    code = testimony = None
    code_id, testimony_id = request.POST.get("code", ""), request.POST.get("testimony", "")
    if code_id:
        if not code_id.isdigit():
            raise Http404
        code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=int(code_id))
    if testimony_id:
        if not testimony_id.isdigit():
            raise Http404
        testimony = _story_copy(request, int(testimony_id)).testimony
    default = reverse("coding:memos")
    if form.is_valid():
        try:
            services.memo_create(
                author=request.user, code=code, testimony=testimony, **form.cleaned_data
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Memo saved."))
    else:
        messages.error(request, _("A memo needs a title and a text."))
    return redirect(_safe_next(request, default))


def _memo(request, pk: int) -> Memo:
    return get_object_or_404(selectors.memos_for_user(user=request.user), pk=pk)


@roles_required(*CODERS)
def memo_edit(request, pk: int):
    memo = _memo(request, pk)
    if memo.author_id != request.user.id:
        raise PermissionDenied
    form = MemoForm(request.POST or None, instance=memo)
    if request.method == "POST" and form.is_valid():
        try:
            services.memo_update(memo=memo, user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Memo saved."))
            return redirect("coding:memos")
    return render(
        request,
        "coding/form.html",
        {
            "form": form,
            "title": _("Edit the memo"),
            "submit": _("Save"),
            "back": reverse("coding:memos"),
        },
    )


@roles_required(*CODERS)
@require_POST
def memo_delete(request, pk: int):
    memo = _memo(request, pk)
    try:
        services.memo_delete(memo=memo, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Memo deleted."))
    return redirect(_safe_next(request, reverse("coding:memos")))


# Agreement ------------------------------------------------------------------------------------


def _agreement_filters(request):
    form = AgreementFilterForm(request.GET or None)
    book, event, rollup = None, None, False
    if form.is_valid():
        book, event = form.cleaned_data["codebook"], form.cleaned_data["event"]
        rollup = form.cleaned_data["rollup"]
    return form, book or _codebook(request), event, rollup


@roles_required(*CODERS)
def agreement(request):
    form, book, event, rollup = _agreement_filters(request)
    report = selectors.agreement_report(
        user=request.user, codebook=book, event=event, rollup=rollup
    )
    if request.GET.get("download") == "csv":
        return _agreement_csv(report)
    query = request.GET.copy()
    query["download"] = "csv"
    return render(
        request,
        "coding/agreement.html",
        {"form": form, "report": report, "csv_query": query.urlencode()},
    )


def _agreement_csv(report) -> HttpResponse:
    """One row per code (or group) and pair of coders, for a paper's appendix."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="intercoder-agreement.csv"'
    # SECURITY: code labels are user text; core.exports guards them against formula injection.
    writer = csv_writer(response)
    writer.writerow(
        [
            "kind",
            "code_key",
            "code",
            "stories",
            "coders",
            "percent_agreement",
            "alpha_nominal",
            "coder_a",
            "coder_b",
            "pair_stories",
            "cohen_kappa",
        ]
    )

    def figure(value):
        return "" if value is None else f"{value:.4f}"

    for kind, rows in (("code", report["codes"]), ("group", report["groups"])):
        for row in rows:
            base = [
                kind,
                row["code"].key,
                row["code"].label,
                row["units"],
                row["coders"],
                figure(row["percent_agreement"]),
                figure(row["alpha"]),
            ]
            if not row["pairs"]:
                writer.writerow([*base, "", "", "", ""])
            for pair in row["pairs"]:
                writer.writerow(
                    [
                        *base,
                        pair["coders"][0],
                        pair["coders"][1],
                        pair["units"],
                        figure(pair["kappa"]),
                    ]
                )
    return response


@roles_required(*CODERS)
def disagreement_list(request):
    form, book, event, _rollup = _agreement_filters(request)
    rows = selectors.disagreements(user=request.user, codebook=book, event=event)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coding/disagreements.html",
        {
            "form": form,
            "page": page,
            "codebook": book,
            "reconcile_form": ReconcileForm(),
            "query": query.urlencode(),
        },
    )


@roles_required(*CODERS)
@require_POST
def reconcile(request, testimony_id: int, code_id: int):
    copy = _story_copy(request, testimony_id)
    code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=code_id)
    form = ReconcileForm(request.POST)
    if form.is_valid():
        services.reconciliation_record(
            testimony=copy.testimony, code=code, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose whether the code applies."))
    return redirect(_safe_next(request, reverse("coding:disagreements")))
