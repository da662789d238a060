"""Writing to the audit log (``audit_record``) and checking its chain (``audit_verify``).

Appending is serialised: on PostgreSQL a transaction-scoped advisory lock is taken before the
last entry is read, so two writers can never share a sequence number or a previous hash; on
SQLite the database allows one writing transaction at a time. ``audit_record`` joins the
caller's transaction when there is one, so an entry exists if and only if its action committed.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone

from audit import context
from audit.models import Action, AuditEntry

GENESIS = "0" * 64
# An arbitrary constant of this project: the advisory lock's key.
_LOCK_KEY = 7_340_114
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_MAX_TEXT = 120
_MAX_ITEMS = 50


def entry_hash(
    *,
    prev_hash: str,
    sequence: int,
    at: datetime,
    action: str,
    actor_ref: int | None,
    actor_label: str,
    target_type: str,
    target_id: str,
    details: dict,
) -> str:
    """SHA-256 over the canonical JSON of one entry and the hash of the one before."""
    payload = {
        "prev_hash": prev_hash,
        "sequence": sequence,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "action": action,
        "actor_ref": actor_ref,
        "actor_label": actor_label,
        "target_type": target_type,
        "target_id": target_id,
        "details": details,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def actor_label_for(user) -> str:
    """``user #12 (researcher)``: an id and roles, never a name or an e-mail address."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    roles = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        roles.add("admin")
    return f"user #{user.pk}" + (f" ({', '.join(sorted(roles))})" if roles else "")


def _clean_value(value):
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_clean_value(v) for v in list(items)[:_MAX_ITEMS]]
    text = str(value)
    # SECURITY: an e-mail address is personal data; it never reaches the log.
    return "[removed]" if _EMAIL.search(text) else text[:_MAX_TEXT]


def clean_details(details: dict | None) -> dict:
    """Details as short plain values (no nested objects); e-mail-like strings are removed."""
    return {str(k)[:40]: _clean_value(v) for k, v in (details or {}).items()}


def _target(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        kind, pk = target
        return str(kind)[:64], str(pk)[:64]
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk)[:64]


@dataclass(frozen=True)
class _Actor:
    user: object
    label: str


def _actor(actor, request, actor_label: str | None) -> _Actor:
    if actor_label is not None:
        # A label without an account: e.g. a participant who withdrew with a code.
        return _Actor(None, actor_label[:120])
    if actor is None:
        request = request or context.current_request()
        user = getattr(request, "user", None) if request is not None else None
        actor = user if user is not None and user.is_authenticated else None
        if actor is None:
            return _Actor(None, "anonymous" if request is not None else "system")
    if not getattr(actor, "is_authenticated", False):
        return _Actor(None, "anonymous")
    return _Actor(actor, actor_label_for(actor))


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def audit_record(
    *,
    action: str,
    actor=None,
    target=None,
    details: dict | None = None,
    request=None,
    actor_label: str | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` defaults to the signed-in user of ``request`` (or of the
    request being served); ``target`` is a model instance or a ``(type, id)`` pair;
    ``actor_label`` records an actor without an account (no user is linked then). Bad arguments
    raise ``ValueError`` before anything is written."""
    action = Action(action).value
    who = _actor(actor, request, actor_label)
    target_type, target_id = _target(target)
    return _append(
        action=action,
        who=who,
        target_type=target_type,
        target_id=target_id,
        details=clean_details(details),
    )


# NOTE: no savepoint inside a caller's transaction (two statements on every audited write, a
# story's among them): a database error here breaks the caller's whole transaction, which is
# what an audited change wants (its change must not commit without its entry).
@transaction.atomic(savepoint=False)
def _append(*, action: str, who: _Actor, target_type, target_id, details) -> AuditEntry:
    _lock_chain()
    last = AuditEntry.objects.order_by("-sequence").values("sequence", "hash").first()
    sequence = last["sequence"] + 1 if last else 1
    prev_hash = last["hash"] if last else GENESIS
    at = timezone.now()
    actor_ref = who.user.pk if who.user is not None else None
    entry = AuditEntry(
        sequence=sequence,
        at=at,
        action=action,
        actor=who.user,
        actor_ref=actor_ref,
        actor_label=who.label,
        target_type=target_type,
        target_id=target_id,
        details=details,
        prev_hash=prev_hash,
        hash=entry_hash(
            prev_hash=prev_hash,
            sequence=sequence,
            at=at,
            action=action,
            actor_ref=actor_ref,
            actor_label=who.label,
            target_type=target_type,
            target_id=target_id,
            details=details,
        ),
    )
    entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def audit_verify() -> tuple[int, ChainBreak | None]:
    """Recompute the chain in order: (entries checked, the first broken entry or None)."""
    prev_hash, expected, checked = GENESIS, 1, 0
    fields = (
        "sequence",
        "at",
        "action",
        "actor_ref",
        "actor_label",
        "target_type",
        "target_id",
        "details",
        "prev_hash",
        "hash",
    )
    rows = AuditEntry.objects.order_by("sequence").values_list(*fields)
    for row in rows.iterator(chunk_size=2000):
        entry = dict(zip(fields, row, strict=True))
        if entry["sequence"] != expected:
            return checked, ChainBreak(expected, "missing entry")
        if entry["prev_hash"] != prev_hash:
            return checked, ChainBreak(entry["sequence"], "previous hash does not match")
        recomputed = entry_hash(**{k: v for k, v in entry.items() if k != "hash"})
        if recomputed != entry["hash"]:
            return checked, ChainBreak(entry["sequence"], "content does not match its hash")
        prev_hash, expected, checked = entry["hash"], expected + 1, checked + 1
    return checked, None
