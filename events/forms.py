from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import StrictModelChoiceField
from events.models import (
    Commitment,
    Event,
    EventFacilitator,
    Language,
    PopulationGroup,
    Session,
    SessionLog,
    language_choices,
)
from events.selectors import theme_choices
from events.services import SKIPPED_TIME_MESSAGE, skipped_by_clock_change

MAX_PARTNERS = 50


def timezone_choices() -> list[tuple[str, str]]:
    zones = [(name, name.replace("_", " ")) for name in sorted(available_timezones())]
    return [("", "---------"), *zones]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def to_wall_clock(value: datetime | None, tz_name: str) -> datetime | None:
    """An aware datetime shown as the wall-clock time of the event's time zone."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(tz_name)).replace(tzinfo=None)


def from_wall_clock(value: datetime | None, tz_name: str) -> datetime | None:
    """A form's datetime (made aware in the request's zone by Django) read as a wall-clock time
    in ``tz_name``."""
    if value is None:
        return None
    if dj_timezone.is_aware(value):
        value = dj_timezone.make_naive(value)
    return value.replace(tzinfo=ZoneInfo(tz_name))


class EventForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts at (local time)"), widget=LocalDateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at (local time)"), widget=LocalDateTimeInput())
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        help_text=_("The time zone of the place where the event happens, e.g. Europe/Paris."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    population_focus = forms.MultipleChoiceField(
        label=_("Population focus"),
        choices=PopulationGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Several may apply: people belong to several groups."),
    )
    partner_organisations = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "timezone",
            "country",
            "city",
            "is_online",
            "languages",
            "population_focus",
            "partner_organisations",
            "description",
            "is_public",
        ]
        labels = {"is_public": _("Publish a “You said, we did” page")}
        help_texts = {
            "is_public": _(
                "Anyone may then read the event's commitments, their progress and its figures."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and not self.is_bound:
            self.initial["starts_at"] = to_wall_clock(instance.starts_at, instance.timezone)
            self.initial["ends_at"] = to_wall_clock(instance.ends_at, instance.timezone)
            self.initial["partner_organisations"] = "\n".join(instance.partner_organisations or [])
        self.fields["description"].widget.attrs["maxlength"] = 10_000

    def clean_partner_organisations(self):
        names = [line.strip() for line in self.cleaned_data["partner_organisations"].splitlines()]
        names = list(dict.fromkeys(n for n in names if n))
        if len(names) > MAX_PARTNERS:
            raise forms.ValidationError(_("At most 50 partner organisations."))
        if any(len(n) > 200 for n in names):
            raise forms.ValidationError(_("A name has more than 200 characters."))
        return names

    def clean(self):
        data = super().clean()
        tz_name = data.get("timezone")
        if tz_name:
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    data[name] = from_wall_clock(data[name], tz_name)
                    if skipped_by_clock_change(data[name]):
                        self.add_error(name, SKIPPED_TIME_MESSAGE)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must not be before the start."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EventStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Event.Status.choices)
    # Closing and archiving stop the participant link: they need this second, explicit step.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FacilitatorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a facilitator"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=EventFacilitator.Role.choices,
        initial=EventFacilitator.Role.CO,
    )


class PersonEventForm(forms.Form):
    """An admin puts one facilitator on an event (/manage/people/<id>/events/)."""

    event = StrictModelChoiceField(
        label=_("Event"), queryset=Event.objects.order_by("-starts_at", "pk")
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=EventFacilitator.Role.choices, initial=EventFacilitator.Role.CO
    )


class SessionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts at (local time)"), widget=LocalDateTimeInput())

    class Meta:
        model = Session
        fields = ["title", "starts_at", "duration_minutes", "format", "facilitators"]
        widgets = {"facilitators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, event: Event, **kwargs):
        self.event = event
        kwargs.setdefault("instance", Session(event=event))
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = event.facilitators.order_by("email")
        self.fields["facilitators"].label_from_instance = lambda u: u.display_name or u.email
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 24 * 60})
        if not self.is_bound:
            start = self.instance.starts_at if self.instance.pk else event.starts_at
            self.initial["starts_at"] = to_wall_clock(start, event.timezone)

    def clean_starts_at(self):
        value = from_wall_clock(self.cleaned_data["starts_at"], self.event.timezone)
        if skipped_by_clock_change(value):
            raise forms.ValidationError(SKIPPED_TIME_MESSAGE)
        return value


class SessionLogForm(forms.ModelForm):
    class Meta:
        model = SessionLog
        fields = [
            "attendance_total",
            *SessionLog.GROUP_FIELDS.values(),
            "topics_discussed",
            "concerns_raised",
            "notes",
        ]
        help_texts = {
            "notes": _("For the team: researchers do not see these notes unless allowed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attendance_total", *SessionLog.GROUP_FIELDS.values()):
            field = self.fields[name]
            field.min_value = 0
            field.widget.attrs.update({"min": 0, "inputmode": "numeric", "step": 1})
        for name in ("topics_discussed", "concerns_raised", "notes"):
            self.fields[name].widget.attrs["rows"] = 4
        self.fields["attendance_total"].widget.attrs["autofocus"] = True

    def clean(self):
        data = super().clean()
        total = data.get("attendance_total")
        for name in SessionLog.GROUP_FIELDS.values():
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Enter a whole number, zero or more."))
            elif value is not None and total is not None and value > total:
                self.add_error(
                    name,
                    _("A group count cannot exceed the total attendance (%(total)s).")
                    % {"total": total},
                )
        return data


class CommitmentForm(forms.ModelForm):
    status_note = forms.CharField(
        label=_("Note on the change of status"),
        required=False,
        max_length=500,
        help_text=_("Kept in the commitment's history."),
    )

    class Meta:
        model = Commitment
        fields = [
            "description",
            "organisation",
            "session",
            "themes",
            "status",
            "due_date",
            "public_progress_note",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "public_progress_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "public_progress_note": _("Shown on the public page when the event is public."),
        }

    def __init__(self, *args, event: Event, **kwargs):
        kwargs.setdefault("instance", Commitment(event=event))
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.order_by("starts_at", "id")
        self.fields["themes"].queryset = theme_choices()
        # The theme's label in the reader's language, marked "(in English)" when it has none.
        self.fields["themes"].label_from_instance = lambda theme: theme.label_marked
        self.fields["description"].widget.attrs["maxlength"] = 2_000
        self.fields["public_progress_note"].widget.attrs["maxlength"] = 2_000


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any"))] + Event.Status.choices
    )
    population = forms.ChoiceField(
        label=_("Population focus"),
        required=False,
        choices=[("", _("Any"))] + PopulationGroup.choices,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any"))] + Event.Kind.choices
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any"))] + Language.choices
    )
    demo = forms.ChoiceField(
        label=_("Demo events"),
        required=False,
        choices=[
            ("", _("Any")),
            ("real", _("Real events only")),
            ("demo", _("Demo events only")),
        ],
    )

    def __init__(self, *args, years: list[int] = (), country_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # NOTE: by default only the countries that have events are offered, not all 249.
        options = list(countries) if country_choices is None else country_choices
        self.fields["country"].choices = [("", _("Any")), *options]
        self.fields["year"].choices = [("", _("Any"))] + [(y, str(y)) for y in years]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma-separated, with a header row; at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
