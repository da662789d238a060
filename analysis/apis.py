"""API: aggregates, search, quotes and exports. Researchers and administrators only."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM
from analysis import dashboards, exporters, selectors, services
from analysis.models import ExportJob
from analysis.selectors import AnalysisFilters
from core.permissions import roles_allowed

Analysts = roles_allowed(*RESEARCH_TEAM)


class FiltersSerializer(serializers.Serializer):
    event = serializers.IntegerField(required=False, min_value=1)
    country = serializers.CharField(required=False, max_length=2, allow_blank=True)
    language = serializers.CharField(required=False, max_length=16, allow_blank=True)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    code = serializers.IntegerField(required=False, min_value=1)

    def validate(self, attrs):
        if (
            attrs.get("date_from")
            and attrs.get("date_to")
            and attrs["date_from"] > attrs["date_to"]
        ):
            raise serializers.ValidationError(
                {"date_to": "The end date must be on or after the start date."}
            )
        return attrs

    def filters(self) -> AnalysisFilters:
        data = self.validated_data
        return AnalysisFilters(
            event_id=data.get("event"),
            country=(data.get("country") or "").upper(),
            language=data.get("language") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            code_id=data.get("code"),
        )


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


ChartSerializer = inline_serializer(
    "AnalysisChart",
    {
        "key": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "threshold": serializers.IntegerField(),
        "columns": serializers.ListField(child=serializers.CharField()),
        "rows": serializers.ListField(child=serializers.ListField()),
    },
)


class AggregateApi(APIView):
    """One dashboard's data, suppressed exactly as on the page: a cell counting fewer than
    ``threshold`` stories is null."""

    permission_classes = [Analysts]

    @extend_schema(
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "by", str, enum=list(dashboards.DIMENSIONS), description="For themes-by"
            ),
            OpenApiParameter("parent", int, description="For cooccurrence: a code's children"),
        ],
        responses=ChartSerializer,
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
            parent=int(parent) if parent and parent.isdigit() else None,
        )
        return Response(
            {
                "key": chart.key,
                "title": chart.title,
                "description": chart.description,
                "threshold": dashboards.suppression_threshold(),
                "columns": chart.columns,
                "rows": chart.rows,
            }
        )


class SearchResultSerializer(serializers.Serializer):
    story_id = serializers.UUIDField(source="testimony.public_id")
    event = serializers.CharField(source="testimony.event.title")
    country = serializers.CharField(source="testimony.event.country")
    language = serializers.CharField()
    submitted_at = serializers.DateTimeField(source="testimony.submitted_at")
    title = serializers.CharField(source="redacted_title")
    text = serializers.CharField(source="redacted_text")


class SearchApi(APIView):
    """Research copies (never original texts) matching a query and the filters."""

    permission_classes = [Analysts]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words to find (web search syntax)"),
            OpenApiParameter("page", int),
            *FILTER_PARAMETERS,
        ],
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request):
        results = selectors.search_research_copies(
            user=request.user,
            filters=_filters(request),
            query=request.query_params.get("q", "")[:200],
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(results, request, view=self)
        return paginator.get_paginated_response(SearchResultSerializer(page, many=True).data)


class QuoteSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    attribution = serializers.CharField()
    receipt = serializers.DictField(child=serializers.CharField())


class QuotesApi(APIView):
    """Coded spans whose consent allows quotation, with their attribution and receipt."""

    permission_classes = [Analysts]

    @extend_schema(
        parameters=[OpenApiParameter("page", int), *FILTER_PARAMETERS],
        responses=QuoteSerializer(many=True),
    )
    def get(self, request):
        filters = _filters(request)
        applications = selectors.quotes_for_user(
            user=request.user, filters=filters, code_id=filters.code_id
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(applications, request, view=self)
        quotes = [q.__dict__ for q in exporters.quotes_from(page)]
        return paginator.get_paginated_response(QuoteSerializer(quotes, many=True).data)


class ExportJobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "dataset",
            "format",
            "filters",
            "status",
            "total",
            "processed",
            "percent",
            "filename",
            "created_at",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return reverse("api:analysis-export-download", kwargs={"job_id": job.pk})


class ExportCreateSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=ExportJob.Dataset.choices)
    format = serializers.ChoiceField(choices=ExportJob.Format.choices)
    filters = FiltersSerializer(required=False)


class ExportListApi(APIView):
    """Start an export (it runs in the background; poll it) or list one's own exports."""

    permission_classes = [Analysts]

    @extend_schema(responses=ExportJobSerializer(many=True))
    def get(self, request):
        jobs = ExportJob.objects.filter(user=request.user).order_by("-created_at")[:50]
        return Response(ExportJobSerializer(jobs, many=True).data)

    @extend_schema(request=ExportCreateSerializer, responses={202: ExportJobSerializer})
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


def _own_job(request, job_id) -> ExportJob:
    # SECURITY: another user's export is a 404.
    return get_object_or_404(ExportJob.objects.filter(user=request.user), pk=job_id)


class ExportDetailApi(APIView):
    permission_classes = [Analysts]

    @extend_schema(responses=ExportJobSerializer)
    def get(self, request, job_id):
        return Response(ExportJobSerializer(_own_job(request, job_id)).data)


class ExportDownloadApi(APIView):
    permission_classes = [Analysts]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, job_id):
        job = _own_job(request, job_id)
        if job.status != ExportJob.Status.DONE or not job.file:
            raise Http404
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
