"""Inter-coder agreement: the report, the disagreements and the team's reconciliations."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from coding import selectors, services
from coding.apis.common import CodingApi, int_param
from coding.models import Reconciliation
from coding.serializers import (
    AgreementReportSerializer,
    DisagreementSerializer,
    ReconciliationSerializer,
)
from core.pagination import KeysetPagination, ListApiMixin, paginated_response
from core.replica import replica_reads
from events.models import Event

AGREEMENT_PARAMETERS = [
    OpenApiParameter("codebook", int, description="Default: the default codebook"),
    OpenApiParameter("event", int),
]


def _agreement_scope(request):
    books = selectors.codebooks_for_user(user=request.user)
    codebook_id = int_param(request, "codebook")
    book = get_object_or_404(books, pk=codebook_id) if codebook_id is not None else books.first()
    if book is None:
        raise ValidationError({"codebook": ["There is no codebook."]})
    event_id = int_param(request, "event")
    event = get_object_or_404(Event, pk=event_id) if event_id is not None else None
    return book, event


class AgreementApi(CodingApi):
    @extend_schema(
        operation_id="agreement_retrieve",
        parameters=[
            *AGREEMENT_PARAMETERS,
            OpenApiParameter("group", int, description="A code whose sub-codes are exclusive"),
            OpenApiParameter(
                "rollup", bool, description="A sub-code also counts as every code above it"
            ),
        ],
        responses=AgreementReportSerializer,
        description=(
            "Per code, on document-level presence or absence in stories coded by two or more "
            "coders: percent agreement, Cohen's kappa for each pair of coders and Krippendorff's "
            "alpha (nominal, missing data allowed); and nominal alpha for each group of mutually "
            "exclusive codes. A figure that is not defined for the data is null."
        ),
    )
    def get(self, request):
        book, event = _agreement_scope(request)
        group_id = int_param(request, "group")
        group = (
            get_object_or_404(
                selectors.codes_for_user(user=request.user), pk=group_id, codebook=book
            )
            if group_id is not None
            else None
        )
        # NOTE: a read for analysis: from the replica when there is one (core/replica.py).
        with replica_reads():
            report = selectors.agreement_report(
                user=request.user,
                codebook=book,
                event=event,
                group=group,
                rollup=request.query_params.get("rollup") == "true",
            )
        return Response(AgreementReportSerializer(report).data)


class DisagreementListApi(ListApiMixin, CodingApi):
    pagination_class = KeysetPagination

    @extend_schema(
        operation_id="agreement_disagreements_list",
        parameters=AGREEMENT_PARAMETERS,
        responses=DisagreementSerializer(many=True),
    )
    def get(self, request):
        book, event = _agreement_scope(request)
        return paginated_response(
            request=request,
            queryset=selectors.disagreement_pairs(user=request.user, codebook=book, event=event),
            serializer_class=DisagreementSerializer,
            view=self,
            expand=lambda pairs: selectors.disagreement_rows(pairs, codebook=book),
        )


class ReconciliationListApi(ListApiMixin, CodingApi):
    @extend_schema(
        operation_id="agreement_reconciliations_list",
        parameters=AGREEMENT_PARAMETERS[:1],
        responses=ReconciliationSerializer(many=True),
    )
    def get(self, request):
        book, _event = _agreement_scope(request)
        reconciliations = (
            Reconciliation.objects.filter(
                code__codebook=book,
                testimony_id__in=selectors.visible_testimony_ids(user=request.user),
            )
            .select_related("decided_by")
            .order_by("-decided_at", "-id")
        )
        return paginated_response(
            request=request,
            queryset=reconciliations,
            serializer_class=ReconciliationSerializer,
            view=self,
        )

    @extend_schema(
        operation_id="agreement_reconciliations_create",
        request=ReconciliationSerializer,
        responses={201: ReconciliationSerializer},
        description="Record the team's decision on a disagreement (replaces an earlier one).",
    )
    def post(self, request):
        data = ReconciliationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        copy = selectors.research_copy_for_coding(
            user=request.user, testimony_id=values["testimony_id"]
        )
        if copy is None:
            raise ValidationError({"story": ["No story you may code has this id."]})
        code = selectors.codes_for_user(user=request.user).filter(pk=values["code_id"]).first()
        if code is None:
            raise ValidationError({"code": ["No code has this id."]})
        reconciliation = services.reconciliation_record(
            testimony=copy.testimony,
            code=code,
            user=request.user,
            decision=values["decision"],
            note=values.get("note", ""),
        )
        return Response(
            ReconciliationSerializer(reconciliation).data, status=status.HTTP_201_CREATED
        )
