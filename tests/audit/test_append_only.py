"""No edit or delete anywhere: the model, its queryset, the admin and (PostgreSQL) a trigger."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from accounts.roles import Role
from audit.models import Action, AppendOnlyError, AuditEntry
from audit.services import audit_record, audit_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return audit_record(action=Action.EXPORT_CREATED, details={"dataset": "stories"})


def test_an_entry_cannot_be_saved_again(entry):
    entry.action = Action.LOGIN
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.action == Action.EXPORT_CREATED


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_queryset_refuses_bulk_changes(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action=Action.LOGIN)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert AuditEntry.objects.get().action == Action.EXPORT_CREATED


def test_entries_outlive_their_actor():
    user = UserFactory(roles=[Role.RESEARCHER])
    entry = audit_record(action=Action.TOKEN_CREATED, actor=user, target=user)
    user_pk = user.pk
    user.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None
    assert entry.actor_ref == user_pk
    assert entry.actor_label == f"user #{user_pk} (researcher)"
    assert audit_verify() == (AuditEntry.objects.count(), None)


@pytest.mark.usefixtures("postgres")
def test_postgres_trigger_refuses_update_and_delete_even_in_raw_sql(entry):
    for sql in (
        "UPDATE audit_auditentry SET action = 'auth.login'",
        "DELETE FROM audit_auditentry",
        "UPDATE audit_auditentry SET actor_ref = 1, actor_id = NULL",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEntry.objects.get().action == Action.EXPORT_CREATED


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)
def test_postgres_concurrent_appends_keep_one_chain():
    errors = []

    def append(n: int) -> None:
        try:
            for _ in range(n):
                audit_record(action=Action.LOGIN_FAILED)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(10,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert audit_verify() == (40, None)
