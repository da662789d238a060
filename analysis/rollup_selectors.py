"""The dashboards' reads from the roll-ups (analysis migration 0008): what the dashboards
count, filtered as ``selectors.stories_for_analysis`` filters the stories."""

from datetime import timedelta

from django.db import connection
from django.db.models import QuerySet

from analysis.models import DashboardRollup, ThemeRollup
from analysis.selectors import (
    AnalysisFilters,
    can_analyse,
    code_with_descendants,
    stories_for_analysis,
)
from coding.models import Code


def _by_place(qs: QuerySet, filters: AnalysisFilters) -> QuerySet:
    """A roll-up's rows of the filters' event, country and language."""
    if filters.event_id:
        qs = qs.filter(event_id=filters.event_id)
    if filters.country:
        qs = qs.filter(event__country=filters.country)
    if filters.language:
        qs = qs.filter(language=filters.language)
    return qs


def dashboard_rows(*, user, filters: AnalysisFilters) -> QuerySet:
    """What the dashboards count, filtered as ``stories_for_analysis`` filters the stories.

    PostgreSQL: the roll-up of migration 0008 (``DashboardRollup``: stories open to research
    counted per day, event, language, group flags, trust answer and code set, kept exact by
    triggers), which the aggregates sum instead of grouping every story. SQLite: the stories.
    """
    if connection.vendor != "postgresql":
        return stories_for_analysis(user=user, filters=filters)
    if not can_analyse(user):
        return DashboardRollup.objects.none()
    qs = _by_place(DashboardRollup.objects.all(), filters)
    # Days of submission in UTC, the project's time zone (settings.TIME_ZONE), as above.
    if filters.date_from:
        qs = qs.filter(day__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(day__lte=filters.date_to)
    if filters.code_id:
        qs = qs.filter(code_ids__overlap=code_with_descendants(code_id=filters.code_id))
    return qs.order_by()


def _whole_months(filters: AnalysisFilters) -> bool:
    """The date filters, if any, cover whole months (first day from, last day to)."""
    if filters.date_from and filters.date_from.day != 1:
        return False
    return not filters.date_to or (filters.date_to + timedelta(days=1)).day == 1


def theme_rows(*, user, filters: AnalysisFilters, by: str, parent_id: int | None = None):
    """What the theme charts count: the small theme roll-up (``ThemeRollup``: stories per
    month, event, language and top-level codes) when it can answer exactly, that is for the
    top-level themes, any dimension but population groups, dates in whole months and a code
    filter, if any, on a top-level code; ``dashboard_rows`` otherwise."""
    if (
        connection.vendor != "postgresql"
        or parent_id is not None
        or by == "group"
        or not _whole_months(filters)
        or (
            filters.code_id
            and Code.objects.filter(pk=filters.code_id, parent__isnull=False).exists()
        )
    ):
        return dashboard_rows(user=user, filters=filters)
    if not can_analyse(user):
        return ThemeRollup.objects.none()
    qs = _by_place(ThemeRollup.objects.all(), filters)
    if filters.date_from:
        qs = qs.filter(month__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(month__lte=filters.date_to)
    if filters.code_id:
        qs = qs.filter(root_ids__contains=[filters.code_id])
    return qs.order_by()
