"""Machine suggestions: list them, accept one (as one's own application) or reject it."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from coding import selectors, services
from coding.apis.applications import filter_applications
from coding.apis.common import CodingApi
from coding.models import CodeApplication
from coding.serializers import (
    ApplicationSerializer,
    SuggestionAcceptSerializer,
    SuggestionReviewSerializer,
)
from core.pagination import ListApiMixin, paginated_response


class SuggestionListApi(ListApiMixin, CodingApi):
    @extend_schema(
        operation_id="suggestions_list",
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
        """Pending ones (the default) leave out those whose code the reader has already put on
        the story; none at all while suggestions are off for the instance."""
        wanted = request.query_params.get("status", CodeApplication.Status.SUGGESTED)
        if wanted == CodeApplication.Status.SUGGESTED:
            suggestions = selectors.pending_suggestions_for_user(user=request.user)
        else:
            suggestions = selectors.suggestions_for_user(user=request.user)
            if wanted in CodeApplication.Status.values:
                suggestions = suggestions.filter(status=wanted)
        suggestions = filter_applications(request, suggestions)
        return paginated_response(
            request=request,
            queryset=suggestions,
            serializer_class=ApplicationSerializer,
            view=self,
        )


def _suggestion_and_review(request, pk, serializer=SuggestionReviewSerializer):
    suggestion = get_object_or_404(selectors.suggestions_for_user(user=request.user), pk=pk)
    data = serializer(data=request.data)
    data.is_valid(raise_exception=True)
    return suggestion, data.validated_data


class SuggestionAcceptApi(CodingApi):
    @extend_schema(
        operation_id="suggestions_accept_create",
        request=SuggestionAcceptSerializer,
        responses=ApplicationSerializer,
    )
    def post(self, request, pk: int):
        """Accept: returns the researcher's own new application, on the passage the suggestion
        rests on or on the whole story (``scope``; default the passage where there is one)."""
        suggestion, review = _suggestion_and_review(request, pk, SuggestionAcceptSerializer)
        application = services.suggestion_accept(
            suggestion=suggestion,
            user=request.user,
            comment=review.get("comment", ""),
            scope=review.get("scope"),
        )
        return Response(ApplicationSerializer(application).data)


class SuggestionRejectApi(CodingApi):
    @extend_schema(
        operation_id="suggestions_reject_create",
        request=SuggestionReviewSerializer,
        responses=ApplicationSerializer,
    )
    def post(self, request, pk: int):
        """Reject: returns the suggestion, kept as rejected."""
        suggestion, _review = _suggestion_and_review(request, pk)
        suggestion = services.suggestion_reject(suggestion=suggestion, user=request.user)
        return Response(ApplicationSerializer(suggestion).data)
