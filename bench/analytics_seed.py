"""Seed the analytics bench's database with honest data (issue 22 point 4), fast enough for a
million stories (under 15 minutes on a small machine).

What is in it, per ``--stories N``:
- N stories in 200 dialogues across ten countries, languages mixed (the six of the programme,
  some stories ending in English), texts of 50 to 1,000 words from ``analytics_corpus``;
  5% withdrawn (tombstones: no text, no research copy, no codes), consent scopes varied.
- one research copy per active story (its ``search_vector`` computed by PostgreSQL, its
  ``story_event_id`` set as analysis migration 0010's trigger would), the
  characteristics of 80% of them, the consent history ("given", and "withdrawn").
- 30% of active stories uncoded; the others 1 to 4 researchers' codes (one on the whole story,
  the rest on spans); machine suggestions on every active story, about five times as many as
  the human codes (suggested, or accepted or rejected where a researcher coded the story); a
  "finished" mark on half the coded stories.

How: the story rows go in with COPY (``psycopg``'s ``cursor.copy``), the rows derived from them
(research copies, codes...) with ``INSERT ... SELECT`` inside PostgreSQL (no round trip per
row). Secondary indexes are dropped before the load and rebuilt after it; foreign-key and the
dashboards' triggers are off during the load (``session_replication_role = replica``) and the
dashboards' story code sets are then filled in one statement, exactly as the trigger keeps them,
and their roll-ups rebuilt (``analysis_dashboardrollup_rebuild()``); then ``VACUUM ANALYZE``.
"""

import random
import resource
import time
import uuid
from datetime import UTC, datetime, timedelta

import numpy as np
from analytics_corpus import Corpus
from analytics_derived import SCOPES, backend_cpu, defaults, run_parallel, statements

COUNTRIES = [
    ("BR", "pt-BR"),
    ("JP", "ja"),
    ("FR", "fr"),
    ("US", "en"),
    ("GB", "en"),
    ("AU", "en"),
    ("CA", "fr"),
    ("DE", "de"),
    ("MX", "es"),
    ("ES", "es"),
]
EVENTS = 200
BATCH = 20_000
WITHDRAWN = 0.05
CODERS = 5
TABLES = (
    "testimonies_testimony",
    "testimonies_researchcopy",
    "testimonies_testimonycharacteristics",
    "testimonies_consentchange",
    "coding_codeapplication",
    "coding_codingcompletion",
    "testimonies_ownreading",
)
# The dialogues too: without statistics (autovacuum had not analysed its 200 rows after 40
# minutes) the planner took a country's events for one, and a search filtered by country
# walked every story of the country to find the 1,000th newest (see docs/dev/scale.md).
VACUUMED = (
    *TABLES,
    "analysis_storycodeset",
    "analysis_storyfact",
    "analysis_dashboardrollup",
    "events_event",
)
SEEDED_COMMENT = "bench_analytics seeded {}"


def drop_indexes(cursor) -> list[str]:
    """Drop the secondary indexes of the loaded tables (not those of constraints); their
    definitions, to build them again after the load. The definitions are kept in a table of
    their own until they are built again, so a seeding stopped half-way leaves them for the
    next one (which would otherwise find nothing to drop and build nothing)."""
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS bench_analytics_pending_indexes (definition text PRIMARY KEY)"
    )
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public' "
        "AND tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))"
        "::regclass)",
        [list(TABLES)],
    )
    found = cursor.fetchall()
    for _name, definition in found:
        cursor.execute(
            "INSERT INTO bench_analytics_pending_indexes VALUES (%s) ON CONFLICT DO NOTHING",
            [definition],
        )
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.execute("SELECT definition FROM bench_analytics_pending_indexes")
    return [definition for (definition,) in cursor.fetchall()]


def seed(stories: int, url: str, jobs: int) -> None:
    """Empty the bench's tables and fill them with ``stories`` stories and what hangs off them,
    on ``jobs`` connections side by side."""
    from django.db import connection, transaction

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON TABLE testimonies_testimony IS {SEEDED_COMMENT.format(0)!r}")
        cursor.execute(
            "TRUNCATE testimonies_testimony, analysis_storycodeset, analysis_storyfact, "
            "analysis_dashboardrollup RESTART IDENTITY CASCADE"
        )
        definitions = drop_indexes(cursor)
    setup = _setup()
    corpus = Corpus()
    print(f"seeding {stories:,} stories (vocabulary ready in {time.monotonic() - started:.0f} s)…")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        _copy_stories(cursor, stories, setup, corpus)
    step(started, "stories (COPY)")
    cpu = run_parallel(url, jobs, statements(setup, stories, parts=jobs))
    step(started, "research copies, characteristics, consent, codes (INSERT ... SELECT)")
    # The biggest first, so that the last one to finish is a small one.
    cpu += run_parallel(url, jobs, [(d.split(" ON ")[0], d, []) for d in _by_size(definitions)])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_analytics_pending_indexes")
    step(started, f"{len(definitions)} indexes built")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO analysis_storycodeset (testimony_id, code_ids) "
            "SELECT testimony_id, array_agg(DISTINCT code_id ORDER BY code_id) "
            "FROM coding_codeapplication WHERE status = 'accepted' GROUP BY testimony_id"
        )
        # The dashboards' roll-up (analysis migration 0008), as its triggers would keep it.
        cursor.execute("SELECT analysis_dashboardrollup_rebuild()")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('testimonies_testimony', 'id'), %s)",
            [stories],
        )
    cpu += run_parallel(url, jobs, [(f"vacuum {t}", f"VACUUM ANALYZE {t}", []) for t in VACUUMED])
    with connection.cursor() as cursor:
        cursor.execute(
            f"COMMENT ON TABLE testimonies_testimony IS {SEEDED_COMMENT.format(stories)!r}"
        )
    step(started, "story code sets, VACUUM ANALYZE")
    print(f"seeded {stories:,} stories in {time.monotonic() - started:.0f} s", flush=True)
    cpu += backend_cpu(connection.connection)
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"CPU used: {cpu:.0f} s by PostgreSQL, {own.ru_utime + own.ru_stime:.0f} s by this "
        f"process (with {jobs} connections, about {(cpu + own.ru_utime) / jobs:.0f} s of a quiet "
        "machine with as many cores)",
        flush=True,
    )


