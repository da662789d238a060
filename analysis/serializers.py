"""The analysis API's serializers: the shared filters, charts, search results, quotes, exports."""

from django.urls import reverse
from rest_framework import serializers

from analysis.models import ExportJob
from analysis.selectors import AnalysisFilters
from core.filtering import MAX_ID


class FiltersSerializer(serializers.Serializer):
    event = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    country = serializers.CharField(required=False, max_length=2, allow_blank=True)
    language = serializers.CharField(required=False, max_length=16, allow_blank=True)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    code = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)

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


class AnalysisChartSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    threshold = serializers.IntegerField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField())


class SearchResultSerializer(serializers.Serializer):
    story_id = serializers.UUIDField(source="testimony.public_id")
    event = serializers.CharField(source="testimony.event.title")
    country = serializers.CharField(source="testimony.event.country")
    language = serializers.CharField()
    submitted_at = serializers.DateTimeField(source="testimony.submitted_at")
    title = serializers.CharField(source="redacted_title")
    text = serializers.CharField(source="redacted_text")


class QuoteSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Every code on the passage, joined by “; ”.")
    codes = serializers.ListField(child=serializers.CharField(), help_text="The codes, one by one.")
    text = serializers.CharField()
    attribution = serializers.CharField()
    receipt = serializers.DictField(child=serializers.CharField())


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
