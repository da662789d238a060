"""Pages for researchers and administrators: dashboards, search, quotes and exports."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import RESEARCH_TEAM
from analysis import dashboards, exporters, programme, selectors, services
from analysis.forms import ExportForm, FilterForm, QuoteSheetForm
from analysis.models import ExportJob
from analysis.selectors import AnalysisFilters
from audit.models import Action
from core.access import roles_required
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.keyset import keyset_page, without_jit
from core.replica import replica_view
from core.validation import parse_positive_int

ANALYSTS = RESEARCH_TEAM
# The coding pages' blind mode (coding.views.common.BLIND_SESSION_KEY; an edge, not imported).
BLIND_SESSION_KEY = "coding_blind"
PAGES = {
    "themes": "analysis:themes",
    "timeline": "analysis:timeline",
    "cooccurrence": "analysis:cooccurrence",
    "trust": "analysis:trust",
}


def _filters(request, data=None) -> tuple[FilterForm, AnalysisFilters]:
    form = FilterForm(data if data is not None else (request.GET or None))
    return form, form.filters()


def _by(request) -> str:
    by = request.GET.get("by", "country")
    return by if by in dashboards.DIMENSIONS else "country"


def _parent(request) -> int | None:
    return parse_positive_int(request.GET.get("parent", ""))


def _page(request, template: str, page: str, form, charts_list, **extra):
    context = {
        "form": form,
        "page": page,
        "charts": charts_list,
        "query": request.GET.urlencode(),
        "threshold": dashboards.suppression_threshold(),
        **extra,
    }
    return render(request, template, context)


@roles_required(*ANALYSTS)
@replica_view
def themes(request):
    form, filters = _filters(request)
    by = _by(request)
    data = dashboards.theme_data(user=request.user, filters=filters, by=by)
    charts_list = [dashboards.themes_chart(data=data), dashboards.themes_by_chart(data=data)]
    return _page(
        request,
        "analysis/themes.html",
        "themes",
        form,
        charts_list,
        by=by,
        dimensions=dashboards.DIMENSIONS,
        agreement=programme.own_reading_agreement(),
    )


@roles_required(*ANALYSTS)
@replica_view
def timeline(request):
    form, filters = _filters(request)
    chart = dashboards.timeline_chart(user=request.user, filters=filters)
    return _page(
        request,
        "analysis/dashboard.html",
        "timeline",
        form,
        [chart],
        heading=_("Themes over time"),
    )


@roles_required(*ANALYSTS)
@replica_view
def cooccurrence(request):
    form, filters = _filters(request)
    parent = _parent(request)
    chart = dashboards.cooccurrence_chart(user=request.user, filters=filters, parent_id=parent)
    themes_list = selectors.themes()
    return _page(
        request,
        "analysis/dashboard.html",
        "cooccurrence",
        form,
        [chart],
        parents=themes_list,
        parent=parent,
        heading=_("Codes that appear together"),
    )


@roles_required(*ANALYSTS)
@replica_view
def trust(request):
    form, filters = _filters(request)
    chart = dashboards.trust_chart(user=request.user, filters=filters)
    return _page(
        request, "analysis/dashboard.html", "trust", form, [chart], heading=_("Trust gaps")
    )


def _chart(request, key: str):
    if key not in dashboards.CHART_KEYS:
        raise Http404
    _form, filters = _filters(request)
    return dashboards.chart_for(
        key, user=request.user, filters=filters, by=_by(request), parent=_parent(request)
    )


@roles_required(*ANALYSTS)
@replica_view
def chart_csv(request, key: str):
    chart = _chart(request, key)
    response = HttpResponse(chart.csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="entendu-{key}.csv"'
    return response


@roles_required(*ANALYSTS)
@replica_view
def chart_svg(request, key: str):
    chart = _chart(request, key)
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + chart.svg,
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="entendu-{key}.svg"'
    return response


@roles_required(*ANALYSTS)
@replica_view
def search(request):
    form, filters = _filters(request)
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.search_research_copies(user=request.user, filters=filters, query=query)
    within = selectors.search_scope(user=request.user, filters=filters, query=query)
    with without_jit():
        page = keyset_page(
            results,
            cursor=request.GET.get("cursor"),
            size=20,
            within=within,
            count_bound=selectors.SEARCH_COUNT_BOUND,
        )
    copies = page.object_list
    fragments = selectors.search_snippets(copies=copies, query=query)
    hits = [
        {
            "copy": copy,
            "language": (language := copy.detected_language or copy.testimony.declared_language),
            "language_label": dashboards.language_label(language),
            "fragments": fragments.get(copy.id, []),
        }
        for copy in copies
    ]
    return render(
        request,
        "analysis/search.html",
        {
            "form": form,
            "page": "search",
            "q": query,
            "results": page,
            "hits": hits,
            "forms_in_every_language": selectors.search_finds_forms_in_every_language(),
        },
    )


@roles_required(*ANALYSTS)
@replica_view
def quotes(request):
    form, filters = _filters(request)
    applications = selectors.quotes_for_user(
        user=request.user, filters=filters, code_id=filters.code_id
    )
    with without_jit():
        page = keyset_page(applications, cursor=request.GET.get("cursor"), size=25)
    items = [
        {"quote": quote, "language_label": dashboards.language_label(quote.language)}
        for quote in exporters.quotes_from(page.object_list)
    ]
    to_ask = list(
        selectors.quotes_for_user(
            user=request.user, filters=filters, code_id=filters.code_id, to_ask=True
        )[:10]
    )
    receipts = {a.testimony_id: a.testimony.public_id for a in to_ask}
    return render(
        request,
        "analysis/quotes.html",
        {
            "form": form,
            "page": "quotes",
            "results": page,
            "items": items,
            "to_ask": [
                {"quote": q, "public_id": receipts[q.testimony_id]}
                for q in exporters.quotes_from(to_ask)
            ],
            "sheet_form": QuoteSheetForm(),
        },
    )


@roles_required(*ANALYSTS)
@require_http_methods(["POST"])
def quote_sheet(request):
    form = QuoteSheetForm(request.POST)
    _ff, filters = _filters(request, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a format for the quote sheet."))
        return redirect(reverse("analysis:quotes"))
    job = services.export_job_create(
        user=request.user,
        dataset=ExportJob.Dataset.QUOTES,
        format=form.cleaned_data["format"],
        filters=filters,
        language=form.cleaned_data.get("label_language") or get_language() or "en",
    )
    return redirect("analysis:export_detail", job_id=job.pk)


@roles_required(*ANALYSTS)
@require_http_methods(["GET", "POST"])
def exports(request):
    filter_form, filters = _filters(request, request.POST if request.method == "POST" else None)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dataset, fmt = form.cleaned_data["dataset"], form.cleaned_data["format"]
        try:
            services.export_validate(user=request.user, dataset=dataset, format=fmt)
            stories = selectors.stories_for_analysis(user=request.user, filters=filters)
            if fmt == ExportJob.Format.CSV and stories.count() <= services.sync_limit():
                services.export_audit(
                    action=Action.EXPORT_DOWNLOADED, user=request.user, dataset=dataset, format=fmt
                )
                with override(form.cleaned_data.get("label_language") or get_language()):
                    return _stream_csv(request, dataset, filters)
            job = services.export_job_create(
                user=request.user,
                dataset=dataset,
                format=fmt,
                filters=filters,
                language=form.cleaned_data.get("label_language") or get_language() or "en",
                blind=bool(request.session.get(BLIND_SESSION_KEY)),
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            return redirect("analysis:export_detail", job_id=job.pk)
    jobs = keyset_page(
        selectors.export_jobs_for_user(user=request.user),
        cursor=request.GET.get("cursor"),
        size=20,
        count_bound=None,
    )
    return render(
        request,
        "analysis/exports.html",
        {
            "form": filter_form,
            "export_form": form,
            "page": "exports",
            "jobs": jobs,
            "query": request.GET.urlencode(),
            "can_export_characteristics": services.can_export_characteristics(request.user),
            "sync_limit": services.sync_limit(),
        },
    )


def _stream_csv(request, dataset: str, filters: AnalysisFilters) -> StreamingHttpResponse:
    """Small selections stream straight to the browser: no job, no file kept."""
    stories = selectors.stories_for_analysis(user=request.user, filters=filters)
    if dataset == ExportJob.Dataset.CODES:
        table = exporters.codes_table(selectors.default_codebook())
    else:
        builders = {
            ExportJob.Dataset.STORIES: exporters.stories_table,
            ExportJob.Dataset.APPLICATIONS: exporters.applications_table,
            ExportJob.Dataset.CHARACTERISTICS: exporters.characteristics_table,
        }
        table = builders[dataset](stories)
    response = StreamingHttpResponse(
        exporters.csv_stream(table), content_type="text/csv; charset=utf-8"
    )
    name = services.export_filename(dataset=dataset, format=ExportJob.Format.CSV)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _own_job(request, job_id) -> ExportJob:
    # SECURITY: another user's export is a 404, whatever their role.
    return get_object_or_404(ExportJob.objects.filter(user=request.user), pk=job_id)


@roles_required(*ANALYSTS)
def export_detail(request, job_id):
    job = _own_job(request, job_id)
    return render(request, "analysis/export_detail.html", {"job": job, "page": "exports"})


@roles_required(*ANALYSTS)
def export_download(request, job_id):
    job = _own_job(request, job_id)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    services.export_audit(
        action=Action.EXPORT_DOWNLOADED,
        user=request.user,
        target=job,
        dataset=job.dataset,
        format=job.format,
    )
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