def seeded() -> int:
    """How many stories the last complete seeding put in (0: none, or it did not finish)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description('testimonies_testimony'::regclass, 'pg_class')")
        (comment,) = cursor.fetchone()
    prefix = SEEDED_COMMENT.format("")
    if comment and comment.startswith(prefix):
        return int(comment[len(prefix) :])
    return 0


def _by_size(definitions: list[str]) -> list[str]:
    """GIN indexes first, then the code applications' (the biggest table), then the rest."""

    def weight(definition: str) -> int:
        return ("USING gin" in definition) * 2 + ("coding_codeapplication" in definition)

    return sorted(definitions, key=weight, reverse=True)


def step(started: float, what: str) -> None:
    print(f"  {time.monotonic() - started:6.0f} s  {what}", flush=True)


def _setup() -> dict:
    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import user_grant_role
    from coding.models import Code
    from coding.selectors import theme_codes
    from coding.services import codebook_default_seed
    from events.models import Event
    from testimonies.models import ConsentText

    codebook = codebook_default_seed()
    codes = list(
        Code.objects.filter(codebook=codebook, is_codable=True).order_by("id").values_list("id")
    )
    coders = []
    for i in range(CODERS):
        user, _ = User.objects.get_or_create(email=f"bench-coder-{i}@example.org")
        user_grant_role(user=user, role=Role.RESEARCHER)
        coders.append(user.id)
    consent = ConsentText.objects.order_by("id").first()
    if consent is None:
        consent = ConsentText.objects.create(language="en", version=1, title="Bench", body="x")
    events = []
    base = datetime(2022, 1, 1, tzinfo=UTC)
    for i in range(EVENTS):
        country, language = COUNTRIES[i % len(COUNTRIES)]
        start = base + timedelta(days=5 * i)
        event, _ = Event.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={
                "title": f"Bench dialogue {i}",
                "starts_at": start,
                "ends_at": start + timedelta(hours=3),
                "country": country,
                "languages": [language],
            },
        )
        events.append((event.id, language, start))
    return {
        "themes": list(theme_codes().values_list("key", flat=True)),
        "codes": [c for (c,) in codes],
        "coders": coders,
        "consent": consent.id,
        "events": events,
    }


STORY_COLUMNS = [
    "id",
    "public_id",
    "event_id",
    "channel",
    "consent_method",
    "consent_text_id",
    "consent_given_at",
    "submitted_at",
    "updated_at",
    "withdrawn_at",
    "status",
    "text",
    "declared_language",
    "first_name",
    "trust_affected",
    "withdrawal_code_hash",
    *(f"scope_{s}" for s in SCOPES),
    "scope_quote_ask",
    "scope_ethnic_minority",
    "scope_disability",
    "scope_lgbtq",
]


def _copy_stories(cursor, stories: int, setup: dict, corpus: Corpus) -> None:
    from testimonies.models import Testimony

    rng = random.Random(7)  # noqa: S311 - reproducible fake data
    nrng = np.random.default_rng(7)
    events = setup["events"]
    columns, values = defaults(Testimony, STORY_COLUMNS)
    names = ", ".join(f'"{c}"' for c in [*STORY_COLUMNS, *columns])
    with cursor.cursor.copy(f"COPY testimonies_testimony ({names}) FROM STDIN") as copy:
        for first in range(1, stories + 1, BATCH):
            ids = range(first, min(stories, first + BATCH - 1) + 1)
            picked = [events[rng.randrange(len(events))] for _ in ids]
            withdrawn = [rng.random() < WITHDRAWN for _ in ids]
            languages = [lang if rng.random() < 0.9 else "en" for _e, lang, _s in picked]
            texts = corpus.texts(nrng, languages)
            for i, sid in enumerate(ids):
                copy.write_row(
                    _story_row(rng, sid, picked[i], languages[i], texts[i], withdrawn[i], setup)
                    + tuple(values)
                )


def _story_row(rng, sid, event, language, text, withdrawn, setup) -> tuple:
    event_id, _event_language, start = event
    submitted = start + timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
    if withdrawn:
        flags = (False,) * 9
        when = submitted + timedelta(days=rng.randint(1, 90))
        text, language, named, trust, status = "", "", False, "", "withdrawn"
    else:
        named = rng.random() < 0.3
        flags = (
            True,
            rng.random() < 0.6,
            named,
            rng.random() < 0.7,
            rng.random() < 0.7,
            rng.random() < 0.1,
            rng.random() < 0.6,
            rng.random() < 0.6,
            rng.random() < 0.5,
        )
        when, trust, status = None, rng.choice(["yes", "yes", "no", "unsure", ""]), "active"
    return (
        sid,
        uuid.UUID(int=rng.getrandbits(128), version=4),
        event_id,
        "online",
        "online",
        setup["consent"],
        submitted,
        submitted,
        when or submitted,
        when,
        status,
        text,
        language,
        "Ana" if named else "",
        trust,
        f"{rng.getrandbits(256):064x}",
        *flags,
    )
