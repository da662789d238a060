"""The broker side of the outbox (``core.outbox``): publishing one message, and the connection a
relay publishes on, kept per process and thread.

Bounds (docs/dev/architecture.md, "Background work"): a publish asks for no result, is tried
within ``CONNECT_TIMEOUT`` and is not retried, so an unreachable broker costs a request about
``CONNECT_TIMEOUT`` seconds and the rows stay pending for the periodic relay.
"""

import logging
import os
import threading

from celery import current_app
from django.db import transaction

logger = logging.getLogger("core.outbox")

# Publishing gives up quickly when the broker is unreachable: the row stays pending.
PUBLISH_RETRY_POLICY = {
    "max_retries": 0,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Seconds: the whole wait for a broker connection (kombu's ensure_connection bound) and each
# socket operation on it.
CONNECT_TIMEOUT = 1.5


class UnknownTask(Exception):
    pass


def publish(task_name: str, kwargs: dict, queue: str, connection) -> None:
    """Send one task message on ``connection`` (in eager mode: run the task here)."""
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


class Broker:
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
        self.connection = kept_connection(app) if self.keep else None
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
            publish(task_name, kwargs, queue, self.connection)
        except Exception as exc:
            if self.fresh or timed_out(exc):
                raise
            # NOTE: the kept connection went stale: once more on a new one. Not after a
            # timeout: a broker that hangs has had its CONNECT_TIMEOUT already.
            self._drop()
            self.connection, self.fresh = self._open(), True
            publish(task_name, kwargs, queue, self.connection)

    def close(self, *, failed: bool) -> None:
        if failed or not self.keep:
            self._drop()
        else:
            kept.connection, kept.made_for = self.connection, made_for(self.app)

    def _drop(self) -> None:
        kept.connection = None
        try:
            self.connection.release()
        except Exception:  # noqa: BLE001
            # NOTE: releasing a broken connection may fail too; it is dropped all the same.
            logger.debug("Outbox: a broker connection could not be released.")


def timed_out(exc: BaseException | None) -> bool:
    """The error, or one it was raised from, is a timeout (the transports' own classes too)."""
    while exc is not None:
        if isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# The configured broker's connection, kept between relays (one per process and thread).
kept = threading.local()


def made_for(app) -> tuple:
    """What a kept connection must still match: this process (a connection is never shared
    with a forked child) and the broker configured (tests point the app at another one)."""
    return (os.getpid(), app.conf.broker_write_url or app.conf.broker_url)


def kept_connection(app):
    """The kept connection, taken for this relay; None if there is none or it no longer
    matches (left to the garbage collector: releasing it could touch another's socket)."""
    connection = getattr(kept, "connection", None)
    kept.connection = None
    if connection is not None and getattr(kept, "made_for", None) != made_for(app):
        return None
    return connection
