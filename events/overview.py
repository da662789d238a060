"""The programme overview: totals across events, by country, year, kind and population focus
(read by ``events.views.programme``; re-exported by ``events.selectors``)."""

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django_countries import countries

from events.models import Commitment, Event, PopulationGroup

ATTENDANCE = "sessions__log__attendance_total"


def programme_overview() -> dict[str, Any]:
    """Programme totals, by country, year, kind and population focus, each in one aggregate
    query, with the event list's filters behind each figure (``filters``: a query string).

    NOTE: participants are the sum of the attendance totals logged for sessions; a person who
    attends two sessions of one event counts twice (the logs hold counts, never names).
    Demo events are left out once a real one exists (``demo_hidden`` says how many).
    """
    real_exist = _real_events_exist()
    events = Event.objects.filter(is_demo=False) if real_exist else Event.objects.all()
    base = {"demo": "real"} if real_exist else {}
    participants = Sum(ATTENDANCE)
    totals = events.aggregate(
        events=Count("id", distinct=True),
        countries=Count("country", distinct=True),
        participants=participants,
    )
    by_country = list(
        events.values("country")
        .annotate(events=Count("id", distinct=True), participants=participants)
        .order_by("-events", "country")
    )
    for row in by_country:
        row["country_name"] = countries.name(row["country"]) or row["country"]
        row["filters"] = urlencode({**base, "country": row["country"]})
    by_year = list(
        events.annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(
            events=Count("id", distinct=True),
            countries=Count("country", distinct=True),
            participants=participants,
        )
        .order_by("year")
    )
    for row in by_year:
        row["filters"] = urlencode({**base, "year": row["year"]})
    commitments = dict(
        Commitment.objects.filter(event__in=events)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {
        "events": totals["events"],
        "countries": totals["countries"],
        "participants": totals["participants"] or 0,
        "by_country": by_country,
        "by_year": by_year,
        "by_kind": _overview_by_kind(events, base),
        "by_population": _overview_by_population(events, base),
        "commitments": [
            (status, label, commitments.get(status, 0))
            for status, label in Commitment.Status.choices
        ],
        "demo_hidden": Event.objects.filter(is_demo=True).count() if real_exist else 0,
        "demo_only": not real_exist and totals["events"] > 0,
        "all_filters": urlencode(base),
    }


def _overview_by_kind(events: QuerySet[Event], base: dict) -> list[dict]:
    labels = dict(Event.Kind.choices)
    rows = list(
        events.values("kind")
        .annotate(events=Count("id", distinct=True), participants=Sum(ATTENDANCE))
        .order_by("-events", "kind")
    )
    for row in rows:
        row["label"] = labels.get(row["kind"], row["kind"])
        row["filters"] = urlencode({**base, "kind": row["kind"]})
    return rows


def _overview_by_population(events: QuerySet[Event], base: dict) -> list[dict]:
    """Events by population focus, in one query; an event with two focuses counts in both."""
    figures = events.aggregate(
        **{
            f"events_{group}": Count("id", distinct=True, filter=_focus(group))
            for group in PopulationGroup.values
        },
        **{
            f"participants_{group}": Sum(ATTENDANCE, filter=_focus(group))
            for group in PopulationGroup.values
        },
    )
    return [
        {
            "group": group,
            "label": label,
            "events": figures[f"events_{group}"],
            "participants": figures[f"participants_{group}"] or 0,
            "filters": urlencode({**base, "population": group}),
        }
        for group, label in PopulationGroup.choices
        if figures[f"events_{group}"]
    ]


def _focus(group: str) -> Q:
    return Q(population_focus__has_item=group)


def _real_events_exist() -> bool:
    # NOTE: demo events are left out of the programme's figures once real ones exist, so a
    # demo seed on a live system never inflates the reported totals.
    return Event.objects.filter(is_demo=False).exists()
