"""A story whose transaction PostgreSQL breaks off to end a deadlock is saved on the next attempt,
once, instead of a 500 (seen under load: concurrent stories updating the same analysis roll-up
rows in their triggers; docs/dev/scale.md, "Submissions under load")."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save

from audit.models import AuditEntry
from audit.services import _LOCK_KEY as AUDIT_LOCK
from core.models import OutboxMessage
from testimonies.models import ConsentChange, ResearchCopy, Testimony
from tests.testimonies.factories import open_event, submit

pytestmark = pytest.mark.django_db(transaction=True)
OTHER_LOCK = 7_340_999  # a lock the story's transaction takes after its row, as a trigger would


def test_a_story_broken_off_by_a_deadlock_is_saved_once_on_the_next_attempt():
    event = open_event()
    holds_chain, story_inserted = threading.Event(), threading.Event()

    def other_transaction():
        # Holds the audit chain's lock, then waits for a lock the story holds: a deadlock, which
        # PostgreSQL ends by breaking off the story (the first to wait a second).
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL deadlock_timeout = '30s'")
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK])
                holds_chain.set()
                story_inserted.wait(30)
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OTHER_LOCK])
        finally:
            connection.close()

    def take_the_other_lock(sender, instance, created, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OTHER_LOCK])
        if not story_inserted.is_set():
            story_inserted.set()
            time.sleep(0.3)  # the other transaction now waits for OTHER_LOCK

    thread = threading.Thread(target=other_transaction)
    thread.start()
    assert holds_chain.wait(30)
    post_save.connect(take_the_other_lock, sender=Testimony)
    try:
        submission = submit(event)
    finally:
        post_save.disconnect(take_the_other_lock, sender=Testimony)
        thread.join(30)
    assert submission.created and submission.withdrawal_code
    assert Testimony.objects.get().pk == submission.testimony.pk
    assert ConsentChange.objects.count() == ResearchCopy.objects.count() == 1
    assert OutboxMessage.objects.filter(kwargs__testimony_id=submission.testimony.pk).count() >= 1
    assert AuditEntry.objects.filter(target_id=str(submission.testimony.pk)).count() == 1
