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
import os
import threading
from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.hooks import HookPoint
from core.models import OutboxMessage
from core.outbox_join import group_publish

logger = logging.getLogger(__name__)

# Publishing gives up quickly when the broker is unreachable: the row stays pending.
PUBLISH_RETRY_POLICY = {
    "max_retries": 0,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
MAX_BACKOFF_SECONDS = 300
# Seconds: the whole wait for a broker connection (kombu's ensure_connection bound) and each
# socket operation on it.
CONNECT_TIMEOUT = 1.5
# The ids written in the current transaction (on its database connection), relayed together.
_PENDING_ATTR = "_entendu_outbox_pending"


class UnknownTask(Exception):
    pass


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


def outbox_enqueue(
    *, task_name: str, kwargs: dict, queue: str = "", relay_on_commit: bool = True
) -> OutboxMessage:
    """Write a message in the caller's transaction; it is published once that commits
    (or, with ``relay_on_commit=False``, by the next ``outbox_relay()`` call: bulk writers
    relay in batches)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_enqueue must run inside the transaction it follows")
    message = OutboxMessage.objects.create(
        task_name=task_name, kwargs=kwargs, queue=queue, available_at=timezone.now()
    )
    if relay_on_commit:
        connection = transaction.get_connection()
        batch = getattr(connection, _PENDING_ATTR, None)
        if batch is None or not connection.run_on_commit:
            # NOTE: no callback waits yet, so this is the transaction's first message.
            batch = []
            setattr(connection, _PENDING_ATTR, batch)
        batch.append(message.pk)
        # NOTE: one callback per message (a callback registered in a savepoint that rolls back
        # is dropped), but the first to run relays every id of the transaction at once over one
        # connection; the others find nothing left. Ids whose rows rolled back are not found.
        transaction.on_commit(lambda: _relay_after_commit(batch))
    return message


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


def _publish(task_name: str, kwargs: dict, queue: str, connection) -> None:
    # NOTE: current_app is the project's Celery app (config/__init__.py creates it at start-up);
    # reaching it this way keeps core from importing config.
    app = current_app

    options = {"queue": queue} if queue else {}
    if app.conf.task_always_eager:
        # NOTE: eager mode (no broker configured): run in-process, as .delay() would.
        if task_name not in app.tasks:
            app.loader.import_default_modules()
        if task_name not in app.tasks:
            raise UnknownTask(task_name)
        with transaction.atomic():
            app.tasks[task_name].apply(kwargs=kwargs, throw=True)
        return
    # NOTE: ignore_result: nobody waits on these results, and asking for one makes Celery
    # reach the result backend too (about 20 retries, 1 s apart, when Redis is down).
    app.send_task(
        task_name,
        kwargs=kwargs,
        connection=connection,
        retry=True,
        retry_policy=PUBLISH_RETRY_POLICY,
        ignore_result=True,
        **options,
    )


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
        broker = None if eager else _Broker(app, broker_url)
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
                else:
                    outcomes[outcome] += len(unit)
        finally:
            if broker is not None:
                broker.close(failed=broker_down)
    sent = outcomes[_SENT]
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


class _Broker:
    """The connection one relay publishes on: kept per process and thread for the configured
    broker (a new connection cost about 2.5 ms of CPU and 8-10 ms of wall time per story), new
    and released after for any other ``broker_url``.

    NOTE: a kept connection is safe when the broker's database is emptied (``cache.clear()``
    empties it, as the cache shares it) or Redis restarts: Celery publishes to the anonymous
    exchange with the queue's name as routing key, which the Redis transport turns into a push
    on the queue's own list, with no binding to look up (a binding declared once per connection
    would be lost with the database), so the queues need no declaring again
    (tests/integration/test_broker_kept_connection.py empties the database between two stories).
    A publish that fails on a kept connection, other than by a timeout, is tried once more on a
    new connection; one that fails on a new connection is a broker down, as before. Any failure
    drops the kept connection. (After a Redis restart the kept connection reconnects by itself:
    redis-py's pool checks a pooled socket when it lends it.)"""

    def __init__(self, app, broker_url: str | None):
        self.app = app
        self.broker_url = broker_url
        self.keep = broker_url is None
        self.connection = _kept_connection(app) if self.keep else None
        self.fresh = self.connection is None
        if self.connection is None:
            self.connection = self._open()

    def _open(self):
        # NOTE: a short connect timeout, so an unreachable broker costs a request seconds,
        # not minutes; the row stays pending for the periodic relay.
        return self.app.connection_for_write(
            self.broker_url,
            connect_timeout=CONNECT_TIMEOUT,
            transport_options={
                **(self.app.conf.broker_transport_options or {}),
                "max_retries": 0,
                "socket_timeout": CONNECT_TIMEOUT,
                "socket_connect_timeout": CONNECT_TIMEOUT,
            },
        )

    def publish(self, task_name: str, kwargs: dict, queue: str) -> None:
        try:
            _publish(task_name, kwargs, queue, self.connection)
        except Exception as exc:
            if self.fresh or _timed_out(exc):
                raise
            # NOTE: the kept connection went stale: once more on a new one. Not after a
            # timeout: a broker that hangs has had its CONNECT_TIMEOUT already.
            self._drop()
            self.connection, self.fresh = self._open(), True
            _publish(task_name, kwargs, queue, self.connection)

    def close(self, *, failed: bool) -> None:
        if failed or not self.keep:
            self._drop()
        else:
            _kept.connection, _kept.made_for = self.connection, _made_for(self.app)

    def _drop(self) -> None:
        _kept.connection = None
        try:
            self.connection.release()
        except Exception:  # noqa: BLE001
            # NOTE: releasing a broken connection may fail too; it is dropped all the same.
            logger.debug("Outbox: a broker connection could not be released.")


def _timed_out(exc: BaseException | None) -> bool:
    """The error, or one it was raised from, is a timeout (the transports' own classes too)."""
    while exc is not None:
        if isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# The configured broker's connection, kept between relays (one per process and thread).
_kept = threading.local()


def _made_for(app) -> tuple:
    """What a kept connection must still match: this process (a connection is never shared
    with a forked child) and the broker configured (tests point the app at another one)."""
    return (os.getpid(), app.conf.broker_write_url or app.conf.broker_url)


def _kept_connection(app):
    """The kept connection, taken for this relay; None if there is none or it no longer
    matches (left to the garbage collector: releasing it could touch another's socket)."""
    connection = getattr(_kept, "connection", None)
    _kept.connection = None
    if connection is not None and getattr(_kept, "made_for", None) != _made_for(app):
        return None
    return connection


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
    group: OutboxGroup | None, unit: list[OutboxMessage], broker: "_Broker | None", *, eager: bool
) -> str:
    """Publish one unit (one message, or a group's) and record the outcome on its rows, in one
    query: sent, failed (unknown task, or the task raised in eager mode), or broker down
    (retried later, as is the rest of the batch)."""
    now = timezone.now()
    task_name, kwargs = _payload(group, unit)
    attempts = max(message.attempts for message in unit) + 1
    outcome = _SENT
    changes = {"attempts": F("attempts") + 1}
    try:
        if eager:
            _publish(task_name, kwargs, unit[0].queue, None)
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
        changes.update(status=OutboxMessage.Status.SENT, sent_at=now, last_error="")
    OutboxMessage.objects.filter(pk__in=[message.pk for message in unit]).update(**changes)
    return outcome


def _pending_count() -> int:
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
