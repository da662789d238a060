"""The events API: events, sessions, session logs and commitments, scoped to the user.

Readers (facilitators, admins, researchers) list and read what ``events.selectors`` lets them see;
facilitators and admins write through ``events.services``. Another facilitator's event is a 404:
writes look objects up among what the user may edit, reads among what they may read.

NOTE: the paths and operation ids are those the router-generated ViewSets published before
issue 13; ``operation_id`` pins them (tests/core/test_openapi.py checks the contract).
"""

from functools import partial

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import EVENT_READERS, EVENT_TEAM, Role, user_has_role
from core.pagination import ListApiMixin
from core.permissions import roles_read_write
from events import selectors, services
from events.filters import CommitmentFilter, EventFilter, SessionFilter, SessionLogFilter
from events.models import Commitment, CommitmentStatusChange, EventFacilitator, Session, SessionLog
from events.serializers import (
    CommitmentSerializer,
    EventSerializer,
    EventStatusSerializer,
    SessionLogSerializer,
    SessionSerializer,
)

ReadOrEdit = roles_read_write(read=EVENT_READERS, write=EVENT_TEAM)


class EventsApi(APIView):
    permission_classes = [ReadOrEdit]


# Events ---------------------------------------------------------------------------------------


def _events_readable(user):
    return (
        selectors.event_list_for_user(user=user)
        .prefetch_related(
            Prefetch("memberships", queryset=EventFacilitator.objects.select_related("user"))
        )
        .order_by("-starts_at", "id")
    )


def _event_editable(user, slug):
    return get_object_or_404(selectors.event_editable_for_user(user=user), slug=slug)


