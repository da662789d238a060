"""Transactional outbox: follow-up work that must never be lost.

A service calls ``outbox_enqueue(...)`` inside the transaction that saves its rows, so the
message exists if and only if the change was committed. After commit we try to publish at once;
if the broker is down the row stays pending and ``outbox_relay()`` publishes it later (run by the
``relay_outbox`` management command in a loop, or the ``core.relay_outbox`` periodic task).
Publishing is at-least-once: tasks fed by the outbox must be safe to run twice.

Bounds (docs/dev/architecture.md, "Background work"): the request that committed never waits on
the broker for more than about ``CONNECT_TIMEOUT`` seconds. Every message a transaction wrote is
published in one relay call over one connection; publishing asks for no result (a result backend
that is down would otherwise retry its own connection for about 20 s); the connection is tried
within ``CONNECT_TIMEOUT`` and a failed publish is not retried, so the first failure sends the rest
of the batch to the periodic relay.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.hooks import HookPoint
from core.models import OutboxMessage
from core.outbox_broker import Broker, UnknownTask, publish
from core.outbox_join import group_publish

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 300
# The ids written in the current transaction (on its database connection), relayed together.
_PENDING_ATTR = "_entendu_outbox_pending"


@dataclass(frozen=True)
class OutboxGroup:
    """Messages of ``task_name`` whose kwargs are exactly ``{argument: <id>}`` (and one queue),
    relayed together, go out as one ``into`` message with ``{into_argument: [ids]}``, at most
    ``size`` ids each: a backlog costs the workers one message per group, not one per row.
    ``into`` must accept every id ``task_name`` would, and be as safe to run twice. With
    ``join_seconds``, units join a group still queued (``core.outbox_join``)."""

    task_name: str
    argument: str
    into: str
    into_argument: str
    size: int
    join_seconds: float = 0


# Register an OutboxGroup in AppConfig.ready() (nlp groups its new-story messages).
outbox_group_hooks = HookPoint("core.outbox_groups")


@dataclass(frozen=True)
class RelayResult:
    sent: int = 0
    pending: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Message:
    """One message to write with ``outbox_enqueue_many``."""

    task_name: str
    kwargs: dict
    queue: str = ""


def outbox_enqueue(
    *, task_name: str, kwargs: dict, queue: str = "", relay_on_commit: bool = True
) -> OutboxMessage:
    """Write a message in the caller's transaction; it is published once that commits
    (or, with ``relay_on_commit=False``, by the next ``outbox_relay()`` call: bulk writers
    relay in batches)."""
    (message,) = outbox_enqueue_many(
        messages=[Message(task_name, kwargs, queue)], relay_on_commit=relay_on_commit
    )
    return message


def outbox_enqueue_many(
    *, messages: list[Message], relay_on_commit: bool = True
) -> list[OutboxMessage]:
    """``outbox_enqueue`` for several messages at once, written in one INSERT (a new story's
    follow-up tasks)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("outbox_enqueue must run inside the transaction it follows")
    now = timezone.now()
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name=m.task_name, kwargs=m.kwargs, queue=m.queue, available_at=now)
        for m in messages
    )
    if relay_on_commit and rows:
        batch = getattr(connection, _PENDING_ATTR, None)
        if batch is None or not connection.run_on_commit:
            # NOTE: no callback waits yet, so this is the transaction's first message.
            batch = []
            setattr(connection, _PENDING_ATTR, batch)
        batch.extend(row.pk for row in rows)
        # NOTE: one callback per call (a callback registered in a savepoint that rolls back
        # is dropped), but the first to run relays every id of the transaction at once over one
        # connection; the others find nothing left. Ids whose rows rolled back are not found.
        transaction.on_commit(lambda: _relay_after_commit(batch))
    return rows


def _relay_after_commit(batch: list[int]) -> None:
    ids = list(batch)
    batch.clear()
    if not ids:
        return
    try:
        outbox_relay(ids=ids, count_pending=False)
    except Exception:  # noqa: BLE001
        # NOTE: the request that saved the story must succeed whatever happens here; the
        # periodic relay will publish the rows later.
        logger.warning("Outbox: immediate relay of %s message(s) failed; pending.", len(ids))


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2 ** min(attempts, 16), MAX_BACKOFF_SECONDS))


# What happened to one message in outbox_relay.
_SENT, _FAILED, _BROKER_DOWN = "sent", "failed", "broker down"


