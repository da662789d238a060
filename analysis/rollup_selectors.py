"""The dashboards' reads from the roll-ups (analysis migration 0008): what the dashboards
count, filtered as ``selectors.stories_for_analysis`` filters the stories."""

from datetime import timedelta

from django.db import connection
from django.db.models import QuerySet

from analysis.models import DashboardRollup, GroupRollup, ThemeRollup
from analysis.selectors import (
    AnalysisFilters,
    can_analyse,
    code_with_descendants,
    stories_for_analysis,
)
from coding.models import Code


def _by_place(qs: QuerySet, filters: AnalysisFilters, day: str) -> QuerySet:
    """A roll-up's rows of the filters' event, country, language and dates (``day``: the
    roll-up's date column; days of submission in UTC, the project's time zone
    (settings.TIME_ZONE), as ``selectors.stories_for_analysis`` reads them)."""
    if filters.event_id:
        qs = qs.filter(event_id=filters.event_id)
    if filters.country:
        qs = qs.filter(event__country=filters.country)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.date_from:
        qs = qs.filter(**{f"{day}__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{day}__lte": filters.date_to})
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
    qs = _by_place(DashboardRollup.objects.all(), filters, "day")
    if filters.code_id:
        qs = qs.filter(code_ids__overlap=code_with_descendants(code_id=filters.code_id))
    return qs.order_by()


def _whole_months(filters: AnalysisFilters) -> bool:
    """The date filters, if any, cover whole months (first day from, last day to)."""
    if filters.date_from and filters.date_from.day != 1:
        return False
    return not filters.date_to or (filters.date_to + timedelta(days=1)).day == 1


def theme_rows(*, user, filters: AnalysisFilters, by: str, parent_id: int | None = None):
    """What the theme charts count: a small roll-up by month and top-level codes when it can
    answer exactly, that is for the top-level themes, dates in whole months and a code filter,
    if any, on a top-level code; ``dashboard_rows`` otherwise. By population group it is
    ``GroupRollup``, whose flags say only "inside" (what ``aggregates.group_theme_counts`` and
    the total read); by anything else ``ThemeRollup``."""
    if (
        connection.vendor != "postgresql"
        or parent_id is not None
        or not _whole_months(filters)
        or (
            filters.code_id
            and Code.objects.filter(pk=filters.code_id, parent__isnull=False).exists()
        )
    ):
        return dashboard_rows(user=user, filters=filters)
    model = GroupRollup if by == "group" else ThemeRollup
    if not can_analyse(user):
        return model.objects.none()
    qs = _by_place(model.objects.all(), filters, "month")
    if filters.code_id:
        qs = qs.filter(root_ids__contains=[filters.code_id])
    return qs.order_by()