class EventListApi(ListApiMixin, EventsApi):
    filterset_class = EventFilter

    @extend_schema(operation_id="events_list", responses=EventSerializer(many=True))
    def get(self, request):
        events = self.filter_queryset(_events_readable(request.user))
        return self.paginated_response(queryset=events, serializer_class=EventSerializer)

    @extend_schema(
        operation_id="events_create", request=EventSerializer, responses={201: EventSerializer}
    )
    def post(self, request):
        data = EventSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_create(user=request.user, **data.validated_data)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class EventDetailApi(EventsApi):
    @extend_schema(operation_id="events_retrieve", responses=EventSerializer)
    def get(self, request, slug: str):
        event = get_object_or_404(_events_readable(request.user), slug=slug)
        return Response(EventSerializer(event).data)

    def _update(self, request, slug, *, partial):
        event = _event_editable(request.user, slug)
        data = EventSerializer(event, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        event = services.event_update(event=event, **data.validated_data)
        return Response(EventSerializer(event).data)

    @extend_schema(operation_id="events_update", request=EventSerializer, responses=EventSerializer)
    def put(self, request, slug: str):
        return self._update(request, slug, partial=False)

    @extend_schema(
        operation_id="events_partial_update", request=EventSerializer, responses=EventSerializer
    )
    def patch(self, request, slug: str):
        return self._update(request, slug, partial=True)


class EventStatusUpdateApi(EventsApi):
    @extend_schema(
        operation_id="events_status_create",
        request=EventStatusSerializer,
        responses=EventSerializer,
    )
    def post(self, request, slug: str):
        """Move the event through planned → open for testimonies → closed → archived."""
        event = _event_editable(request.user, slug)
        data = EventStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_status_change(event=event, status=data.validated_data["status"])
        return Response(EventSerializer(event).data)


# Sessions -------------------------------------------------------------------------------------


def _sessions(sessions):
    return (
        sessions.select_related("event", "log")
        .prefetch_related("facilitators")
        .order_by("starts_at", "id")
    )


def _session_serializer(request, *args, **kwargs):
    editable = selectors.event_editable_for_user(user=request.user)
    return SessionSerializer(*args, event_queryset=editable, **kwargs)


class SessionListApi(ListApiMixin, EventsApi):
    filterset_class = SessionFilter

    @extend_schema(operation_id="sessions_list", responses=SessionSerializer(many=True))
    def get(self, request):
        sessions = _sessions(selectors.session_list_for_user(user=request.user))
        return self.paginated_response(
            queryset=self.filter_queryset(sessions), serializer_class=SessionSerializer
        )

    @extend_schema(
        operation_id="sessions_create",
        request=SessionSerializer,
        responses={201: SessionSerializer},
    )
    def post(self, request):
        data = _session_serializer(request, data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        session = services.session_create(
            event=values.pop("event"), facilitators=values.pop("facilitators", []), **values
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailApi(EventsApi):
    def _editable(self, request, pk):
        # NOTE: no prefetching for writes: the response must show the facilitators as saved.
        editable = Session.objects.filter(
            event__in=selectors.event_editable_for_user(user=request.user)
        )
        return get_object_or_404(editable.select_related("event"), pk=pk)

    @extend_schema(operation_id="sessions_retrieve", responses=SessionSerializer)
    def get(self, request, pk: int):
        readable = _sessions(selectors.session_list_for_user(user=request.user))
        return Response(SessionSerializer(get_object_or_404(readable, pk=pk)).data)

    def _update(self, request, pk, *, partial):
        session = self._editable(request, pk)
        data = _session_serializer(request, session, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("event", None)
        session = services.session_update(
            session=session, facilitators=values.pop("facilitators", None), **values
        )
        return Response(SessionSerializer(session).data)

    @extend_schema(
        operation_id="sessions_update", request=SessionSerializer, responses=SessionSerializer
    )
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(
        operation_id="sessions_partial_update",
        request=SessionSerializer,
        responses=SessionSerializer,
    )
    def patch(self, request, pk: int):
        return self._update(request, pk, partial=True)

    @extend_schema(operation_id="sessions_destroy", responses={204: None})
    def delete(self, request, pk: int):
        services.session_delete(session=self._editable(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


# Session logs ---------------------------------------------------------------------------------


def _logs(logs):
    return logs.select_related("session__event").order_by("session__starts_at", "id")


def _log_serializer(request, *args, **kwargs):
    user = request.user
    editable = selectors.event_editable_for_user(user=user)
    # NOTE: decided once per request, not per row: admins and holders of the permission read
    # all notes; a facilitator only sees their own events, whose notes they may read.
    everything = user_has_role(user, Role.ADMIN) or user.has_perm(selectors.NOTES_PERMISSION)
    facilitator = user_has_role(user, Role.FACILITATOR)
    editable_ids = (
        set(editable.values_list("pk", flat=True)) if facilitator and not everything else set()
    )
    return SessionLogSerializer(
        *args,
        session_queryset=Session.objects.filter(event__in=editable),
        can_read_notes=lambda log: everything or log.session.event_id in editable_ids,
        **kwargs,
    )


class SessionLogListApi(ListApiMixin, EventsApi):
    filterset_class = SessionLogFilter

    @extend_schema(operation_id="session_logs_list", responses=SessionLogSerializer(many=True))
    def get(self, request):
        logs = self.filter_queryset(_logs(selectors.session_log_list_for_user(user=request.user)))
        return self.paginated_response(
            queryset=logs,
            serializer_class=partial(_log_serializer, request),
        )

    @extend_schema(
        operation_id="session_logs_create",
        request=SessionLogSerializer,
        responses={201: SessionLogSerializer},
    )
    def post(self, request):
        data = _log_serializer(request, data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        log = services.session_log_save(session=values.pop("session"), user=request.user, **values)
        return Response(_log_serializer(request, log).data, status=status.HTTP_201_CREATED)


class SessionLogDetailApi(EventsApi):
    @extend_schema(operation_id="session_logs_retrieve", responses=SessionLogSerializer)
    def get(self, request, pk: int):
        readable = _logs(selectors.session_log_list_for_user(user=request.user))
        return Response(_log_serializer(request, get_object_or_404(readable, pk=pk)).data)

    def _update(self, request, pk, *, partial):
        editable = SessionLog.objects.filter(
            session__event__in=selectors.event_editable_for_user(user=request.user)
        )
        log = get_object_or_404(_logs(editable), pk=pk)
        data = _log_serializer(request, log, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("session", None)
        log = services.session_log_save(session=log.session, user=request.user, **values)
        return Response(_log_serializer(request, log).data)

    @extend_schema(
        operation_id="session_logs_update",
        request=SessionLogSerializer,
        responses=SessionLogSerializer,
    )
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(
        operation_id="session_logs_partial_update",
        request=SessionLogSerializer,
        responses=SessionLogSerializer,
    )
    def patch(self, request, pk: int):
        return self._update(request, pk, partial=True)


# Commitments ----------------------------------------------------------------------------------


def _commitments(commitments):
    return (
        commitments.select_related("event")
        .prefetch_related(
            "themes",
            Prefetch(
                "history", queryset=CommitmentStatusChange.objects.select_related("changed_by")
            ),
        )
        .order_by("due_date", "id")
    )


def _commitment_serializer(request, *args, **kwargs):
    return CommitmentSerializer(
        *args,
        event_queryset=selectors.event_editable_for_user(user=request.user),
        theme_queryset=selectors.theme_choices(),
        **kwargs,
    )


class CommitmentListApi(ListApiMixin, EventsApi):
    filterset_class = CommitmentFilter

    @extend_schema(operation_id="commitments_list", responses=CommitmentSerializer(many=True))
    def get(self, request):
        commitments = _commitments(selectors.commitment_list_for_user(user=request.user))
        return self.paginated_response(
            queryset=self.filter_queryset(commitments), serializer_class=CommitmentSerializer
        )

    @extend_schema(
        operation_id="commitments_create",
        request=CommitmentSerializer,
        responses={201: CommitmentSerializer},
    )
    def post(self, request):
        data = _commitment_serializer(request, data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("status_note", None)
        commitment = services.commitment_create(
            event=values.pop("event"),
            user=request.user,
            themes=values.pop("themes", []),
            **values,
        )
        return Response(CommitmentSerializer(commitment).data, status=status.HTTP_201_CREATED)


class CommitmentDetailApi(EventsApi):
    @extend_schema(operation_id="commitments_retrieve", responses=CommitmentSerializer)
    def get(self, request, pk: int):
        readable = _commitments(selectors.commitment_list_for_user(user=request.user))
        return Response(CommitmentSerializer(get_object_or_404(readable, pk=pk)).data)

    def _update(self, request, pk, *, partial):
        # NOTE: no prefetching for writes: the response must show the themes and history as
        # saved.
        editable = Commitment.objects.filter(
            event__in=selectors.event_editable_for_user(user=request.user)
        )
        commitment = get_object_or_404(editable.select_related("event"), pk=pk)
        data = _commitment_serializer(request, commitment, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("event", None)
        commitment = services.commitment_update(
            commitment=commitment,
            user=request.user,
            themes=values.pop("themes", None),
            status=values.pop("status", None),
            status_note=values.pop("status_note", ""),
            **values,
        )
        return Response(CommitmentSerializer(commitment).data)

    @extend_schema(
        operation_id="commitments_update",
        request=CommitmentSerializer,
        responses=CommitmentSerializer,
    )
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(
        operation_id="commitments_partial_update",
        request=CommitmentSerializer,
        responses=CommitmentSerializer,
    )
    def patch(self, request, pk: int):
        return self._update(request, pk, partial=True)
