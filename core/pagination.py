"""One way for an API to answer with a page of a list (issue 13: one API style).

Every list endpoint answers through ``paginated_response``: the project's paginator
(``REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]``), the ``count``/``next``/``previous``/``results``
envelope. A list endpoint that also filters by a django-filter ``FilterSet``, or whose schema
documents its ``page`` parameter, mixes in ``ListApiMixin``: drf-spectacular reads the mixin's
attributes to document the page, the filters and the paginated envelope.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.keyset import COUNT_BOUND, keyset_cursor, keyset_page
from core.validation import parse_positive_int


def paginated_response(
    *,
    request,
    queryset,
    serializer_class,
    view,
    context=None,
    expand=None,
    within=None,
    count_bound=COUNT_BOUND,
) -> Response:
    """One page of ``queryset`` (the page the ``page`` query parameter names), serialised;
    ``expand``, if given, turns the page's rows into what the serializer reads (for a list
    whose rows are keys and whose details are read for one page only); ``within``, the list
    ``queryset`` narrows, and ``count_bound``, for keyset pages (``core.keyset.keyset_page``)."""
    pagination_class = getattr(view, "pagination_class", None) or (
        api_settings.DEFAULT_PAGINATION_CLASS
    )
    paginator = pagination_class()
    paginator.within, paginator.count_bound = within, count_bound
    page = paginator.paginate_queryset(queryset, request, view=view)
    if expand is not None:
        page = expand(page)
    serializer = serializer_class(page, many=True, context=context or {})
    return paginator.get_paginated_response(serializer.data)


class KeysetPagination(PageNumberPagination):
    """The same envelope for the long lists (research copies, search, quotes, code
    applications), read at any depth in the time of the first page (issue 22): ``next`` and
    ``previous`` carry a ``cursor`` (core/keyset.py) instead of a page number, and ``count``
    stops at ``core.keyset.COUNT_BOUND``, with ``count_is_capped`` true when there are more.
    ``?page=N`` still works (it starts at row N x size once; the links from there are cursors).
    """

    cursor_query_param = "cursor"
    within = None  # the list the paginated queryset narrows, if any (set per response)
    count_bound = COUNT_BOUND

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        number = parse_positive_int(request.query_params.get(self.page_query_param, "")) or 1
        if not cursor and number > 1:
            # A page number (the links before issue 22): the row before that page, once.
            before = queryset[(number - 1) * size - 1 : (number - 1) * size]
            if not before:
                raise NotFound(self.invalid_page_message.format(page_number=number, message=""))
            cursor = keyset_cursor(queryset, before[0], number=number)
        self.keyset = keyset_page(
            queryset, cursor=cursor, size=size, within=self.within, count_bound=self.count_bound
        )
        return list(self.keyset.object_list)

    def _link(self, cursor: str) -> str:
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        if cursor:
            return replace_query_param(url, self.cursor_query_param, cursor)
        return remove_query_param(url, self.cursor_query_param)

    def get_paginated_response(self, data):
        page = self.keyset
        return Response(
            {
                "count": page.count,
                "count_is_capped": page.count_is_capped,
                "next": self._link(page.next_cursor) if page.has_next else None,
                "previous": self._link(page.previous_cursor) if page.has_previous else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"]["count_is_capped"] = {"type": "boolean", "example": False}
        return envelope

    def get_schema_operation_parameters(self, view):
        cursor = {
            "name": self.cursor_query_param,
            "required": False,
            "in": "query",
            "description": "The page a next or previous link points to (opaque).",
            "schema": {"type": "string"},
        }
        return [*super().get_schema_operation_parameters(view), cursor]


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

    def paginated_response(
        self, *, queryset, serializer_class, context=None, within=None, count_bound=COUNT_BOUND
    ) -> Response:
        return paginated_response(
            request=self.request,
            queryset=queryset,
            serializer_class=serializer_class,
            view=self,
            context=context,
            within=within,
            count_bound=count_bound,
        )
