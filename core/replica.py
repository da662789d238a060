"""An optional read replica for analysis reads (issue 22 point 8).

With ``DATABASE_REPLICA_URL`` set, the settings add a second database alias, ``replica``, and
code that reads for analysis runs inside ``replica_reads()`` (a context manager, or a decorator
on a view): its reads go to the replica, everything else stays on ``default``.

- Writes always go to ``default``, inside ``replica_reads()`` too (an audit record, an export
  job's state).
- Migrations run on ``default`` only; the replica gets them through replication.
- Only pages that show aggregates or search over the research copies read there: a replica lags
  a little behind (usually under a second), so a page that must show a write the same person has
  just made (the coding screen, the work queue, reconciliations, anything after a POST) and the
  sign-in, session and consent paths never use it. See docs/dev/scale.md.

Raw SQL chooses its connection with ``connections[analysis_alias()]``.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

DEFAULT = "default"
REPLICA = "replica"

_reading = ContextVar("replica_reads", default=False)


def replica_enabled() -> bool:
    """Whether analysis reads go to the replica: the alias exists and the setting is on."""
    return bool(getattr(settings, "ANALYSIS_READS_ON_REPLICA", False)) and (
        REPLICA in settings.DATABASES
    )


def analysis_alias() -> str:
    """The alias reads use here: the replica inside ``replica_reads()`` when enabled."""
    return REPLICA if _reading.get() and replica_enabled() else DEFAULT


@contextmanager
def replica_reads():
    """Reads in this block (and the functions it calls) go to the replica when there is one."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_view(view):
    """A view whose reads go to the replica when there is one (GET pages of analysis only)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapped


class AnalysisReplicaRouter:
    """Reads inside ``replica_reads()`` to the replica; writes and migrations to ``default``."""

    def db_for_read(self, model, **hints):
        return analysis_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT

    def allow_relation(self, obj1, obj2, **hints):
        # NOTE: both aliases hold the same data (the replica is a copy of default).
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT
