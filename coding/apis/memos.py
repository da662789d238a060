"""Memos: a researcher's notes on the project, a code or a story."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from coding import selectors, services
from coding.apis.common import CodingApi, int_param
from coding.models import Memo
from coding.serializers import MemoSerializer, MemoUpdateSerializer
from core.pagination import ListApiMixin, paginated_response


class MemoListApi(ListApiMixin, CodingApi):
    @extend_schema(
        operation_id="memos_list",
        parameters=[
            OpenApiParameter("kind", str, enum=Memo.Kind.values),
            OpenApiParameter("story", int),
            OpenApiParameter("code", int),
        ],
        responses=MemoSerializer(many=True),
    )
    def get(self, request):
        memos = selectors.memos_for_user(user=request.user)
        kind = request.query_params.get("kind")
        if kind in Memo.Kind.values:
            memos = memos.filter(kind=kind)
        for name, field in (("story", "testimony_id"), ("code", "code_id")):
            value = int_param(request, name)
            if value is not None:
                memos = memos.filter(**{field: value})
        return paginated_response(
            request=request, queryset=memos, serializer_class=MemoSerializer, view=self
        )

    @extend_schema(
        operation_id="memos_create", request=MemoSerializer, responses={201: MemoSerializer}
    )
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


def _memo(request, pk):
    return get_object_or_404(selectors.memos_for_user(user=request.user), pk=pk)


class MemoDetailApi(CodingApi):
    @extend_schema(operation_id="memos_retrieve", responses=MemoSerializer)
    def get(self, request, pk: int):
        return Response(MemoSerializer(_memo(request, pk)).data)

    @extend_schema(
        operation_id="memos_partial_update",
        request=MemoUpdateSerializer,
        responses=MemoSerializer,
    )
    def patch(self, request, pk: int):
        memo = _memo(request, pk)
        data = MemoUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        memo = services.memo_update(
            memo=memo,
            user=request.user,
            title=data.validated_data.get("title", memo.title),
            body=data.validated_data.get("body", memo.body),
        )
        return Response(MemoSerializer(memo).data)

    @extend_schema(operation_id="memos_destroy", responses={204: None})
    def delete(self, request, pk: int):
        services.memo_delete(memo=_memo(request, pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
