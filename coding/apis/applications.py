"""Code applications (a coder's code on a span of a story, or on the whole story)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from coding import selectors, services
from coding.apis.common import CodingApi, int_param
from coding.models import CodeApplication
from coding.serializers import (
    ApplicationCreateSerializer,
    ApplicationSerializer,
    ApplicationUpdateSerializer,
)
from core.pagination import KeysetPagination, ListApiMixin, paginated_response

APPLICATION_FILTERS = [
    OpenApiParameter("story", int),
    OpenApiParameter("code", int),
    OpenApiParameter("coder", int),
    OpenApiParameter("mine", bool, description="Only my applications (blind coding)"),
]


def filter_applications(request, applications):
    """Narrow applications (or suggestions) by the ``APPLICATION_FILTERS`` query parameters."""
    for name, field in (("story", "testimony_id"), ("code", "code_id"), ("coder", "coder_id")):
        value = int_param(request, name)
        if value is not None:
            applications = applications.filter(**{field: value})
    if request.query_params.get("mine") == "true":
        applications = applications.filter(coder=request.user)
    return applications


class ApplicationListApi(ListApiMixin, CodingApi):
    pagination_class = KeysetPagination

    @extend_schema(
        operation_id="applications_list",
        parameters=[
            *APPLICATION_FILTERS,
            OpenApiParameter("source", str, enum=["human", "machine"]),
        ],
        responses=ApplicationSerializer(many=True),
    )
    def get(self, request):
        applications = filter_applications(
            request, selectors.applications_for_user(user=request.user)
        )
        source = request.query_params.get("source")
        if source in CodeApplication.Source.values:
            applications = applications.filter(source=source)
        return paginated_response(
            request=request,
            queryset=applications,
            serializer_class=ApplicationSerializer,
            view=self,
        )

    @extend_schema(
        operation_id="applications_create",
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer},
    )
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


def _application(request, pk):
    return get_object_or_404(selectors.applications_for_user(user=request.user), pk=pk)


class ApplicationDetailApi(CodingApi):
    @extend_schema(operation_id="applications_retrieve", responses=ApplicationSerializer)
    def get(self, request, pk: int):
        return Response(ApplicationSerializer(_application(request, pk)).data)

    @extend_schema(
        operation_id="applications_partial_update",
        request=ApplicationUpdateSerializer,
        responses=ApplicationSerializer,
    )
    def patch(self, request, pk: int):
        application = _application(request, pk)
        data = ApplicationUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_update(
            application=application, user=request.user, comment=data.validated_data["comment"]
        )
        return Response(ApplicationSerializer(application).data)

    @extend_schema(operation_id="applications_destroy", responses={204: None})
    def delete(self, request, pk: int):
        services.application_delete(application=_application(request, pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
