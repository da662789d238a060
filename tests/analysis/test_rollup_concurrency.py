"""The roll-up triggers under concurrent writers (analysis migration 0011): a participant's story
and the NLP worker's batched research-copy upsert, in the interleaving that deadlocked under
load, both commit; so do many mixed writers at once, and the roll-ups stay exact."""

import random
import re
import threading
from collections import Counter
from contextlib import suppress
from importlib import import_module

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_save
from django.utils import timezone

from coding.models import CodeApplication
from core.exceptions import ApplicationError
from testimonies.choices import TrustChange
from testimonies.models import ResearchCopy, Testimony
from testimonies.selectors_loop import theme_labels
from testimonies.services import research_copies_save, submission, withdrawal
from testimonies.services.own_reading import own_reading_save
from tests.analysis.factories import codebook_with_themes
from tests.testimonies.factories import open_event, submit

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROLLUPS = [
    "analysis_storyfact",
    "analysis_dashboardrollup",
    "analysis_themerollup",
    "analysis_grouprollup",
    "analysis_agreementrollup",
]


@pytest.fixture(autouse=True)
def rollups_from_scratch():
    """The flush between transactional tests leaves the facts and roll-ups (not Django's tables)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT analysis_dashboardrollup_rebuild()")


def rollup_contents() -> dict[str, Counter]:
    """Every fact and roll-up row, without the ids the rebuild numbers again."""
    contents = {}
    with connection.cursor() as cursor:
        for table in ROLLUPS:
            cursor.execute(f"SELECT (to_jsonb(t) - 'id')::text FROM {table} t")  # noqa: S608
            contents[table] = Counter(row[0] for row in cursor.fetchall())
    return contents


def assert_rollups_equal_a_rebuild() -> None:
    kept = rollup_contents()
    with connection.cursor() as cursor:
        cursor.execute("SELECT analysis_dashboardrollup_rebuild()")
    rebuilt = rollup_contents()
    for table in ROLLUPS:
        assert kept[table] == rebuilt[table], table
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM analysis_dashboardrollup WHERE n <= 0")
        assert cursor.fetchone()[0] == 0


def copy_row(copy: ResearchCopy, language: str) -> dict:
    """What the worker writes for a story (``research_copies_save``'s row)."""
    return {
        "redacted_text": copy.redacted_text,
        "method": copy.redaction_method,
        "version": copy.redaction_version,
        "detected_language": language,
        "language_confidence": 0.9,
    }


def deadlock_sqlstate(exc: BaseException) -> str:
    while exc is not None:
        state = getattr(exc, "sqlstate", None)
        if state:
            return state
        exc = exc.__cause__
    return ""


def run_in_thread(target, failures: list, *args):
    def body():
        try:
            target(*args)
        except Exception as exc:  # noqa: BLE001  the test asserts none happened
            failures.append((deadlock_sqlstate(exc), repr(exc)))
        finally:
            connection.close()

    thread = threading.Thread(target=body)
    thread.start()
    return thread


def test_a_story_and_the_workers_batch_in_the_logged_pair_both_commit(postgres, monkeypatch):
    """The pair PostgreSQL's log named (docs/dev/scale.md): the participant's transaction counts
    its story first (no characteristics yet), the worker's batch then moves two older stories
    into the participant's combinations (one with the characteristics the participant is about
    to add, one without), and the participant adds its characteristics, with no second attempt.
    NOTE: this pair alone committed on 0010's functions too (each call's rows came theme roll-up
    first, and every combination of a story names its theme row); the cycles need a writer with
    several calls, as the next two tests make."""
    monkeypatch.setattr(submission, "SAVE_ATTEMPTS", 1)
    event = open_event(languages=["en", "fr", "de"])
    with_gender = submit(
        event,
        scopes=("research", "gender"),
        characteristics={"gender": "woman"},
        declared_language="de",
        relay_on_commit=False,
    ).testimony
    without = submit(event, declared_language="de", relay_on_commit=False).testimony
    copies = {c.testimony_id: c for c in ResearchCopy.objects.all()}
    counted, worker_started = threading.Event(), threading.Event()
    failures: list = []

    def pause_after_the_story(sender, instance, created, **kwargs):
        if created and not counted.is_set():
            counted.set()
            worker_started.wait(10)
            threading.Event().wait(1.5)  # the worker now waits for a row this story holds

    def participant():
        submit(
            event,
            scopes=("research", "gender"),
            characteristics={"gender": "woman"},
            declared_language="fr",
            relay_on_commit=False,
        )

    def worker():
        assert counted.wait(10)
        worker_started.set()
        with connection.cursor() as cursor:
            cursor.execute("SET deadlock_timeout = '200ms'")
        research_copies_save(rows={pk: copy_row(copies[pk], "fr") for pk in copies})

    post_save.connect(pause_after_the_story, sender=Testimony)
    try:
        threads = [run_in_thread(participant, failures), run_in_thread(worker, failures)]
        for thread in threads:
            thread.join(60)
    finally:
        post_save.disconnect(pause_after_the_story, sender=Testimony)
    assert failures == []
    assert Testimony.objects.count() == 3
    assert set(
        ResearchCopy.objects.filter(testimony__in=[with_gender, without]).values_list(
            "detected_language", flat=True
        )
    ) == {"fr"}
    assert_rollups_equal_a_rebuild()


def test_a_story_coded_while_the_worker_rewrites_its_copy_both_commit(postgres, monkeypatch):
    """A code accepted on a story (its facts recomputed; the story's foreign key checked at the
    commit) while the worker's batch, having locked that story, waits to recompute it: before,
    the commit's check waited for the worker's lock and the worker for the coder's fact row."""
    event = open_event(languages=["en", "fr", "de"])
    _book, codes = codebook_with_themes(2)
    story = submit(event, declared_language="de", relay_on_commit=False).testimony
    copy = ResearchCopy.objects.get(testimony=story)
    coded, worker_started = threading.Event(), threading.Event()
    failures: list = []

    def coder():
        with transaction.atomic():
            CodeApplication.objects.create(
                testimony=story, code=codes[0], source="machine", status="accepted", confidence=1
            )
            coded.set()
            worker_started.wait(10)
            threading.Event().wait(1.5)  # the worker now waits for this transaction

    def worker():
        assert coded.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET deadlock_timeout = '200ms'")
        worker_started.set()
        research_copies_save(rows={story.pk: copy_row(copy, "fr")})

    threads = [run_in_thread(coder, failures), run_in_thread(worker, failures)]
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert ResearchCopy.objects.get(pk=copy.pk).detected_language == "fr"
    assert CodeApplication.objects.filter(testimony=story, status="accepted").count() == 1
    assert_rollups_equal_a_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("SELECT language, code_ids FROM analysis_storyfact")
        assert cursor.fetchall() == [("fr", [codes[0].pk])]


OPERATIONS = ["story", "story", "batch", "code", "reading", "withdraw"]


def mixed_writer(seed: int, event, codes, operations: int, failures: list) -> None:
    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SET deadlock_timeout = '100ms'")  # a deadlock found fast, not hidden
    for _ in range(operations):
        kind = rng.choice(OPERATIONS)
        try:
            if kind == "story":
                scopes = rng.sample(["gender", "age_band", "disability"], rng.randint(0, 3))
                answers = {"gender": "woman", "age_band": "65_plus", "disability": "no"}
                submit(
                    event,
                    scopes=("research", *scopes),
                    characteristics={k: answers[k] for k in scopes},
                    declared_language=rng.choice(["en", "fr", "de"]),
                    trust_affected=rng.choice(["", "yes", "no"]),
                    relay_on_commit=False,
                )
                continue
            ids = list(Testimony.objects.values_list("pk", flat=True))
            chosen = rng.sample(ids, min(len(ids), rng.randint(1, 6)))
            if kind == "batch":
                copies = ResearchCopy.objects.filter(testimony_id__in=chosen)
                language = rng.choice(["en", "fr", "de", "ja"])
                research_copies_save(rows={c.testimony_id: copy_row(c, language) for c in copies})
            elif kind == "code":  # one statement, as the analysis and the importers write
                code = rng.choice(codes)
                CodeApplication.objects.bulk_create(
                    [
                        CodeApplication(
                            testimony_id=pk,
                            code=code,
                            source="machine",
                            status=rng.choice(["accepted", "suggested"]),
                            confidence=0.9,
                        )
                        for pk in sorted(chosen)
                    ],
                    ignore_conflicts=True,
                )
            elif kind == "withdraw":
                story = Testimony.objects.get(pk=chosen[0])
                narrow = story.scope_gender and rng.random() < 0.5
                with suppress(ApplicationError):  # withdrawn already (here or by another writer)
                    withdrawal.testimony_withdraw(
                        testimony=story, scopes=["gender"] if narrow else None, actor="participant"
                    )
            else:  # as the participant's own page saves it: the story locked first, as the
                # withdrawal locks it first (a bare write of the row would skip that order)
                with suppress(ApplicationError):  # withdrawn meanwhile
                    own_reading_save(
                        testimony=Testimony.objects.get(pk=chosen[0]),
                        themes=[rng.choice(sorted(theme_labels()))],
                        trust_change=rng.choice(TrustChange.values),
                    )
        except Exception as exc:  # noqa: BLE001  counted and asserted by the test
            context = str(exc).partition("CONTEXT:")[2].strip().splitlines()[:1]
            failures.append((kind, deadlock_sqlstate(exc), " ".join(context)[:120]))


@pytest.mark.slow
def test_many_mixed_writers_never_deadlock_and_the_rollups_stay_exact(postgres, monkeypatch):
    monkeypatch.setattr(submission, "SAVE_ATTEMPTS", 1)
    event = open_event(languages=["en", "fr", "de"])
    _book, codes = codebook_with_themes(4)
    for language in ("en", "fr", "de"):
        submit(event, declared_language=language, relay_on_commit=False)
    failures: list = []
    threads = [
        run_in_thread(mixed_writer, failures, seed, event, codes, 50, failures) for seed in range(8)
    ]
    for thread in threads:
        thread.join(300)
    assert Counter(failures) == Counter()
    assert Testimony.objects.count() >= 3
    assert_rollups_equal_a_rebuild()


ALIASES = {
    "t": "testimonies_testimony",
    "r": "testimonies_researchcopy",
    "c": "testimonies_testimonycharacteristics",
    "s": "analysis_storycodeset",
    "o": "testimonies_ownreading",
}


def test_the_updates_watched_are_every_column_the_facts_read():
    """An UPDATE recomputes only the stories whose rows changed in these columns: a column the
    facts read and the list forgot would leave the roll-ups stale."""
    groups = import_module("analysis.migrations.0009_group_and_agreement_rollups")
    migration = import_module("analysis.migrations.0011_rollup_writers_serialised")
    read = set(re.findall(r"\b([trcso])\.(\w+)", groups.facts("")))
    watched = {
        table: {c.strip() for c in columns.split(",")}
        for table, _key, _column, columns in migration.WATCHED
    }
    forgotten = {
        (alias, column)
        for alias, column in read
        if column not in watched[ALIASES[alias]] and column != "id"
    }
    assert read and forgotten == set()


def holds_the_writers_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            " AND classid = 7340 AND objid = 8011 AND objsubid = 2"
        )
        return cursor.fetchone()[0] == 1


