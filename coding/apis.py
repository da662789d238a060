"""Coding API: codebooks, codes, applications, suggestions, memos and agreement reports.

Researchers and admins only. Codebook changes also need ``coding.manage_codebook`` (admins hold
it by role). Offsets are Unicode code points of the research copy, end exclusive.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM
from coding import exchange, selectors, services
from coding.models import CodeApplication, Memo, Reconciliation
from coding.serializers import (
    AgreementReportSerializer,
    ApplicationCreateSerializer,
    ApplicationSerializer,
    ApplicationUpdateSerializer,
    CodebookSerializer,
    CodebookVersionSerializer,
    CodeMergeSerializer,
    CodeMoveSerializer,
    CodeSerializer,
    CodeUpdateSerializer,
    DisagreementSerializer,
    MemoSerializer,
    MemoUpdateSerializer,
    ReconciliationSerializer,
    SuggestionReviewSerializer,
)
from core.permissions import roles_allowed
from events.models import Event

CODERS = roles_allowed(*RESEARCH_TEAM)


def _manager(request) -> None:
    if not selectors.can_manage_codebook(request.user):
        raise PermissionDenied("You need the right to manage codebooks.")


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ValidationError({name: ["A whole number is required."]}) from exc


class CodingApi(APIView):
    permission_classes = [CODERS]

    def paginate(self, queryset, serializer_class):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True).data)


# Codebooks ------------------------------------------------------------------------------------


class CodebookListApi(CodingApi):
    @extend_schema(responses=CodebookSerializer(many=True))
    def get(self, request):
        return self.paginate(selectors.codebooks_for_user(user=request.user), CodebookSerializer)

    @extend_schema(request=CodebookSerializer, responses={201: CodebookSerializer})
    def post(self, request):
        _manager(request)
        data = CodebookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        book = services.codebook_create(
            name=data.validated_data["name"],
            description=data.validated_data.get("description", ""),
            user=request.user,
        )
        return Response(CodebookSerializer(book).data, status=status.HTTP_201_CREATED)


class CodebookDetailApi(CodingApi):
    @extend_schema(responses=CodebookSerializer)
    def get(self, request, pk: int):
        book = get_object_or_404(selectors.codebooks_for_user(user=request.user), pk=pk)
        return Response(CodebookSerializer(book).data)


class CodebookVersionListApi(CodingApi):
    @extend_schema(responses=CodebookVersionSerializer(many=True))
    def get(self, request, pk: int):
        book = get_object_or_404(selectors.codebooks_for_user(user=request.user), pk=pk)
        versions = book.versions.select_related("created_by").order_by("-number")
        return self.paginate(versions, CodebookVersionSerializer)


class CodebookExportApi(CodingApi):
    @extend_schema(
        parameters=[OpenApiParameter("type", str, enum=["qdc", "csv"], default="qdc")],
        responses={(200, "application/xml"): OpenApiTypes.BINARY},
        description="The codebook as REFI-QDA .qdc (default) or CSV.",
    )
    def get(self, request, pk: int):
        book = get_object_or_404(selectors.codebooks_for_user(user=request.user), pk=pk)
        fmt = request.query_params.get("type", "qdc")
        if fmt == "csv":
            response = HttpResponse(
                exchange.codebook_export_csv(codebook=book), content_type="text/csv"
            )
        else:
            fmt = "qdc"
            response = HttpResponse(
                exchange.codebook_export_qdc(codebook=book), content_type="application/xml"
            )
        response["Content-Disposition"] = f'attachment; filename="{book.slug}.{fmt}"'
        return response


class CodebookImportApi(CodingApi):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "name": {"type": "string"},
                },
                "required": ["file"],
            }
        },
        responses={201: CodebookSerializer},
        description="Create a codebook from a REFI-QDA .qdc file or a CSV file (by extension).",
    )
    def post(self, request):
        _manager(request)
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Send a .qdc or .csv file."]})
        if upload.size > exchange.MAX_IMPORT_BYTES:
            raise ValidationError({"file": ["The file is larger than 2 MB."]})
        name = request.data.get("name", "")
        data = upload.read()
        if upload.name.lower().endswith(".csv"):
            book = exchange.codebook_import_csv(
                data=data, user=request.user, name=name or upload.name[:-4]
            )
        else:
            book = exchange.codebook_import_qdc(data=data, user=request.user, name=name)
        return Response(CodebookSerializer(book).data, status=status.HTTP_201_CREATED)


# Codes ----------------------------------------------------------------------------------------


class CodeListApi(CodingApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("codebook", int),
            OpenApiParameter("parent", int),
            OpenApiParameter("archived", bool),
        ],
        responses=CodeSerializer(many=True),
    )
    def get(self, request):
        codes = selectors.codes_for_user(user=request.user)
        codebook = _int_param(request, "codebook")
        if codebook is not None:
            codes = codes.filter(codebook_id=codebook)
        parent = _int_param(request, "parent")
        if parent is not None:
            codes = codes.filter(parent_id=parent)
        if request.query_params.get("archived") != "true":
            codes = codes.filter(is_archived=False)
        return self.paginate(codes, CodeSerializer)

    @extend_schema(request=CodeSerializer, responses={201: CodeSerializer})
    def post(self, request):
        _manager(request)
        data = CodeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        book = fields.pop("codebook")
        code = services.code_create(codebook=book, user=request.user, **fields)
        return Response(CodeSerializer(code).data, status=status.HTTP_201_CREATED)


class CodeDetailApi(CodingApi):
    def get_object(self, pk):
        return get_object_or_404(selectors.codes_for_user(user=self.request.user), pk=pk)

    @extend_schema(responses=CodeSerializer)
    def get(self, request, pk: int):
        return Response(CodeSerializer(self.get_object(pk)).data)

    @extend_schema(request=CodeUpdateSerializer, responses=CodeSerializer)
    def patch(self, request, pk: int):
        """Rename a code or change its description, criteria, example or colour."""
        _manager(request)
        code = self.get_object(pk)
        data = CodeUpdateSerializer(code, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        code = services.code_update(code=code, user=request.user, **data.validated_data)
        return Response(CodeSerializer(code).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        """Delete a code nobody has applied (otherwise merge it: 400)."""
        _manager(request)
        services.code_delete(code=self.get_object(pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CodeMoveApi(CodingApi):
    @extend_schema(request=CodeMoveSerializer, responses=CodeSerializer)
    def post(self, request, pk: int):
        _manager(request)
        code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=pk)
        data = CodeMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        code = services.code_move(code=code, user=request.user, **data.validated_data)
        return Response(CodeSerializer(code).data)


class CodeMergeApi(CodingApi):
    @extend_schema(
        request=CodeMergeSerializer,
        responses=CodeSerializer,
        description="Merge this code into `target`: every application moves to the target.",
    )
    def post(self, request, pk: int):
        _manager(request)
        code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=pk)
        data = CodeMergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = services.code_merge(
            source=code, target=data.validated_data["target"], user=request.user
        )
        return Response(CodeSerializer(target).data)


# Applications ---------------------------------------------------------------------------------

APPLICATION_FILTERS = [
    OpenApiParameter("story", int),
    OpenApiParameter("code", int),
    OpenApiParameter("coder", int),
    OpenApiParameter("mine", bool, description="Only my applications (blind coding)"),
]


def _filter_applications(request, qs):
    for name, field in (("story", "testimony_id"), ("code", "code_id"), ("coder", "coder_id")):
        value = _int_param(request, name)
        if value is not None:
            qs = qs.filter(**{field: value})
    if request.query_params.get("mine") == "true":
        qs = qs.filter(coder=request.user)
    return qs


class ApplicationListApi(CodingApi):
    @extend_schema(
        parameters=[
            *APPLICATION_FILTERS,
            OpenApiParameter("source", str, enum=["human", "machine"]),
        ],
        responses=ApplicationSerializer(many=True),
    )
    def get(self, request):
        qs = _filter_applications(request, selectors.applications_for_user(user=request.user))
        source = request.query_params.get("source")
        if source in CodeApplication.Source.values:
            qs = qs.filter(source=source)
        return self.paginate(qs, ApplicationSerializer)

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def post(self, request):
        data = ApplicationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        copy = selectors.research_copy_for_coding(user=request.user, testimony_id=values["story"])
        if copy is None:
            raise ValidationError({"story": ["No story you may code has this id."]})
        code = selectors.codes_for_user(user=request.user).filter(pk=values["code"]).first()
        if code is None:
            raise ValidationError({"code": ["No code has this id."]})
        application = services.application_create(
            testimony=copy.testimony,
            code=code,
            coder=request.user,
            start=values.get("start"),
            end=values.get("end"),
            comment=values.get("comment", ""),
        )
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class ApplicationDetailApi(CodingApi):
    def get_object(self, pk):
        return get_object_or_404(selectors.applications_for_user(user=self.request.user), pk=pk)

    @extend_schema(responses=ApplicationSerializer)
    def get(self, request, pk: int):
        return Response(ApplicationSerializer(self.get_object(pk)).data)

    @extend_schema(request=ApplicationUpdateSerializer, responses=ApplicationSerializer)
    def patch(self, request, pk: int):
        application = self.get_object(pk)
        data = ApplicationUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_update(
            application=application, user=request.user, comment=data.validated_data["comment"]
        )
        return Response(ApplicationSerializer(application).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.application_delete(application=self.get_object(pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Suggestions ----------------------------------------------------------------------------------


class SuggestionListApi(CodingApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("story", int),
            OpenApiParameter("code", int),
            OpenApiParameter(
                "status", str, enum=["suggested", "accepted", "rejected"], default="suggested"
            ),
        ],
        responses=ApplicationSerializer(many=True),
    )
    def get(self, request):
        qs = _filter_applications(request, selectors.suggestions_for_user(user=request.user))
        wanted = request.query_params.get("status", CodeApplication.Status.SUGGESTED)
        if wanted in CodeApplication.Status.values:
            qs = qs.filter(status=wanted)
        return self.paginate(qs, ApplicationSerializer)


class SuggestionReviewApi(CodingApi):
    decision = "accept"

    @extend_schema(request=SuggestionReviewSerializer, responses=ApplicationSerializer)
    def post(self, request, pk: int):
        """Accept (returns the researcher's own new application) or reject (returns the
        suggestion, kept as rejected)."""
        suggestion = get_object_or_404(selectors.suggestions_for_user(user=request.user), pk=pk)
        data = SuggestionReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if self.decision == "accept":
            result = services.suggestion_accept(
                suggestion=suggestion,
                user=request.user,
                comment=data.validated_data.get("comment", ""),
            )
        else:
            result = services.suggestion_reject(suggestion=suggestion, user=request.user)
        return Response(ApplicationSerializer(result).data)


class SuggestionAcceptApi(SuggestionReviewApi):
    decision = "accept"


class SuggestionRejectApi(SuggestionReviewApi):
    decision = "reject"


# Memos ----------------------------------------------------------------------------------------


class MemoListApi(CodingApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=Memo.Kind.values),
            OpenApiParameter("story", int),
            OpenApiParameter("code", int),
        ],
        responses=MemoSerializer(many=True),
    )
    def get(self, request):
        qs = selectors.memos_for_user(user=request.user)
        kind = request.query_params.get("kind")
        if kind in Memo.Kind.values:
            qs = qs.filter(kind=kind)
        for name, field in (("story", "testimony_id"), ("code", "code_id")):
            value = _int_param(request, name)
            if value is not None:
                qs = qs.filter(**{field: value})
        return self.paginate(qs, MemoSerializer)

    @extend_schema(request=MemoSerializer, responses={201: MemoSerializer})
    def post(self, request):
        data = MemoSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        testimony = None
        if values.get("testimony_id") is not None:
            copy = selectors.research_copy_for_coding(
                user=request.user, testimony_id=values["testimony_id"]
            )
            if copy is None:
                raise ValidationError({"story": ["No story you may code has this id."]})
            testimony = copy.testimony
        memo = services.memo_create(
            author=request.user,
            title=values["title"],
            body=values["body"],
            code=values.get("code"),
            testimony=testimony,
        )
        return Response(MemoSerializer(memo).data, status=status.HTTP_201_CREATED)


class MemoDetailApi(CodingApi):
    def get_object(self, pk):
        return get_object_or_404(selectors.memos_for_user(user=self.request.user), pk=pk)

    @extend_schema(responses=MemoSerializer)
    def get(self, request, pk: int):
        return Response(MemoSerializer(self.get_object(pk)).data)

    @extend_schema(request=MemoUpdateSerializer, responses=MemoSerializer)
    def patch(self, request, pk: int):
        memo = self.get_object(pk)
        data = MemoUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        memo = services.memo_update(
            memo=memo,
            user=request.user,
            title=data.validated_data.get("title", memo.title),
            body=data.validated_data.get("body", memo.body),
        )
        return Response(MemoSerializer(memo).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.memo_delete(memo=self.get_object(pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Agreement ------------------------------------------------------------------------------------

AGREEMENT_PARAMETERS = [
    OpenApiParameter("codebook", int, description="Default: the default codebook"),
    OpenApiParameter("event", int),
]


def _agreement_scope(request):
    books = selectors.codebooks_for_user(user=request.user)
    codebook_id = _int_param(request, "codebook")
    book = get_object_or_404(books, pk=codebook_id) if codebook_id is not None else books.first()
    if book is None:
        raise ValidationError({"codebook": ["There is no codebook."]})
    event_id = _int_param(request, "event")
    event = get_object_or_404(Event, pk=event_id) if event_id is not None else None
    return book, event


class AgreementApi(CodingApi):
    @extend_schema(
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
        group_id = _int_param(request, "group")
        group = (
            get_object_or_404(
                selectors.codes_for_user(user=request.user), pk=group_id, codebook=book
            )
            if group_id is not None
            else None
        )
        report = selectors.agreement_report(
            user=request.user,
            codebook=book,
            event=event,
            group=group,
            rollup=request.query_params.get("rollup") == "true",
        )
        return Response(AgreementReportSerializer(report).data)


class DisagreementListApi(CodingApi):
    @extend_schema(parameters=AGREEMENT_PARAMETERS, responses=DisagreementSerializer(many=True))
    def get(self, request):
        book, event = _agreement_scope(request)
        rows = selectors.disagreements(user=request.user, codebook=book, event=event)
        return self.paginate(rows, DisagreementSerializer)


class ReconciliationListApi(CodingApi):
    @extend_schema(
        parameters=AGREEMENT_PARAMETERS[:1], responses=ReconciliationSerializer(many=True)
    )
    def get(self, request):
        book, _event = _agreement_scope(request)
        qs = (
            Reconciliation.objects.filter(
                code__codebook=book,
                testimony_id__in=selectors.visible_testimony_ids(user=request.user),
            )
            .select_related("decided_by")
            .order_by("-decided_at", "-id")
        )
        return self.paginate(qs, ReconciliationSerializer)

    @extend_schema(
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
