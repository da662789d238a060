"""The chain: each entry carries the hash of the one before; audit_verify finds a break."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from audit.models import Action, AuditEntry
from audit.services import GENESIS, audit_record, audit_verify, entry_hash

pytestmark = pytest.mark.django_db


def _three():
    return [
        audit_record(action=Action.EXPORT_CREATED, details={"dataset": "stories", "n": i})
        for i in range(3)
    ]


def test_entries_are_numbered_and_chained():
    first, second, third = _three()
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3


def test_the_hash_covers_every_field_and_the_previous_hash():
    entry = _three()[1]
    fields = {
        "prev_hash": entry.prev_hash,
        "sequence": entry.sequence,
        "at": entry.at,
        "action": entry.action,
        "actor_ref": entry.actor_ref,
        "actor_label": entry.actor_label,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "details": entry.details,
    }
    assert entry_hash(**fields) == entry.hash
    for key, other in [
        ("prev_hash", "1" * 64),
        ("sequence", 9),
        ("action", "auth.login"),
        ("actor_ref", 5),
        ("actor_label", "user #5"),
        ("target_type", "x.y"),
        ("target_id", "7"),
        ("details", {"dataset": "codes"}),
    ]:
        assert entry_hash(**{**fields, key: other}) != entry.hash, key


def test_an_intact_chain_verifies(capsys):
    _three()
    assert audit_verify() == (3, None)
    call_command("audit_verify")
    assert "intact: 3 entries" in capsys.readouterr().out


def test_an_empty_chain_verifies():
    assert audit_verify() == (0, None)


def _raw(sql: str, params) -> None:
    """Change a row behind the model's back (on PostgreSQL with triggers off, as only a
    superuser can: ``session_replication_role = replica`` skips ordinary triggers)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_an_altered_entry_is_named_by_its_number():
    _three()
    audit_record(action=Action.LOGIN_FAILED)
    _raw("UPDATE audit_auditentry SET action = %s WHERE sequence = %s", ["auth.login", 2])
    checked, broken = audit_verify()
    assert checked == 1
    assert broken.sequence == 2
    assert "hash" in broken.reason
    with pytest.raises(CommandError, match="entry #2"):
        call_command("audit_verify")


def test_a_rewritten_hash_breaks_the_next_link():
    _three()
    _raw("UPDATE audit_auditentry SET hash = %s WHERE sequence = %s", ["f" * 64, 3])
    assert audit_verify()[1].sequence == 3
    _three()
    _raw("UPDATE audit_auditentry SET details = %s WHERE sequence = %s", ['{"n": 99}', 5])
    assert audit_verify()[1].sequence == 3


def test_a_deleted_entry_is_found_missing():
    _three()
    _raw("DELETE FROM audit_auditentry WHERE sequence = %s", [2])
    checked, broken = audit_verify()
    assert (checked, broken.sequence, broken.reason) == (1, 2, "missing entry")


def test_an_entry_rolls_back_with_the_action_it_records():
    audit_record(action=Action.LOGIN_FAILED)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action=Action.EXPORT_CREATED)
        raise RuntimeError("the action failed")
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["auth.login_failed"]
    assert audit_record(action=Action.LOGIN_FAILED).sequence == 2


def test_unknown_actions_are_refused():
    with pytest.raises(ValueError):
        audit_record(action="story.read_aloud")
    assert not AuditEntry.objects.exists()


def test_details_never_keep_an_email_address_and_stay_short():
    entry = audit_record(
        action=Action.EXPORT_CREATED,
        details={"who": "someone@example.org", "long": "x" * 500, "set": {"b", "a"}},
    )
    assert entry.details == {"who": "[removed]", "long": "x" * 120, "set": ["a", "b"]}
    assert audit_verify() == (1, None)
