"""Codebooks (list, create, import, export, versions) and their codes."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from audit.models import Action
from audit.services import audit_record
from coding import exchange, selectors, services
from coding.apis.common import (
    CodingApi,
    int_param,
    language_param,
    require_codebook_manager,
)
from coding.serializers import (
    CodebookSerializer,
    CodebookVersionSerializer,
    CodeMergeSerializer,
    CodeMoveSerializer,
    CodeSerializer,
    CodeUpdateSerializer,
)
from core.pagination import ListApiMixin, paginated_response
from core.parsers import FormParser, MultiPartParser

LANGUAGE_PARAMETER = OpenApiParameter(
    "language",
    str,
    description="Language of labels and descriptions (a tag such as fr or pt-BR); default the "
    "reader's. Missing texts fall back to English.",
)

# Codebooks ------------------------------------------------------------------------------------


def _codebook(request, pk):
    return get_object_or_404(selectors.codebooks_for_user(user=request.user), pk=pk)


class CodebookListApi(ListApiMixin, CodingApi):
    @extend_schema(operation_id="codebooks_list", responses=CodebookSerializer(many=True))
    def get(self, request):
        return paginated_response(
            request=request,
            queryset=selectors.codebooks_for_user(user=request.user),
            serializer_class=CodebookSerializer,
            view=self,
        )

    @extend_schema(
        operation_id="codebooks_create",
        request=CodebookSerializer,
        responses={201: CodebookSerializer},
    )
    def post(self, request):
        require_codebook_manager(request)
        data = CodebookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        book = services.codebook_create(
            name=data.validated_data["name"],
            description=data.validated_data.get("description", ""),
            user=request.user,
        )
        return Response(CodebookSerializer(book).data, status=status.HTTP_201_CREATED)


class CodebookDetailApi(CodingApi):
    @extend_schema(operation_id="codebooks_retrieve", responses=CodebookSerializer)
    def get(self, request, pk: int):
        return Response(CodebookSerializer(_codebook(request, pk)).data)


class CodebookVersionListApi(ListApiMixin, CodingApi):
    @extend_schema(
        operation_id="codebooks_versions_list", responses=CodebookVersionSerializer(many=True)
    )
    def get(self, request, pk: int):
        book = _codebook(request, pk)
        return paginated_response(
            request=request,
            queryset=book.versions.select_related("created_by").order_by("-number"),
            serializer_class=CodebookVersionSerializer,
            view=self,
        )


class CodebookExportApi(CodingApi):
    @extend_schema(
        operation_id="codebooks_export_retrieve",
        parameters=[
            OpenApiParameter("type", str, enum=["qdc", "csv"], default="qdc"),
            LANGUAGE_PARAMETER,
        ],
        responses={
            (200, "application/xml"): OpenApiTypes.BINARY,
            (200, "text/csv"): OpenApiTypes.BINARY,
        },
        description="The codebook as REFI-QDA .qdc (default) or CSV.",
    )
    def get(self, request, pk: int):
        book = _codebook(request, pk)
        fmt = request.query_params.get("type", "qdc")
        language = language_param(request)
        if fmt == "csv":
            response = HttpResponse(
                exchange.codebook_export_csv(codebook=book, language=language),
                content_type="text/csv",
            )
        else:
            fmt = "qdc"
            response = HttpResponse(
                exchange.codebook_export_qdc(codebook=book, language=language),
                content_type="application/xml",
            )
        audit_record(
            action=Action.EXPORT_DOWNLOADED,
            target=book,
            details={"dataset": "codebook", "format": fmt, "via": "api"},
        )
        response["Content-Disposition"] = f'attachment; filename="{book.slug}.{fmt}"'
        return response


class CodebookImportApi(CodingApi):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="codebooks_import_create",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "name": {"type": "string"},
                    "language": {
                        "type": "string",
                        "description": "Language of the code names in a .qdc file that does "
                        "not say (default en)",
                    },
                },
                "required": ["file"],
            }
        },
        responses={201: CodebookSerializer},
        description="Create a codebook from a REFI-QDA .qdc file or a CSV file (by extension).",
    )
    def post(self, request):
        require_codebook_manager(request)
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
            book = exchange.codebook_import_qdc(
                data=data,
                user=request.user,
                name=name,
                language=request.data.get("language") or "en",
            )
        return Response(CodebookSerializer(book).data, status=status.HTTP_201_CREATED)


# Codes ----------------------------------------------------------------------------------------


def _code(request, pk):
    return get_object_or_404(selectors.codes_for_user(user=request.user), pk=pk)


class CodeListApi(ListApiMixin, CodingApi):
    @extend_schema(
        operation_id="codes_list",
        parameters=[
            OpenApiParameter("codebook", int),
            OpenApiParameter("parent", int),
            OpenApiParameter("archived", bool),
            LANGUAGE_PARAMETER,
        ],
        responses=CodeSerializer(many=True),
    )
    def get(self, request):
        codes = selectors.codes_for_user(user=request.user)
        codebook = int_param(request, "codebook")
        if codebook is not None:
            codes = codes.filter(codebook_id=codebook)
        parent = int_param(request, "parent")
        if parent is not None:
            codes = codes.filter(parent_id=parent)
        if request.query_params.get("archived") != "true":
            codes = codes.filter(is_archived=False)
        with override(language_param(request)):
            return paginated_response(
                request=request, queryset=codes, serializer_class=CodeSerializer, view=self
            )

    @extend_schema(
        operation_id="codes_create", request=CodeSerializer, responses={201: CodeSerializer}
    )
    def post(self, request):
        require_codebook_manager(request)
        data = CodeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        book = fields.pop("codebook")
        code = services.code_create(codebook=book, user=request.user, **fields)
        return Response(CodeSerializer(code).data, status=status.HTTP_201_CREATED)


class CodeDetailApi(CodingApi):
    @extend_schema(
        operation_id="codes_retrieve", parameters=[LANGUAGE_PARAMETER], responses=CodeSerializer
    )
    def get(self, request, pk: int):
        code = _code(request, pk)
        with override(language_param(request)):
            return Response(CodeSerializer(code).data)

    @extend_schema(
        operation_id="codes_partial_update", request=CodeUpdateSerializer, responses=CodeSerializer
    )
    def patch(self, request, pk: int):
        """Rename a code or change its texts or colour. ``translations`` is laid over the stored
        texts field by field: an empty text or null removes a field, a null language removes
        that language."""
        require_codebook_manager(request)
        code = _code(request, pk)
        data = CodeUpdateSerializer(code, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        code = services.code_update(code=code, user=request.user, **data.validated_data)
        return Response(CodeSerializer(code).data)

    @extend_schema(operation_id="codes_destroy", responses={204: None})
    def delete(self, request, pk: int):
        """Delete a code nobody has applied (otherwise merge it: 400)."""
        require_codebook_manager(request)
        services.code_delete(code=_code(request, pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CodeMoveApi(CodingApi):
    @extend_schema(
        operation_id="codes_move_create", request=CodeMoveSerializer, responses=CodeSerializer
    )
    def post(self, request, pk: int):
        require_codebook_manager(request)
        code = _code(request, pk)
        data = CodeMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        code = services.code_move(code=code, user=request.user, **data.validated_data)
        return Response(CodeSerializer(code).data)


class CodeMergeApi(CodingApi):
    @extend_schema(
        operation_id="codes_merge_create",
        request=CodeMergeSerializer,
        responses=CodeSerializer,
        description="Merge this code into `target`: every application moves to the target.",
    )
    def post(self, request, pk: int):
        require_codebook_manager(request)
        code = _code(request, pk)
        data = CodeMergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = services.code_merge(
            source=code, target=data.validated_data["target"], user=request.user
        )
        return Response(CodeSerializer(target).data)
