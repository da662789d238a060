"""API: create a story with its consent, read one's receipts, withdraw by code; researchers
read research copies; facilitators read counts. Thin: every write goes through services."""

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM, Role
from audit.models import Action
from audit.services import audit_record
from core.pagination import KeysetPagination, ListApiMixin
from core.permissions import roles_allowed
from events.selectors import event_list_for_user
from testimonies import ratelimit, selectors, services
from testimonies.exports import participant_data_export
from testimonies.filters import ResearchCopyFilter
from testimonies.models import ConsentChange
from testimonies.receipts import testimony_receipt
from testimonies.serializers import (
    ConsentTextSerializer,
    CountsSerializer,
    ReceiptSerializer,
    ResearchCopySerializer,
    SubmissionResultSerializer,
    TestimonyCreateSerializer,
    WithdrawalResultSerializer,
    WithdrawalSerializer,
)

RESEARCH = roles_allowed(*RESEARCH_TEAM)


class ConsentTextCurrentApi(APIView):
    # NOTE: public by decision: the consent text is what every participant must be able to
    # read before consenting; clients show it and send back its language and version.
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="consent_texts_current_retrieve",
        responses=ConsentTextSerializer,
        parameters=[OpenApiParameter("language", OpenApiTypes.STR, required=False)],
        summary="The consent text to show before a story (latest version in a language)",
    )
    def get(self, request):
        text = selectors.consent_text_current(
            language=(request.query_params.get("language") or "en")[:16]
        )
        if text is None:
            raise NotFound("No consent text is published.")
        return Response(ConsentTextSerializer(text).data)


class TestimonyCreateApi(APIView):
    # NOTE: public by decision (issue 4): the event token is the credential, as on the
    # participant link; signed-in callers get the story linked to their account.
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]

    @extend_schema(
        operation_id="testimonies_create",
        request=TestimonyCreateSerializer,
        responses={
            201: SubmissionResultSerializer,
            200: SubmissionResultSerializer,
            409: OpenApiResponse(
                description="The Idempotency-Key was already used by this caller with another "
                "payload: nothing changed."
            ),
        },
        summary="Submit a story with its consent (by event token, or as the event's facilitator)",
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False
            )
        ],
    )
    def post(self, request):
        serializer = TestimonyCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        draft = services.submission_draft_for_api(
            user=request.user,
            event_token=data.get("event_token", ""),
            event_id=data.get("event"),
            consent_language=data["consent_language"],
            consent_version=data["consent_version"],
            consent_method=data.get("consent_method", ""),
            submission_key=data.get("submission_key") or request.headers.get("Idempotency-Key"),
            answers=serializer.draft_answers(),
        )
        submission = services.testimony_create(draft=draft)
        body = {
            "receipt": testimony_receipt(testimony=submission.testimony, request=request),
            "withdrawal_code": submission.withdrawal_code,
            "created": submission.created,
        }
        response = Response(body, status=status.HTTP_201_CREATED if submission.created else 200)
        response["Cache-Control"] = "no-store"
        return response


class ReceiptListApi(ListApiMixin, APIView):
    # NOTE: receipts are built by testimonies.receipts (a Kantara document per story), not by a
    # serializer, so this list pages by hand with the project's paginator; ListApiMixin lets
    # the schema document the page and its envelope (issue 14).
    permission_classes = [roles_allowed()]

    @extend_schema(
        operation_id="receipts_list",
        responses=ReceiptSerializer(many=True),
        summary="My consent receipts",
    )
    def get(self, request):
        testimonies = selectors.testimonies_for_participant(user=request.user).select_related(
            "participant"
        )
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(testimonies, request, view=self)
        return paginator.get_paginated_response(
            [testimony_receipt(testimony=t, request=request) for t in page]
        )


class ReceiptDetailApi(APIView):
    permission_classes = [roles_allowed()]

    @extend_schema(
        operation_id="receipts_retrieve",
        responses=ReceiptSerializer,
        summary="One of my consent receipts",
    )
    def get(self, request, public_id):
        testimony = get_object_or_404(
            selectors.testimonies_for_participant(user=request.user), public_id=public_id
        )
        return Response(testimony_receipt(testimony=testimony, request=request))


class WithdrawalApi(APIView):
    # NOTE: public by decision: the withdrawal code is the credential. Wrong codes are
    # rate-limited per client (cache only) on top of the scoped throttle.
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "withdrawal"

    @extend_schema(
        operation_id="withdrawals_create",
        request=WithdrawalSerializer,
        responses=WithdrawalResultSerializer,
        summary="Withdraw some scopes, or everything, with the withdrawal code",
    )
    def post(self, request):
        serializer = WithdrawalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            testimony = services.testimony_for_withdrawal_code(
                code=data["code"], client_key=ratelimit.client_key_for_request(request)
            )
        except services.WithdrawalLocked as error:
            return Response({"detail": error.message}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if not testimony.is_active:
            return Response({"status": testimony.status, "scopes": []})
        testimony = services.testimony_withdraw(
            testimony=testimony,
            scopes=None if data["everything"] else data["scopes"],
            actor=ConsentChange.Actor.CODE,
        )
        return Response({"status": testimony.status, "scopes": testimony.scopes()})


class ResearchCopyListApi(ListApiMixin, APIView):
    permission_classes = [RESEARCH]
    pagination_class = KeysetPagination
    filterset_class = ResearchCopyFilter

    @extend_schema(
        operation_id="research_copies_list",
        responses=ResearchCopySerializer(many=True),
        summary="Research copies (redacted) of active stories that allow research",
    )
    def get(self, request):
        copies = self.filter_queryset(selectors.research_copies_for_user(user=request.user))
        return self.paginated_response(queryset=copies, serializer_class=ResearchCopySerializer)


class ResearchCopyDetailApi(APIView):
    permission_classes = [RESEARCH]

    @extend_schema(
        operation_id="research_copies_retrieve",
        responses=ResearchCopySerializer,
        summary="One research copy (redacted)",
    )
    def get(self, request, public_id):
        copy = get_object_or_404(
            selectors.research_copies_for_user(user=request.user), testimony__public_id=public_id
        )
        audit_record(
            action=Action.RESEARCH_COPY_READ, target=copy.testimony, details={"via": "api"}
        )
        return Response(ResearchCopySerializer(copy).data)


class EventTestimonyCountsApi(APIView):
    permission_classes = [roles_allowed(Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN)]

    @extend_schema(
        operation_id="events_testimony_counts_retrieve",
        responses=CountsSerializer,
        summary="Counts of an event's stories (no text)",
    )
    def get(self, request, event_id):
        event = get_object_or_404(event_list_for_user(user=request.user), pk=event_id)
        return Response(selectors.testimony_counts_for_event(event=event))


class MyDataApi(APIView):
    permission_classes = [roles_allowed()]

    @extend_schema(
        operation_id="my_data_retrieve",
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
        summary="Everything Entendu holds about me (JSON)",
    )
    def get(self, request):
        response = StreamingHttpResponse(
            participant_data_export(user=request.user, request=request),
            content_type="application/json; charset=utf-8",
        )
        response["Cache-Control"] = "no-store"
        return response
