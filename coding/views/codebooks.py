"""Codebooks: the list, creating and importing one, its page, exports and versions."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_record
from coding import exchange, selectors, services
from coding.forms import CodebookForm, CodebookImportForm
from coding.translations import code_translated, language_or_default
from coding.views.common import CODERS, codebook_for_request, require_manager
from core.access import roles_required
from core.exceptions import ApplicationError
from core.form_views import form_submit


def _codebook_url(book) -> str:
    return reverse("coding:codebook", args=[book.slug])


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
    require_manager(request.user)
    return form_submit(
        request,
        CodebookForm(request.POST or None),
        action=lambda form: services.codebook_create(user=request.user, **form.cleaned_data),
        success_message=_("Codebook created."),
        success_url=_codebook_url,
        template="coding/form.html",
        context={"title": _("New codebook"), "submit": _("Create the codebook")},
    )


def _import_codebook(request, form):
    upload = form.cleaned_data["file"]
    if upload.size > exchange.MAX_IMPORT_BYTES:
        too_big = _("The file is larger than 2 MB.")
        raise ApplicationError(too_big, field_errors={"file": [too_big]})
    data, name = upload.read(), form.cleaned_data["name"]
    if upload.name.lower().endswith(".csv"):
        return exchange.codebook_import_csv(
            data=data, user=request.user, name=name or upload.name[:-4]
        )
    return exchange.codebook_import_qdc(
        data=data, user=request.user, name=name, language=form.cleaned_data.get("language") or "en"
    )


@roles_required(*CODERS)
def codebook_import(request):
    require_manager(request.user)
    return form_submit(
        request,
        CodebookImportForm(request.POST or None, request.FILES or None),
        action=lambda form: _import_codebook(request, form),
        success_message=_("Codebook imported."),
        success_url=_codebook_url,
        template="coding/form.html",
        context={"title": _("Import a codebook"), "submit": _("Import"), "multipart": True},
        invalid_status=400,
    )


@roles_required(*CODERS)
def codebook(request, slug: str):
    book = codebook_for_request(request, slug)
    return render(
        request,
        "coding/codebook.html",
        {
            "codebook": book,
            "tree": selectors.codebook_tree(codebook=book, with_counts=True),
            "can_manage": selectors.can_manage_codebook(request.user),
            "latest": book.versions.order_by("-number").only("number", "created_at").first(),
            "export_languages": settings.LANGUAGES,
        },
    )


@roles_required(*CODERS)
def codebook_export(request, slug: str, fmt: str):
    book = codebook_for_request(request, slug)
    language = language_or_default(request.GET.get("language"))
    if fmt == "qdc":
        response = HttpResponse(
            exchange.codebook_export_qdc(codebook=book, language=language),
            content_type="application/xml",
        )
    else:
        response = HttpResponse(
            exchange.codebook_export_csv(codebook=book, language=language),
            content_type="text/csv; charset=utf-8",
        )
    audit_record(
        action=Action.EXPORT_DOWNLOADED,
        target=book,
        details={"dataset": "codebook", "format": fmt},
    )
    response["Content-Disposition"] = f'attachment; filename="{book.slug}.{fmt}"'
    return response


@roles_required(*CODERS)
def codebook_versions(request, slug: str):
    book = codebook_for_request(request, slug)
    return render(
        request,
        "coding/versions.html",
        {"codebook": book, "versions": selectors.codebook_versions(codebook=book)},
    )


@roles_required(*CODERS)
def codebook_version(request, slug: str, number: int):
    book = codebook_for_request(request, slug)
    version = get_object_or_404(book.versions.select_related("created_by"), number=number)
    codes = version.snapshot.get("codes", [])
    depth: dict = {}
    for row in codes:
        row["label_text"] = code_translated(row.get("translations") or {}, "label").html
        row["depth"] = depth.get(row["parent"], -1) + 1
        depth[row["guid"]] = row["depth"]
    return render(
        request, "coding/version.html", {"codebook": book, "version": version, "codes": codes}
    )
