"""API: aggregates, search, quotes and exports. Researchers and administrators only."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM
from analysis import dashboards, exporters, selectors, services
from analysis.models import ExportJob
from analysis.selectors import AnalysisFilters
from analysis.serializers import (
    AnalysisChartSerializer,
    ExportCreateSerializer,
    ExportJobSerializer,
    FiltersSerializer,
    QuoteSerializer,
    SearchResultSerializer,
)
from audit.models import Action
from core.filtering import id_or_none
from core.pagination import KeysetPagination, ListApiMixin
from core.permissions import roles_allowed

Analysts = roles_allowed(*RESEARCH_TEAM)

FILTER_PARAMETERS = [
    OpenApiParameter("event", int, description="Event id"),
    OpenApiParameter("country", str, description="ISO 3166 country code of the event"),
    OpenApiParameter("language", str, description="BCP 47 language of the story"),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Submitted on or after"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Submitted on or before"),
    OpenApiParameter("code", int, description="Stories coded with this code or one below it"),
]


def _filters(request) -> AnalysisFilters:
    serializer = FiltersSerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.filters()


class AggregateApi(APIView):
    """One dashboard's data, suppressed exactly as on the page: a cell counting fewer than
    ``threshold`` stories is null."""

    permission_classes = [Analysts]

    @extend_schema(
        operation_id="analysis_aggregates_retrieve",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "by", str, enum=list(dashboards.DIMENSIONS), description="For themes-by"
            ),
            OpenApiParameter("parent", int, description="For cooccurrence: a code's children"),
        ],
        responses=AnalysisChartSerializer,
    )
    def get(self, request, key: str):
        if key not in dashboards.CHART_KEYS:
            raise Http404
        by = request.query_params.get("by", "country")
        if by not in dashboards.DIMENSIONS:
            raise serializers.ValidationError(
                {"by": f"Choose one of {list(dashboards.DIMENSIONS)}."}
            )
        parent = request.query_params.get("parent")
        chart = dashboards.chart_for(
            key,
            user=request.user,
            filters=_filters(request),
            by=by,
            parent=id_or_none(parent),
        )
        return Response(
            AnalysisChartSerializer(
                {
                    "key": chart.key,
                    "title": chart.title,
                    "description": chart.description,
                    "threshold": dashboards.suppression_threshold(),
                    "columns": chart.columns,
                    "rows": chart.rows,
                }
            ).data
        )


class SearchApi(ListApiMixin, APIView):
    """Research copies (never original texts) matching a query and the filters."""

    permission_classes = [Analysts]
    pagination_class = KeysetPagination

    @extend_schema(
        operation_id="analysis_search_list",
        parameters=[
            OpenApiParameter("q", str, description="Words to find (web search syntax)"),
            *FILTER_PARAMETERS,
        ],
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request):
        filters, query = _filters(request), request.query_params.get("q", "")[:200]
        results = selectors.search_research_copies(user=request.user, filters=filters, query=query)
        return self.paginated_response(
            queryset=results,
            serializer_class=SearchResultSerializer,
            within=selectors.search_scope(user=request.user, filters=filters, query=query),
            count_bound=selectors.SEARCH_COUNT_BOUND,
        )


def _quote_serializer(applications, **kwargs):
    return QuoteSerializer(list(exporters.quotes_from(applications)), **kwargs)


class QuotesApi(ListApiMixin, APIView):
    """Coded spans whose consent allows quotation, with their attribution and receipt."""

    permission_classes = [Analysts]
    pagination_class = KeysetPagination

    @extend_schema(
        operation_id="analysis_quotes_list",
        parameters=FILTER_PARAMETERS,
        responses=QuoteSerializer(many=True),
    )
    def get(self, request):
        filters = _filters(request)
        applications = selectors.quotes_for_user(
            user=request.user, filters=filters, code_id=filters.code_id
        )
        # NOTE: a page of coded spans, each turned into its quote (a span with no text left
        # after redaction is skipped, so a page may hold fewer quotes than its size).
        return self.paginated_response(queryset=applications, serializer_class=_quote_serializer)


def _own_job(request, job_id) -> ExportJob:
    # SECURITY: another user's export is a 404.
    return get_object_or_404(ExportJob.objects.filter(user=request.user), pk=job_id)


class ExportListApi(APIView):
    """Start an export (it runs in the background; poll it) or list one's own exports."""

    permission_classes = [Analysts]

    @extend_schema(operation_id="analysis_exports_list", responses=ExportJobSerializer(many=True))
    def get(self, request):
        jobs = ExportJob.objects.filter(user=request.user).order_by("-created_at")[:50]
        return Response(ExportJobSerializer(jobs, many=True).data)

    @extend_schema(
        operation_id="analysis_exports_create",
        request=ExportCreateSerializer,
        responses={202: ExportJobSerializer},
    )
    def post(self, request):
        serializer = ExportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        filters_serializer = FiltersSerializer(data=request.data.get("filters") or {})
        filters_serializer.is_valid(raise_exception=True)
        job = services.export_job_create(
            user=request.user,
            dataset=serializer.validated_data["dataset"],
            format=serializer.validated_data["format"],
            filters=filters_serializer.filters(),
            language=get_language() or "en",
        )
        job.refresh_from_db()
        return Response(ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ExportDetailApi(APIView):
    permission_classes = [Analysts]

    @extend_schema(operation_id="analysis_exports_retrieve", responses=ExportJobSerializer)
    def get(self, request, job_id):
        return Response(ExportJobSerializer(_own_job(request, job_id)).data)


# NOTE: named here, not guessed from the file name: the schema documents exactly these.
EXPORT_MEDIA_TYPES = {
    ExportJob.Format.CSV: "text/csv",
    ExportJob.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportJob.Format.QDPX: "application/octet-stream",
    ExportJob.Format.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    ExportJob.Format.HTML: "text/html",
}


class ExportDownloadApi(APIView):
    permission_classes = [Analysts]

    @extend_schema(
        operation_id="analysis_exports_download_retrieve",
        responses={
            (200, media_type): OpenApiTypes.BINARY for media_type in EXPORT_MEDIA_TYPES.values()
        },
    )
    def get(self, request, job_id):
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
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=EXPORT_MEDIA_TYPES.get(job.format, "application/octet-stream"),
        )
