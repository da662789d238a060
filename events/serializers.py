from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.models import User
from core.serializer_fields import CountryCodeField
from events.models import (
    Commitment,
    CommitmentStatusChange,
    Event,
    EventFacilitator,
    Language,
    PopulationGroup,
    Session,
    SessionLog,
)
from events.selectors import theme_choices


class EventFacilitatorSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = EventFacilitator
        fields = ["email", "name", "role"]


class EventSerializer(serializers.ModelSerializer):
    country = CountryCodeField()
    languages = serializers.ListField(
        child=serializers.ChoiceField(Language.choices), required=False
    )
    population_focus = serializers.ListField(
        child=serializers.ChoiceField(PopulationGroup.choices), required=False
    )
    partner_organisations = serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=50, required=False
    )
    facilitators = EventFacilitatorSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "status",
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
            "facilitators",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["slug", "status", "facilitators", "created_at", "updated_at"]


class EventStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(Event.Status.choices)


class SessionSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", queryset=Event.objects.none())
    facilitators = serializers.SlugRelatedField(
        slug_field="email",
        many=True,
        required=False,
        queryset=User.objects.all(),
    )
    has_log = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "event",
            "title",
            "starts_at",
            "duration_minutes",
            "format",
            "facilitators",
            "has_log",
        ]

    def get_has_log(self, session) -> bool:
        return hasattr(session, "log")

    def __init__(self, *args, event_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event_queryset is not None:
            self.fields["event"].queryset = event_queryset


class SessionLogSerializer(serializers.ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.none())
    event = serializers.SlugRelatedField(source="session.event", slug_field="slug", read_only=True)
    notes = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10_000,
        help_text="Present only for readers allowed to see notes.",
    )

    class Meta:
        model = SessionLog
        fields = [
            "id",
            "session",
            "event",
            "attendance_total",
            *SessionLog.GROUP_FIELDS.values(),
            "topics_discussed",
            "concerns_raised",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def __init__(self, *args, session_queryset=None, can_read_notes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session_queryset is not None:
            self.fields["session"].queryset = session_queryset
        self.can_read_notes = can_read_notes

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # SECURITY: a researcher without the notes permission never receives the notes.
        if self.can_read_notes is not None and not self.can_read_notes(instance):
            data.pop("notes", None)
        return data

    def validate(self, attrs):
        total = attrs.get("attendance_total", getattr(self.instance, "attendance_total", None))
        errors = {}
        for name in SessionLog.GROUP_FIELDS.values():
            value = attrs.get(name)
            if value is not None and total is not None and value > total:
                errors[name] = [
                    _("A group count cannot exceed the total attendance (%(total)s).")
                    % {"total": total}
                ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CommitmentStatusChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = CommitmentStatusChange
        fields = ["changed_at", "changed_by", "from_status", "to_status", "note"]


class CommitmentSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", queryset=Event.objects.none())
    themes = serializers.SlugRelatedField(
        slug_field="key",
        many=True,
        required=False,
        # NOTE: the themes are codes; the queryset comes through events.selectors so that
        # events does not import coding (layers, issue 13). Each request narrows it.
        queryset=theme_choices().none(),
    )
    status_note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=500
    )
    history = CommitmentStatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "event",
            "session",
            "description",
            "organisation",
            "themes",
            "status",
            "status_note",
            "due_date",
            "public_progress_note",
            "history",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def __init__(self, *args, event_queryset=None, theme_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event_queryset is not None:
            self.fields["event"].queryset = event_queryset
        if theme_queryset is not None:
            self.fields["themes"].child_relation.queryset = theme_queryset
        self.fields["session"].queryset = Session.objects.filter(
            event__in=self.fields["event"].queryset
        )
