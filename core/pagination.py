"""One way for an API to answer with a page of a list (issue 13: one API style).

Every list endpoint answers through ``paginated_response``: the project's paginator
(``REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]``), the ``count``/``next``/``previous``/``results``
envelope. A list endpoint that also filters by a django-filter ``FilterSet``, or whose schema
documents its ``page`` parameter, mixes in ``ListApiMixin``: drf-spectacular reads the mixin's
attributes to document the page, the filters and the paginated envelope.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.response import Response
from rest_framework.settings import api_settings


def paginated_response(*, request, queryset, serializer_class, view, context=None) -> Response:
    """One page of ``queryset`` (the page the ``page`` query parameter names), serialised."""
    pagination_class = getattr(view, "pagination_class", None) or (
        api_settings.DEFAULT_PAGINATION_CLASS
    )
    paginator = pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    serializer = serializer_class(page, many=True, context=context or {})
    return paginator.get_paginated_response(serializer.data)


# NOTE: a comment, not a docstring: drf-spectacular would show a mixin's docstring as the
# description of every endpoint that uses it.
class ListApiMixin:
    # For an ``APIView`` whose GET lists: pages and, with ``filterset_class``, filters.

    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS
    filterset_class = None

    @property
    def filter_backends(self):
        return [DjangoFilterBackend] if self.filterset_class else []

    @property
    def queryset(self):
        # NOTE: only drf-spectacular reads this, to find the model the filters apply to; the
        # rows themselves always come from a selector scoped to the user.
        return self.filterset_class._meta.model.objects.none() if self.filterset_class else None

    def filter_queryset(self, queryset):
        for backend in self.filter_backends:
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def paginated_response(self, *, queryset, serializer_class, context=None) -> Response:
        return paginated_response(
            request=self.request,
            queryset=queryset,
            serializer_class=serializer_class,
            view=self,
            context=context,
        )
