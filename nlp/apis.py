"""The NLP API: bulk jobs and their progress, lexicon entries, classifier versions, failures.

Researchers and admins use everything but failures, which only admins see. Writes go through
``nlp.services``; reads through ``nlp.selectors``.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM, Role
from core.pagination import ListApiMixin, paginated_response
from core.permissions import roles_allowed
from nlp import selectors, services
from nlp.models import LexiconEntry
from nlp.pipelines import SUPPORTED_LANGUAGES
from nlp.serializers import (
    ClassifierVersionSerializer,
    FailureSerializer,
    JobCreateSerializer,
    JobProgressSerializer,
    JobSerializer,
    LexiconEntrySerializer,
    LexiconEntryUpdateSerializer,
)
from testimonies.selectors import research_copies_for_user

ResearchRoles = roles_allowed(*RESEARCH_TEAM)
AdminRole = roles_allowed(Role.ADMIN)


class JobListApi(ListApiMixin, APIView):
    permission_classes = [ResearchRoles]

    @extend_schema(operation_id="nlp_jobs_list", responses=JobSerializer(many=True))
    def get(self, request):
        jobs = selectors.job_list_for_user(user=request.user)
        return self.paginated_response(queryset=jobs, serializer_class=JobSerializer)

    @extend_schema(
        operation_id="nlp_jobs_create", request=JobCreateSerializer, responses={201: JobSerializer}
    )
    def post(self, request):
        data = JobCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.job_create(user=request.user, **data.validated_data)
        return Response(JobSerializer(job).data, status=status.HTTP_201_CREATED)


class JobDetailApi(APIView):
    permission_classes = [ResearchRoles]

    @extend_schema(operation_id="nlp_jobs_retrieve", responses=JobProgressSerializer)
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


class LexiconEntryListApi(ListApiMixin, APIView):
    permission_classes = [ResearchRoles]

    @extend_schema(
        operation_id="nlp_lexicon_entries_list",
        parameters=[
            OpenApiParameter("language", str, enum=sorted(SUPPORTED_LANGUAGES)),
            OpenApiParameter("code", str, description="A code's key"),
        ],
        responses=LexiconEntrySerializer(many=True),
    )
    def get(self, request):
        language = request.query_params.get("language", "")
        entries = selectors.lexicon_entries_for_user(
            user=request.user,
            language=language if language in SUPPORTED_LANGUAGES else "",
            code_key=request.query_params.get("code", ""),
        )
        return self.paginated_response(queryset=entries, serializer_class=LexiconEntrySerializer)

    @extend_schema(
        operation_id="nlp_lexicon_entries_create",
        request=LexiconEntrySerializer,
        responses={201: LexiconEntrySerializer},
    )
    def post(self, request):
        data = LexiconEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        entry = services.lexicon_entry_create(
            language=values["language"],
            code_key=values["code_key"],
            kind=values.get("kind", LexiconEntry.Kind.TERM),
            value=values["value"],
            user=request.user,
        )
        return Response(LexiconEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class LexiconEntryDetailApi(APIView):
    permission_classes = [ResearchRoles]

    def _entry(self, request, pk):
        return get_object_or_404(selectors.lexicon_entries_for_user(user=request.user), pk=pk)

    @extend_schema(operation_id="nlp_lexicon_entries_retrieve", responses=LexiconEntrySerializer)
    def get(self, request, pk: int):
        return Response(LexiconEntrySerializer(self._entry(request, pk)).data)

    @extend_schema(
        operation_id="nlp_lexicon_entries_partial_update",
        request=LexiconEntryUpdateSerializer,
        responses=LexiconEntrySerializer,
    )
    def patch(self, request, pk: int):
        entry = self._entry(request, pk)
        data = LexiconEntryUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.lexicon_entry_update(
            entry=entry, user=request.user, is_active=data.validated_data["is_active"]
        )
        return Response(LexiconEntrySerializer(entry).data)

    @extend_schema(operation_id="nlp_lexicon_entries_destroy", responses={204: None})
    def delete(self, request, pk: int):
        services.lexicon_entry_delete(entry=self._entry(request, pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ClassifierVersionListApi(ListApiMixin, APIView):
    permission_classes = [ResearchRoles]

    # NOTE: the published operation id says "retrieve" and the schema names no page parameter
    # (the page parameter works); both are kept until the API itself is meant to change.
    @extend_schema(
        operation_id="nlp_classifier_versions_retrieve",
        responses=ClassifierVersionSerializer(many=True),
    )
    def get(self, request):
        return paginated_response(
            request=request,
            queryset=selectors.classifier_versions_for_user(user=request.user),
            serializer_class=ClassifierVersionSerializer,
            view=self,
        )


class ClassifierTrainApi(APIView):
    permission_classes = [ResearchRoles]

    @extend_schema(
        operation_id="nlp_classifier_versions_train_create", request=None, responses={202: None}
    )
    def post(self, request):
        services.classifier_request(user=request.user)
        return Response({"detail": "Training has been queued."}, status=status.HTTP_202_ACCEPTED)


class FailureListApi(ListApiMixin, APIView):
    permission_classes = [AdminRole]

    # NOTE: as for classifier versions, the published operation id and parameters are kept.
    @extend_schema(
        operation_id="nlp_failures_retrieve",
        parameters=[OpenApiParameter("all", str, enum=["1"], description="Resolved ones too")],
        responses=FailureSerializer(many=True),
    )
    def get(self, request):
        include = request.query_params.get("all") == "1"
        return paginated_response(
            request=request,
            queryset=selectors.failures_for_user(user=request.user, include_resolved=include),
            serializer_class=FailureSerializer,
            view=self,
        )


class StoryAnalyseApi(APIView):
    """Queue the whole NLP pass again for one story a researcher can read."""

    permission_classes = [ResearchRoles]

    @extend_schema(operation_id="nlp_stories_analyse_create", request=None, responses={202: None})
    def post(self, request, testimony_id: int):
        copy = get_object_or_404(
            research_copies_for_user(user=request.user), testimony_id=testimony_id
        )
        services.testimony_analyse_request(testimony_id=copy.testimony_id)
        return Response({"detail": "Queued."}, status=status.HTTP_202_ACCEPTED)
