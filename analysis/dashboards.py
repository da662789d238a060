"""Dashboards: selectors' counts turned into suppressed, labelled charts and their tables."""

from dataclasses import dataclass

from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from analysis import charts, rollup_selectors, selectors
from analysis.selectors import GROUPS, AnalysisFilters, Theme
from analysis.suppression import suppress_count, suppress_share, suppression_threshold
from analysis.trust import TrustRow, trust_gaps
from core import numbers
from events.models import Event

DIMENSIONS = {
    "country": gettext_lazy("Country"),
    "event": gettext_lazy("Event"),
    "language": gettext_lazy("Language"),
    "group": gettext_lazy("Population group"),
}
GROUP_LABELS = {
    "women": gettext_lazy("Women"),
    "over_65": gettext_lazy("People over 65"),
    "ethnic_minority": gettext_lazy("Ethnic minorities"),
    "disability": gettext_lazy("People with a disability"),
    "lgbtq": gettext_lazy("LGBTQ+ people"),
}
MAX_ROWS = 30
CHART_KEYS = ("themes", "themes-by", "timeline", "cooccurrence", "trust")


def language_label(code: str) -> str:
    if not code:
        return _("Unknown")
    try:
        return f"{get_language_info(code.split('-')[0])['name_translated']} ({code})"
    except KeyError:
        return code


def dimension_labels(by: str, keys: list) -> dict:
    if by == "country":
        return {k: (countries.name(k) or k) if k else _("Unknown") for k in keys}
    if by == "event":
        titles = dict(Event.objects.filter(id__in=keys).values_list("id", "title"))
        return {k: titles.get(k, str(k)) for k in keys}
    if by == "language":
        return {k: language_label(k) for k in keys}
    return {k: str(k) for k in keys}


def _themes(filters: AnalysisFilters, parent_id: int | None = None) -> list[Theme]:
    return selectors.themes(parent_id=parent_id)


@dataclass
class ThemeData:
    """One aggregate query's result, from which a page draws all its theme charts."""

    by: str
    themes: list[Theme]
    totals: dict[tuple, int]
    counts: dict[tuple, list[int]]

    def overall(self) -> tuple[int, list[int]]:
        total = sum(self.totals.values())
        row = [0] * len(self.themes)
        for values in self.counts.values():
            row = [a + b for a, b in zip(row, values, strict=True)]
        return total, row


def theme_data(*, user, filters: AnalysisFilters, by: str) -> ThemeData:
    stories = rollup_selectors.theme_rows(user=user, filters=filters, by=by)
    theme_list = _themes(filters)
    totals, counts = selectors.theme_counts_by(stories=stories, theme_list=theme_list, by=by)
    return ThemeData(by, theme_list, totals, counts)


def themes_chart(*, user=None, filters: AnalysisFilters | None = None, data=None) -> charts.Chart:
    threshold = suppression_threshold()
    data = data or theme_data(user=user, filters=filters, by="none")
    theme_list = data.themes
    total, row = data.overall()
    items = [
        (t.label, suppress_count(row[i], threshold=threshold)) for i, t in enumerate(theme_list)
    ]
    shares = [
        [suppress_share(row[i], total, threshold=threshold).percent] for i in range(len(theme_list))
    ]
    return charts.bar_chart(
        key="themes",
        title=_("Stories mentioning each theme"),
        description=_(
            "Number of stories coded with each theme or one of its sub-codes, out of %(n)s "
            "stories in the selection."
        )
        % {"n": suppress_count(total, threshold=threshold) or _("a few")},
        items=items,
        value_header=_("Stories"),
        label_header=_("Theme"),
        threshold=threshold,
        colours=[t.colour for t in theme_list],
        extra_columns=[_("Share of stories (%)")],
        extra_values=shares,
    )


def cell_share(count: int, base: int, threshold: int):
    """A cell's share, hidden with its count when the count itself is small."""
    if suppress_count(count, threshold=threshold) is None:
        return suppress_share(0, 0, threshold=threshold)
    return suppress_share(count, base, threshold=threshold)


def themes_by_chart(
    *, user=None, filters: AnalysisFilters | None = None, by: str = "country", data=None
) -> charts.Chart:
    threshold = suppression_threshold()
    data = data or theme_data(user=user, filters=filters, by=by)
    by = data.by
    theme_list = data.themes
    if by == "group":
        totals, counts = selectors.group_theme_counts(data.totals, data.counts, len(theme_list))
        keys = list(GROUPS)
        labels = {g: str(GROUP_LABELS[g]) for g in keys}
    else:
        totals = {k[0]: v for k, v in data.totals.items()}
        counts = {k[0]: v for k, v in data.counts.items()}
        keys = sorted(totals, key=lambda k: (-totals[k], str(k)))[:MAX_ROWS]
        labels = dimension_labels(by, keys)
    values, rows = [], []
    for key in keys:
        base = totals.get(key, 0)
        row_counts = counts.get(key, [0] * len(theme_list))
        shares = [cell_share(c, base, threshold) for c in row_counts]
        values.append([s.percent for s in shares])
        table_row = [labels[key], suppress_count(base, threshold=threshold)]
        for c, s in zip(row_counts, shares, strict=True):
            table_row += [suppress_count(c, threshold=threshold), s.percent]
        rows.append(table_row)
    dimension = str(DIMENSIONS[by])
    chart = charts.heat_map(
        key="themes-by",
        title=_("Themes by %(dimension)s") % {"dimension": dimension.lower()},
        description=_(
            "Share of each row's stories that mention each theme, in percent. Darker cells are "
            "higher shares. Rows are the %(n)s largest values; cells with fewer than "
            "%(threshold)s stories are not shown."
        )
        % {"n": MAX_ROWS, "threshold": threshold},
        row_labels=[labels[k] for k in keys],
        column_labels=[t.label for t in theme_list],
        values=values,
        threshold=threshold,
        corner_header=dimension,
        percent=True,
    )
    chart.columns = [dimension, _("Stories")]
    for theme in theme_list:
        chart.columns += [
            _("%(theme)s: stories") % {"theme": theme.label},
            _("%(theme)s: share (%%)") % {"theme": theme.label},
        ]
    chart.rows = rows
    return chart