def test_a_write_that_changes_no_fact_takes_no_rollup_lock(postgres):
    event = open_event()
    _book, codes = codebook_with_themes(1)
    story = submit(event, relay_on_commit=False).testimony
    with transaction.atomic():
        Testimony.objects.filter(pk=story.pk).update(processed_at=timezone.now())
        CodeApplication.objects.create(
            testimony=story, code=codes[0], source="machine", status="suggested", confidence=0.5
        )
        assert not holds_the_writers_lock()
        Testimony.objects.filter(pk=story.pk).update(trust_affected="yes")
        assert holds_the_writers_lock()
    assert_rollups_equal_a_rebuild()


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def test_the_migration_reverses_to_0010_and_applies_again(postgres):
    def apply_source() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [APPLY])
            return cursor.fetchone()[0]

    APPLY = "analysis_dashboardrollup_apply"
    event = open_event(languages=["en", "fr"])
    submit(event, declared_language="fr", relay_on_commit=False)
    assert "pg_advisory_xact_lock" in apply_source()
    try:
        _migrate([("analysis", "0010_research_copy_story_event")])
        assert "pg_advisory_xact_lock" not in apply_source()
        submit(event, declared_language="en", relay_on_commit=False)  # 0010's triggers count it
        assert_rollups_equal_a_rebuild()
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("analysis"))
    assert "pg_advisory_xact_lock" in apply_source()
    submit(event, declared_language="fr", trust_affected="no", relay_on_commit=False)
    assert_rollups_equal_a_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(n) FROM analysis_dashboardrollup")
        assert cursor.fetchone()[0] == 3