def outbox_relay(
    *,
    limit: int = 200,
    ids: list[int] | None = None,
    broker_url: str | None = None,
    count_pending: bool = True,
) -> RelayResult:
    """Publish pending messages whose time has come; returns how many were sent or are pending.

    ``broker_url`` overrides the configured broker (tests point it at a closed port).
    ``count_pending`` False leaves ``pending`` at 0 (the relay after commit reads no count).
    Safe to run concurrently: rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED.
    """
    app = current_app

    eager = app.conf.task_always_eager
    outcomes = {_SENT: 0, _FAILED: 0}
    outermost = not transaction.get_connection().in_atomic_block
    with transaction.atomic():
        if outermost:
            _commit_without_waiting_for_disk()
        messages = _claim(limit=limit, ids=ids)
        if not messages:
            return RelayResult(pending=_pending_count() if count_pending else 0)
        broker = None if eager else Broker(app, broker_url)
        sent_ids: list[int] = []
        try:
            broker_down = False
            for group, unit in _units(messages):
                if broker_down:
                    for message in unit:
                        _postpone(message)
                    continue
                outcome = _relay_unit(group, unit, broker, eager=eager)
                if outcome == _BROKER_DOWN:
                    broker_down = True
                elif outcome == _SENT:
                    sent_ids.extend(message.pk for message in unit)
                else:
                    outcomes[outcome] += len(unit)
        finally:
            if broker is not None:
                broker.close(failed=broker_down)
        _mark_sent(sent_ids)
    sent = len(sent_ids)
    if sent:
        logger.info("Outbox: published %s message(s).", sent)
    pending = _pending_count() if count_pending else 0
    return RelayResult(sent=sent, pending=pending, failed=outcomes[_FAILED])


def _commit_without_waiting_for_disk() -> None:
    """The relay's own transaction (claiming rows, marking them sent; never a caller's) does
    not wait for its commit to reach the disk: after a crash the worst case is a message
    published but still pending, published again by the next relay, which at-least-once
    delivery allows (tasks fed by the outbox are safe to run twice). It saves a disk flush on
    every story's request."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _claim(*, limit: int, ids: list[int] | None) -> list[OutboxMessage]:
    """Lock the pending messages whose time has come (the caller holds the transaction)."""
    queryset = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now()
    )
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return list(queryset.select_for_update(skip_locked=True).order_by("id")[:limit])


def _postpone(message: OutboxMessage) -> None:
    """The broker failed on an earlier message of this batch: try this one later."""
    message.attempts += 1
    message.available_at = timezone.now() + _backoff(message.attempts)
    message.last_error = "broker unreachable"
    message.save(update_fields=["attempts", "available_at", "last_error"])


def _units(messages: list[OutboxMessage]) -> list[tuple[OutboxGroup | None, list]]:
    """The claimed messages in publishing units, in id order: a registered group's messages
    together (``OutboxGroup.size`` at most), every other message alone."""
    groups = {group.task_name: group for group in outbox_group_hooks}
    units: list[tuple[OutboxGroup | None, list]] = []
    open_units: dict[tuple[str, str], list[OutboxMessage]] = {}
    for message in messages:
        group = groups.get(message.task_name)
        if group is None or set(message.kwargs) != {group.argument}:
            units.append((None, [message]))
            continue
        key = (message.task_name, message.queue)
        unit = open_units.get(key)
        if unit is None or len(unit) >= group.size:
            unit = open_units[key] = []
            units.append((group, unit))
        unit.append(message)
    return units


def _payload(group: OutboxGroup | None, unit: list[OutboxMessage]) -> tuple[str, dict]:
    """The task and kwargs one unit is published as."""
    if group is None:
        return unit[0].task_name, unit[0].kwargs
    return group.into, {group.into_argument: [m.kwargs[group.argument] for m in unit]}


def _relay_unit(
    group: OutboxGroup | None, unit: list[OutboxMessage], broker: "Broker | None", *, eager: bool
) -> str:
    """Publish one unit (one message, or a group's): sent (the caller marks every sent row in one
    query, ``_mark_sent``), failed (unknown task, or the task raised in eager mode), or broker
    down (retried later, as is the rest of the batch); those two are recorded on the unit's rows
    here, in one query."""
    now = timezone.now()
    task_name, kwargs = _payload(group, unit)
    attempts = max(message.attempts for message in unit) + 1
    changes = {"attempts": F("attempts") + 1}
    try:
        if eager:
            publish(task_name, kwargs, unit[0].queue, None)
        elif group is not None and group.join_seconds:
            group_publish(broker, group, unit, kwargs)
        else:
            broker.publish(task_name, kwargs, unit[0].queue)
    except UnknownTask:
        changes.update(
            status=OutboxMessage.Status.FAILED, last_error=f"unknown task {task_name}"[:500]
        )
        outcome = _FAILED
        logger.error("Outbox: message %s names an unknown task.", unit[0].pk)
    except Exception as exc:  # noqa: BLE001
        # SECURITY: record the error's type only; messages may quote payloads.
        changes.update(last_error=type(exc).__name__[:500], available_at=now + _backoff(attempts))
        if eager:
            changes.update(status=OutboxMessage.Status.FAILED)
            outcome = _FAILED
        else:
            outcome = _BROKER_DOWN
        logger.warning(
            "Outbox: %s message(s) from %s not published (%s); attempt %s.",
            len(unit),
            unit[0].pk,
            type(exc).__name__,
            attempts,
        )
    else:
        return _SENT
    OutboxMessage.objects.filter(pk__in=[message.pk for message in unit]).update(**changes)
    return outcome


def _mark_sent(ids: list[int]) -> None:
    if ids:
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.SENT,
            sent_at=timezone.now(),
            last_error="",
            attempts=F("attempts") + 1,
        )


def _pending_count() -> int:
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