def timeline_chart(*, user, filters: AnalysisFilters) -> charts.Chart:
    threshold = suppression_threshold()
    data = theme_data(user=user, filters=filters, by="month")
    theme_list, counts = data.themes, data.counts
    months = sorted(k[0] for k in counts if k[0])
    series = [
        (
            theme.label,
            theme.colour,
            [suppress_count(counts[(m,)][i], threshold=threshold) for m in months],
        )
        for i, theme in enumerate(theme_list)
    ]
    return charts.line_chart(
        key="timeline",
        title=_("Themes over time"),
        description=_(
            "Stories mentioning each theme per month of submission. Months with fewer than "
            "%(threshold)s stories for a theme are left out of its line."
        )
        % {"threshold": threshold},
        x_labels=months,
        x_display=[numbers.month(m) for m in months],
        series=series,
        threshold=threshold,
        x_header=_("Month"),
    )


def cooccurrence_chart(
    *, user, filters: AnalysisFilters, parent_id: int | None = None
) -> charts.Chart:
    threshold = suppression_threshold()
    stories = rollup_selectors.theme_rows(
        user=user, filters=filters, by="none", parent_id=parent_id
    )
    theme_list = _themes(filters, parent_id)
    matrix = selectors.cooccurrence(stories=stories, theme_list=theme_list)
    labels = [t.label for t in theme_list]
    values = [[suppress_count(v, threshold=threshold) for v in row] for row in matrix]
    return charts.heat_map(
        key="cooccurrence",
        title=_("Codes that appear together"),
        description=_(
            "Number of stories coded with both the row's and the column's code; the diagonal "
            "counts the stories with each code. Cells with fewer than %(threshold)s stories are "
            "not shown."
        )
        % {"threshold": threshold},
        row_labels=labels,
        column_labels=labels,
        values=values,
        threshold=threshold,
        corner_header=_("Code"),
    )


def trust_gap_list(*, user, filters: AnalysisFilters):
    threshold = suppression_threshold()
    stories = rollup_selectors.dashboard_rows(user=user, filters=filters)
    rows = [
        TrustRow(tuple(None if f is None else bool(f) for f in flags), answer == "yes", count)
        for flags, answer, count in selectors.trust_rows(stories=stories)
    ]
    return trust_gaps(rows, list(GROUPS), threshold=threshold), threshold


def group_label(names) -> str:
    return " + ".join(str(GROUP_LABELS[n]) for n in names)


def trust_chart(*, user, filters: AnalysisFilters) -> charts.Chart:
    gaps, threshold = trust_gap_list(user=user, filters=filters)
    items = [(group_label(g.groups), g.share.percent) for g in gaps]
    extra = [
        [
            g.share.numerator,
            g.share.denominator,
            g.reference.percent,
            g.reference.denominator,
            g.gap_points,
        ]
        for g in gaps
    ]
    chart = charts.bar_chart(
        key="trust",
        title=_("Stories reporting an experience that affected trust"),
        description=_(
            "For each group and each intersection of two groups, the percentage of stories whose "
            "teller said the experience affected their trust, and the gap in points against "
            "people in neither group. Only characteristics shared with consent count; groups "
            "with fewer than %(threshold)s stories are not shown."
        )
        % {"threshold": threshold},
        items=items,
        value_header=_("Affected trust (%)"),
        label_header=_("Group"),
        threshold=threshold,
        percent=True,
        colours=["#1f5f8b"] * len(GROUPS) + ["#6b3fa0"] * (len(items) - len(GROUPS)),
        references=[g.reference.percent for g in gaps],
        references_label=_("Black tick: people in neither group"),
        extra_columns=[
            _("Stories affected"),
            _("Stories in group"),
            _("Neither group (%)"),
            _("Stories in neither group"),
            _("Gap (points)"),
        ],
        extra_values=extra,
    )
    return chart


def chart_for(key: str, *, user, filters: AnalysisFilters, by: str = "country", parent=None):
    if key == "themes":
        return themes_chart(user=user, filters=filters)
    if key == "themes-by":
        return themes_by_chart(user=user, filters=filters, by=by)
    if key == "timeline":
        return timeline_chart(user=user, filters=filters)
    if key == "cooccurrence":
        return cooccurrence_chart(user=user, filters=filters, parent_id=parent)
    if key == "trust":
        return trust_chart(user=user, filters=filters)
    raise KeyError(key)
