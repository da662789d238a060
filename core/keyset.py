"""Keyset pagination: a page of a list at any depth in the time of the first (issue 22).

``Paginator`` counts every row and reads ``OFFSET n``: page 2,000 of the work queue read and
threw away 50,000 rows (4 s at 100,000 stories). A keyset page instead starts *after the last
row shown*: the link to the next page carries that row's ordering values in an opaque, signed
``cursor``, and the query asks for ``(submitted_at, id) < (the last row's)``, which the index on
the ordering answers directly however deep the page.

The count is bounded (``capped_count``): above the bound the page says "more than N".

    page = keyset_page(queryset, cursor=request.GET.get("cursor"), size=25)
    {% include "includes/pagination.html" with page=page %}

The queryset must be ordered by fields that are never NULL and end with a unique one (``-id``).
A cursor that does not verify (edited, or from another list) reads as the first page.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.core import signing
from django.db import connections, transaction
from django.db.models import Q, QuerySet

from core.replica import analysis_alias

COUNT_BOUND = 10_000
# The window a page is first looked for in, when the list is a ``within`` list narrowed by a
# condition no index orders (search): the newest rows of ``within`` read through its index.
WALK_ROWS = 1_000
_SALT = "core.keyset"


@dataclass
class KeysetPage:
    """One page, with what the pagination include shows. ``count`` is at most the bound;
    ``count_is_capped`` says there are more (the page says "more than ``count``")."""

    object_list: list
    number: int
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""
    count: int | None = None
    count_is_capped: bool = False
    is_keyset: bool = field(default=True, init=False)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def capped_count(queryset: QuerySet, bound: int = COUNT_BOUND) -> tuple[int, bool]:
    """How many rows, counting no further than ``bound``: (count, whether there are more)."""
    found = queryset.order_by()[: bound + 1].count()
    return min(found, bound), found > bound


@contextmanager
def without_jit():
    """Queries in this block run without PostgreSQL's JIT compilation, which costs hundreds of
    milliseconds on queries the planner over-estimates and pays back only on long reports.
    Inside ``replica_reads()`` it is the replica's connection whose JIT is off."""
    using = analysis_alias()
    if connections[using].vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def _keys(queryset: QuerySet) -> list[tuple[str, bool]]:
    """(field path, descending) for each ordering term of the queryset."""
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    if not ordering:
        raise ValueError("keyset pagination needs an ordered queryset")
    keys = []
    for term in ordering:
        if not isinstance(term, str):
            raise ValueError("keyset pagination orders by field names only")
        descending = term.startswith("-")
        name = term.lstrip("-")
        keys.append(("id" if name == "pk" else name, descending))
    return keys


def _value(obj, path: str):
    if isinstance(obj, dict):  # a ``values()`` row
        return obj[path]
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj.pk if hasattr(obj, "pk") and not isinstance(obj, UUID) else obj


def _encode(value):
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, UUID | Decimal):
        return ["s", str(value)]
    return value


def _decode(value):
    if isinstance(value, list) and len(value) == 2:
        kind, text = value
        return {"t": datetime.fromisoformat, "d": date.fromisoformat}.get(kind, str)(text)
    return value


def _cursor(obj, keys, *, number: int, forward: bool) -> str:
    values = [_encode(_value(obj, path)) for path, _desc in keys]
    return signing.dumps({"v": values, "n": number, "f": forward}, salt=_SALT, compress=True)


def _read_cursor(cursor: str | None, keys) -> tuple[list, int, bool] | None:
    if not cursor:
        return None
    try:
        data = signing.loads(cursor, salt=_SALT)
        values = [_decode(v) for v in data["v"]]
        number, forward = int(data["n"]), bool(data["f"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if len(values) != len(keys) or number < 1:
        return None
    return values, number, forward


def _beyond(keys, values, *, forward: bool) -> Q:
    """Rows after (``forward``) or before the row with ``values``, in the queryset's order."""
    condition = Q()
    equal: dict = {}
    for (path, descending), value in zip(keys, values, strict=True):
        lookup = "lt" if descending == forward else "gt"
        condition |= Q(**equal, **{f"{path}__{lookup}": value})
        equal[path] = value
    first_path, first_desc = keys[0]
    # The first key alone, inclusive, so that the index on it bounds the scan.
    bound = Q(**{f"{first_path}__{'lte' if first_desc == forward else 'gte'}": values[0]})
    return bound & condition


def _reverse(keys) -> list[str]:
    return [f"{'' if desc else '-'}{path}" for path, desc in keys]


def _first_rows(rows: QuerySet, scope: QuerySet | None, limit: int) -> list:
    """The first ``limit`` rows. With ``scope`` (the rows before a condition no index orders,
    in the same order), first among the newest ``WALK_ROWS`` of the scope: their range of the
    ordering index is walked in order until the page is full, which is soon when the condition
    is common. Only when that window holds too few are all the rows read (through the
    condition's own index: fast when it is rare)."""
    if scope is not None:
        keys = _keys(scope)
        edge = list(scope.values_list(*(p for p, _ in keys))[WALK_ROWS - 1 : WALK_ROWS])
        if not edge:  # the scope is shorter than the window: the whole list is in it
            return list(rows[:limit])
        first, descending = keys[0]
        window = Q(**{f"{first}__{'gte' if descending else 'lte'}": edge[0][0]})
        found = list(rows.filter(window & ~_beyond(keys, edge[0], forward=True))[:limit])
        if len(found) == limit:
            return found
    return list(rows[:limit])


def keyset_page(
    queryset: QuerySet,
    *,
    cursor: str | None,
    size: int,
    count_bound: int | None = COUNT_BOUND,
    within: QuerySet | None = None,
) -> KeysetPage:
    """The page ``cursor`` points to (the first without one), ``size`` rows, and the capped
    count unless ``count_bound`` is None. ``within``, if given, is the list ``queryset``
    narrows (same model and order): see ``_first_rows``."""
    keys = _keys(queryset)
    position = _read_cursor(cursor, keys)
    number, forward = 1, True
    rows, scope = queryset, within
    if position is not None:
        values, number, forward = position
        beyond = _beyond(keys, values, forward=forward)
        rows = queryset.filter(beyond)
        scope = None if within is None else within.filter(beyond)
        if not forward:
            rows = rows.order_by(*_reverse(keys))
            scope = None if scope is None else scope.order_by(*_reverse(keys))
    fetched = _first_rows(rows, scope, size + 1)
    more = len(fetched) > size
    items = fetched[:size]
    if forward:
        has_next, has_previous = more, number > 1
    else:
        items.reverse()
        has_next, has_previous = True, more or number > 1
    page = KeysetPage(items, number, has_next, has_previous)
    if items and has_next:
        page.next_cursor = _cursor(items[-1], keys, number=number + 1, forward=True)
    if items and has_previous and number > 2:
        page.previous_cursor = _cursor(items[0], keys, number=number - 1, forward=False)
    if count_bound is not None and position is None and not more:
        # The whole list is on its first page: nothing more to count.
        page.count, page.count_is_capped = min(len(items), count_bound), len(items) > count_bound
    elif count_bound is not None:
        page.count, page.count_is_capped = capped_count(queryset, count_bound)
    return page


def keyset_cursor(queryset: QuerySet, row, *, number: int) -> str:
    """The cursor of page ``number`` when ``row`` is the last row of the page before it (for a
    link to a known position, and for the benches' deep pages)."""
    return _cursor(row, _keys(queryset), number=number, forward=True)
