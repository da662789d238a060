"""The events API: events, sessions, session logs and commitments, scoped to the user.

Readers (facilitators, admins, researchers) list and read what ``events.selectors`` lets them see;
facilitators and admins write through ``events.services``. Another facilitator's event is a 404.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from accounts.roles import EVENT_READERS, EVENT_TEAM, Role, user_has_role
from core.permissions import RolePermission
from events import selectors, services
from events.filters import CommitmentFilter, EventFilter, SessionFilter, SessionLogFilter
from events.models import (
    Commitment,
    CommitmentStatusChange,
    Event,
    EventFacilitator,
    Session,
    SessionLog,
)
from events.serializers import (
    CommitmentSerializer,
    EventSerializer,
    EventStatusSerializer,
    SessionLogSerializer,
    SessionSerializer,
)


class ReadOrEdit(RolePermission):
    """Facilitators, admins and researchers read; only facilitators and admins write."""

    roles = EVENT_READERS

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or user_has_role(request.user, *EVENT_TEAM)


class _ScopedViewSet(viewsets.GenericViewSet):
    permission_classes = [ReadOrEdit]

    def readable(self):
        raise NotImplementedError

    def editable_events(self):
        return selectors.event_editable_for_user(user=self.request.user)

    def get_queryset(self):
        # NOTE: writes look objects up among what the user may edit, reads among what they may
        # read; outside either, the object does not exist for them (404).
        return self.readable()


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    _ScopedViewSet,
):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    queryset = Event.objects.none()

    def readable(self):
        events = (
            self.editable_events()
            if self.request.method not in SAFE_METHODS
            else selectors.event_list_for_user(user=self.request.user)
        )
        return events.prefetch_related(
            Prefetch("memberships", queryset=EventFacilitator.objects.select_related("user"))
        ).order_by("-starts_at", "id")

    def perform_create(self, serializer):
        serializer.instance = services.event_create(
            user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.event_update(
            event=serializer.instance, **serializer.validated_data
        )

    @extend_schema(request=EventStatusSerializer, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, slug=None):
        """Move the event through planned → open for testimonies → closed → archived."""
        event = self.get_object()
        data = EventStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_status_change(event=event, status=data.validated_data["status"])
        return Response(EventSerializer(event).data)


class SessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    _ScopedViewSet,
):
    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    queryset = Session.objects.none()

    def readable(self):
        if self.request.method in SAFE_METHODS:
            sessions = selectors.session_list_for_user(user=self.request.user)
        else:
            sessions = Session.objects.filter(event__in=self.editable_events())
        return (
            sessions.select_related("event", "log")
            .prefetch_related("facilitators")
            .order_by("starts_at", "id")
        )

    def get_serializer(self, *args, **kwargs):
        kwargs["event_queryset"] = self.editable_events()
        return super().get_serializer(*args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.session_create(
            event=data.pop("event"), facilitators=data.pop("facilitators", []), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("event", None)
        serializer.instance = services.session_update(
            session=serializer.instance, facilitators=data.pop("facilitators", None), **data
        )

    def perform_destroy(self, instance):
        services.session_delete(session=instance)


class SessionLogViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    _ScopedViewSet,
):
    serializer_class = SessionLogSerializer
    filterset_class = SessionLogFilter
    queryset = SessionLog.objects.none()

    def readable(self):
        if self.request.method in SAFE_METHODS:
            logs = selectors.session_log_list_for_user(user=self.request.user)
        else:
            logs = SessionLog.objects.filter(session__event__in=self.editable_events())
        return logs.select_related("session__event").order_by("session__starts_at", "id")

    def get_serializer(self, *args, **kwargs):
        user = self.request.user
        kwargs["session_queryset"] = Session.objects.filter(event__in=self.editable_events())
        # NOTE: decided once per request, not per row: admins and holders of the permission
        # read all notes; a facilitator only sees their own events, whose notes they may read.
        everything = user_has_role(user, Role.ADMIN) or user.has_perm(selectors.NOTES_PERMISSION)
        facilitator = user_has_role(user, Role.FACILITATOR)
        editable_ids = (
            set(self.editable_events().values_list("pk", flat=True))
            if facilitator and not everything
            else set()
        )
        kwargs["can_read_notes"] = lambda log: everything or log.session.event_id in editable_ids
        return super().get_serializer(*args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.session_log_save(
            session=data.pop("session"), user=self.request.user, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("session", None)
        serializer.instance = services.session_log_save(
            session=serializer.instance.session, user=self.request.user, **data
        )


class CommitmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    _ScopedViewSet,
):
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    queryset = Commitment.objects.none()

    def readable(self):
        if self.request.method in SAFE_METHODS:
            commitments = selectors.commitment_list_for_user(user=self.request.user)
        else:
            commitments = Commitment.objects.filter(event__in=self.editable_events())
        return (
            commitments.select_related("event")
            .prefetch_related(
                "themes",
                Prefetch(
                    "history",
                    queryset=CommitmentStatusChange.objects.select_related("changed_by"),
                ),
            )
            .order_by("due_date", "id")
        )

    def get_serializer(self, *args, **kwargs):
        kwargs["event_queryset"] = self.editable_events()
        kwargs["theme_queryset"] = selectors.theme_choices()
        return super().get_serializer(*args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status_note", None)
        serializer.instance = services.commitment_create(
            event=data.pop("event"),
            user=self.request.user,
            themes=data.pop("themes", []),
            **data,
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("event", None)
        serializer.instance = services.commitment_update(
            commitment=serializer.instance,
            user=self.request.user,
            themes=data.pop("themes", None),
            status=data.pop("status", None),
            status_note=data.pop("status_note", ""),
            **data,
        )
