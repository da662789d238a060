"""The NLP API: bulk jobs and their progress, lexicon entries, classifier versions, failures.

Researchers and admins use everything but failures, which only admins see. Writes go through
``nlp.services``; reads through ``nlp.selectors``.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM, Role
from core.permissions import roles_allowed
from nlp import selectors, services
from nlp.models import (
    JOB_BATCH_SIZE,
    JOB_MAX_BATCH_SIZE,
    ClassifierVersion,
    LexiconEntry,
    NlpFailure,
    NlpJob,
)
from nlp.pipelines import SUPPORTED_LANGUAGES

ResearchRoles = roles_allowed(*RESEARCH_TEAM)
AdminRole = roles_allowed(Role.ADMIN)


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = NlpJob
        fields = [
            "id", "kind", "status", "filters", "batch_size", "total", "processed", "failed",
            "percent", "created_at", "finished_at",
        ]  # fmt: skip


class JobCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NlpJob.Kind.choices)
    filters = serializers.DictField(required=False, default=dict)
    batch_size = serializers.IntegerField(
        required=False, default=JOB_BATCH_SIZE, min_value=1, max_value=JOB_MAX_BATCH_SIZE
    )


class JobProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    filters = serializers.DictField()
    batch_size = serializers.IntegerField()
    total = serializers.IntegerField()
    processed = serializers.IntegerField()
    failed = serializers.IntegerField()
    percent = serializers.IntegerField()
    batches = serializers.DictField(child=serializers.IntegerField())
    created_at = serializers.CharField(allow_null=True)
    finished_at = serializers.CharField(allow_null=True)


class JobListCreateApi(GenericAPIView):
    permission_classes = [ResearchRoles]
    serializer_class = JobSerializer

    def get_queryset(self):
        return selectors.job_list_for_user(user=self.request.user)

    @extend_schema(operation_id="nlp_jobs_list", responses=JobSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(JobSerializer(page, many=True).data)

    @extend_schema(request=JobCreateSerializer, responses={201: JobSerializer})
    def post(self, request):
        data = JobCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.job_create(user=request.user, **data.validated_data)
        return Response(JobSerializer(job).data, status=status.HTTP_201_CREATED)


class JobDetailApi(APIView):
    permission_classes = [ResearchRoles]

    @extend_schema(responses=JobProgressSerializer)
    def get(self, request, pk: int):
        job = get_object_or_404(selectors.job_list_for_user(user=request.user), pk=pk)
        return Response(selectors.job_progress(job=job))


class JobActionApi(APIView):
    permission_classes = [ResearchRoles]
    actions = {"pause": services.job_pause, "resume": services.job_resume,
               "cancel": services.job_cancel}  # fmt: skip

    @extend_schema(operation_id="nlp_jobs_action", request=None, responses=JobProgressSerializer)
    def post(self, request, pk: int, action: str):
        if action not in self.actions:
            return Response({"detail": "Unknown action."}, status=status.HTTP_404_NOT_FOUND)
        job = get_object_or_404(selectors.job_list_for_user(user=request.user), pk=pk)
        job = self.actions[action](job=job, user=request.user)
        job.refresh_from_db()
        return Response(selectors.job_progress(job=job))


class LexiconEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = LexiconEntry
        fields = ["id", "language", "code_key", "kind", "value", "is_active", "source",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["source", "created_at", "updated_at"]
        # NOTE: uniqueness is checked by the service (a clear 400), not by the serializer.
        validators: list = []


class LexiconEntryUpdateSerializer(serializers.Serializer):
    is_active = serializers.BooleanField()


class LexiconListCreateApi(GenericAPIView):
    permission_classes = [ResearchRoles]
    serializer_class = LexiconEntrySerializer

    def get_queryset(self):
        language = self.request.query_params.get("language", "")
        code = self.request.query_params.get("code", "")
        return selectors.lexicon_entries_for_user(
            user=self.request.user,
            language=language if language in SUPPORTED_LANGUAGES else "",
            code_key=code,
        )

    @extend_schema(
        operation_id="nlp_lexicon_entries_list", responses=LexiconEntrySerializer(many=True)
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(LexiconEntrySerializer(page, many=True).data)

    def post(self, request):
        data = LexiconEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entry = services.lexicon_entry_create(
            language=v["language"],
            code_key=v["code_key"],
            kind=v.get("kind", LexiconEntry.Kind.TERM),
            value=v["value"],
            user=request.user,
        )
        return Response(LexiconEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class LexiconDetailApi(APIView):
    permission_classes = [ResearchRoles]

    def _entry(self, request, pk):
        return get_object_or_404(selectors.lexicon_entries_for_user(user=request.user), pk=pk)

    @extend_schema(responses=LexiconEntrySerializer)
    def get(self, request, pk: int):
        return Response(LexiconEntrySerializer(self._entry(request, pk)).data)

    @extend_schema(request=LexiconEntryUpdateSerializer, responses=LexiconEntrySerializer)
    def patch(self, request, pk: int):
        entry = self._entry(request, pk)
        data = LexiconEntryUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.lexicon_entry_update(
            entry=entry, user=request.user, is_active=data.validated_data["is_active"]
        )
        return Response(LexiconEntrySerializer(entry).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.lexicon_entry_delete(entry=self._entry(request, pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ClassifierVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassifierVersion
        fields = ["version", "status", "labels", "train_size", "heldout_size", "classifier_f1",
                  "lexicon_f1", "scores", "is_active", "created_at", "finished_at"]  # fmt: skip


class ClassifierListApi(GenericAPIView):
    permission_classes = [ResearchRoles]
    serializer_class = ClassifierVersionSerializer

    def get_queryset(self):
        return selectors.classifier_versions_for_user(user=self.request.user)

    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ClassifierVersionSerializer(page, many=True).data)


class ClassifierTrainApi(APIView):
    permission_classes = [ResearchRoles]

    @extend_schema(request=None, responses={202: None})
    def post(self, request):
        services.classifier_request(user=request.user)
        return Response({"detail": "Training has been queued."}, status=status.HTTP_202_ACCEPTED)


class FailureSerializer(serializers.ModelSerializer):
    class Meta:
        model = NlpFailure
        fields = ["id", "task_name", "task_id", "testimony_id", "job", "batch",
                  "exception_type", "location", "retries", "created_at", "resolved_at"]  # fmt: skip


class FailureListApi(GenericAPIView):
    permission_classes = [AdminRole]
    serializer_class = FailureSerializer

    def get_queryset(self):
        include = self.request.query_params.get("all") == "1"
        return selectors.failures_for_user(user=self.request.user, include_resolved=include)

    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(FailureSerializer(page, many=True).data)


class StoryAnalyseApi(APIView):
    """Queue the whole NLP pass again for one story a researcher can read."""

    permission_classes = [ResearchRoles]

    @extend_schema(request=None, responses={202: None})
    def post(self, request, testimony_id: int):
        from testimonies.selectors import research_copies_for_user

        copy = get_object_or_404(
            research_copies_for_user(user=request.user), testimony_id=testimony_id
        )
        services.testimony_analyse_request(testimony_id=copy.testimony_id)
        return Response({"detail": "Queued."}, status=status.HTTP_202_ACCEPTED)
