import django_filters
from django_countries import countries

from core.filtering import IdFilter, UtcDateTimeFilter, YearFilter
from events.models import Commitment, Event, Language, PopulationGroup, Session, SessionLog


class EventFilter(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(choices=list(countries))
    year = YearFilter(field_name="starts_at", lookup_expr="year")
    status = django_filters.ChoiceFilter(choices=Event.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)
    population = django_filters.ChoiceFilter(
        choices=PopulationGroup.choices, method="filter_population", label="Population focus"
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices, method="filter_language", label="Language"
    )
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    is_public = django_filters.BooleanFilter()

    class Meta:
        model = Event
        fields = ["country", "year", "status", "kind", "population", "language", "is_public"]

    def filter_population(self, queryset, name, value):
        return queryset.filter(population_focus__has_item=value) if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__has_item=value) if value else queryset


class SessionFilter(django_filters.FilterSet):
    event = django_filters.CharFilter(field_name="event__slug")
    format = django_filters.ChoiceFilter(choices=Session.Format.choices)
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    logged = django_filters.BooleanFilter(field_name="log", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Session
        fields = ["event", "format"]


class SessionLogFilter(django_filters.FilterSet):
    event = django_filters.CharFilter(field_name="session__event__slug")
    session = IdFilter(field_name="session_id")
    country = django_filters.ChoiceFilter(
        field_name="session__event__country", choices=list(countries)
    )
    year = YearFilter(field_name="session__starts_at", lookup_expr="year")

    class Meta:
        model = SessionLog
        fields = ["event", "session"]


class CommitmentFilter(django_filters.FilterSet):
    event = django_filters.CharFilter(field_name="event__slug")
    status = django_filters.ChoiceFilter(choices=Commitment.Status.choices)
    theme = django_filters.CharFilter(field_name="themes__key", distinct=True)
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    organisation = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Commitment
        fields = ["event", "status", "theme"]
