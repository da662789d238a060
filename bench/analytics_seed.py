"""Seed the analytics bench's database with honest data (issue 22 point 4), fast enough for a
million stories (under 15 minutes on a small machine).

What is in it, per ``--stories N``:
- N stories in 200 dialogues across ten countries, languages mixed (the six of the programme,
  some stories ending in English), texts of 50 to 1,000 words from ``analytics_corpus``;
  5% withdrawn (tombstones: no text, no research copy, no codes), consent scopes varied.
- one research copy per active story (its ``search_vector`` computed by PostgreSQL), the
  characteristics of 80% of them, the consent history ("given", and "withdrawn").
- 30% of active stories uncoded; the others 1 to 4 researchers' codes (one on the whole story,
  the rest on spans); machine suggestions on every active story, about five times as many as
  the human codes (suggested, or accepted or rejected where a researcher coded the story); a
  "finished" mark on half the coded stories.

How: the story rows go in with COPY (``psycopg``'s ``cursor.copy``), the rows derived from them
(research copies, codes...) with ``INSERT ... SELECT`` inside PostgreSQL (no round trip per
row). Secondary indexes are dropped before the load and rebuilt after it; foreign-key and the
dashboards' triggers are off during the load (``session_replication_role = replica``) and the
dashboards' story code sets are then filled in one statement, exactly as the trigger keeps them;
then ``VACUUM ANALYZE``.
"""

import json
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

import numpy as np
from analytics_corpus import Corpus

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
)
SCOPES = ("research", "quote_anonymous", "quote_named", "gender", "age_band")


def _defaults(model, given: list[str]) -> tuple[list[str], list]:
    """The columns of ``model`` not in ``given`` and the value each gets: its default, else
    NULL or empty (the ORM's own fallbacks), JSON as text."""
    from django.db.models import NOT_PROVIDED

    columns, values = [], []
    for f in model._meta.concrete_fields:
        if f.column in given or f.primary_key:
            continue
        if f.default is not NOT_PROVIDED:
            value = f.default() if callable(f.default) else f.default
        elif f.null:
            value = None
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = datetime.now(UTC)
        else:
            value = ""
        columns.append(f.column)
        values.append(json.dumps(value) if isinstance(value, list | dict) else value)
    return columns, values


def insert_select(cursor, model, given: dict[str, str], source: str, params=()) -> int:
    """``INSERT INTO model (given columns, other columns) SELECT given SQL, defaults FROM
    source``: derived rows made inside PostgreSQL. ``given`` and ``source`` are fixed SQL."""
    columns, values = _defaults(model, list(given))
    names = ", ".join(f'"{c}"' for c in [*columns, *given])
    # The defaults first: ``params`` then follow the placeholders of ``given`` and ``source``.
    exprs = ", ".join([*(["%s"] * len(values)), *given.values()])
    table = model._meta.db_table
    cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {exprs} {source}', [*values, *params])
    return cursor.rowcount


def drop_indexes(cursor) -> list[str]:
    """Drop the secondary indexes of the loaded tables (not those of constraints); their
    definitions, to build them again after the load."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public' "
        "AND tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))"
        "::regclass)",
        [list(TABLES)],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def seed(stories: int) -> None:
    from django.db import connection, transaction

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE testimonies_testimony, analysis_storycodeset RESTART IDENTITY CASCADE"
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
    setup = _setup()
    corpus = Corpus()
    print(f"seeding {stories:,} stories (vocabulary ready in {time.monotonic() - started:.0f} s)…")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        definitions = drop_indexes(cursor)
        _copy_stories(cursor, stories, setup, corpus)
        step(started, "stories (COPY)")
        _derived(cursor, setup)
        step(started, "research copies, characteristics, consent, codes")
        for definition in definitions:
            cursor.execute(definition)
        step(started, f"{len(definitions)} indexes built")
        cursor.execute(
            "INSERT INTO analysis_storycodeset (testimony_id, code_ids) "
            "SELECT testimony_id, array_agg(DISTINCT code_id ORDER BY code_id) "
            "FROM coding_codeapplication WHERE status = 'accepted' GROUP BY testimony_id"
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('testimonies_testimony', 'id'), %s)",
            [stories],
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step(started, "story code sets, VACUUM ANALYZE")
    print(f"seeded {stories:,} stories in {time.monotonic() - started:.0f} s", flush=True)


def step(started: float, what: str) -> None:
    print(f"  {time.monotonic() - started:6.0f} s  {what}", flush=True)


def _setup() -> dict:
    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import user_grant_role
    from coding.models import Code
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
    columns, defaults = _defaults(Testimony, STORY_COLUMNS)
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
                    + tuple(defaults)
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


def _derived(cursor, setup: dict) -> None:
    """Every row that hangs off a story, made inside PostgreSQL from the stories."""
    from coding.models import CodeApplication, CodingCompletion
    from testimonies.models import ConsentChange, ResearchCopy, TestimonyCharacteristics

    active = "FROM testimonies_testimony t WHERE t.status = 'active'"
    # A story's fixed pseudo-random draws: hashes of its id (0..99), salted per use.
    draw = "mod(abs(hashint8(t.id * 8 + {salt})), 100)"
    insert_select(
        cursor,
        ResearchCopy,
        {
            "testimony_id": "t.id",
            "redacted_text": "t.text",
            "redaction_method": "'rules'",
            "redaction_version": "'bench'",
            "detected_language": f"CASE WHEN {draw.format(salt=1)} < 97 "
            "THEN t.declared_language ELSE '' END",
            "language_confidence": f"0.5 + {draw.format(salt=2)} / 200.0",
            "created_at": "t.submitted_at",
            "updated_at": "t.submitted_at",
        },
        active,
    )
    choice = "(ARRAY[{}])[1 + mod({}, {})]"
    answers = "'yes', 'no', 'prefer_not'"
    insert_select(
        cursor,
        TestimonyCharacteristics,
        {
            "testimony_id": "t.id",
            "gender": choice.format(
                "'woman', 'man', 'non_binary', 'prefer_not'", draw.format(salt=3), 4
            ),
            "age_band": choice.format(
                "'18_24', '35_44', '55_64', '65_plus'", draw.format(salt=4), 4
            ),
            "ethnic_minority": choice.format(answers, draw.format(salt=5), 3),
            "disability": choice.format(answers, draw.format(salt=6), 3),
            "lgbtq": choice.format(answers, draw.format(salt=7), 3),
        },
        f"{active} AND {draw.format(salt=8)} < 80",
    )
    scopes = json.dumps(list(SCOPES))
    insert_select(
        cursor,
        ConsentChange,
        {
            "testimony_id": "t.id",
            "kind": "'given'",
            "actor": "'participant'",
            "scopes": "%s::jsonb",
            "at": "t.consent_given_at",
        },
        "FROM testimonies_testimony t",
        [scopes],
    )
    insert_select(
        cursor,
        ConsentChange,
        {
            "testimony_id": "t.id",
            "kind": "'withdrawn'",
            "actor": "'code'",
            "scopes": "'[]'::jsonb",
            "at": "t.withdrawn_at",
        },
        "FROM testimonies_testimony t WHERE t.status = 'withdrawn'",
    )
    coded = f"{draw.format(salt=9)} < 70"
    codes, coders = setup["codes"], setup["coders"]
    # k = 0: a code on the whole story; k > 0: a span, the k-th sixteenth of the text.
    pick = "(%s::bigint[])[1 + mod({} + k, {})]"
    step = "greatest(1, char_length(t.text) / 16)"
    span = {
        "start": f"CASE WHEN k = 0 THEN NULL ELSE (k - 1) * {step} END",
        "end": f"CASE WHEN k = 0 THEN NULL ELSE k * {step} END",
    }
    human = insert_select(
        cursor,
        CodeApplication,
        {
            "testimony_id": "t.id",
            "code_id": pick.format(draw.format(salt=10), len(codes)),
            "coder_id": f"(%s::bigint[])[1 + mod(k, {len(coders)})]",
            "source": "'human'",
            "status": "'accepted'",
            **span,
            "created_at": "t.submitted_at + interval '3 days'",
            "updated_at": "t.submitted_at + interval '3 days'",
        },
        f"FROM testimonies_testimony t "
        f"CROSS JOIN LATERAL generate_series(0, mod({draw.format(salt=11)}, 4)) AS k "
        f"WHERE t.status = 'active' AND {coded}",
        [codes, coders],
    )
    review = draw.format(salt=12)
    machine = insert_select(
        cursor,
        CodeApplication,
        {
            "testimony_id": "t.id",
            "code_id": pick.format(draw.format(salt=16), len(codes)),
            "source": "'machine'",
            "status": f"CASE WHEN NOT ({coded}) OR {review} < 50 THEN 'suggested' "
            f"WHEN {review} < 80 THEN 'accepted' ELSE 'rejected' END",
            **span,
            "confidence": f"0.3 + {draw.format(salt=13)} / 150.0",
            "model_version": "'bench'",
            "created_at": "t.submitted_at + interval '1 hour'",
            "updated_at": "t.submitted_at + interval '1 hour'",
        },
        f"FROM testimonies_testimony t "
        f"CROSS JOIN LATERAL generate_series(0, 2 + mod({draw.format(salt=14)}, 13)) AS k "
        "WHERE t.status = 'active'",
        [codes],
    )
    insert_select(
        cursor,
        CodingCompletion,
        {
            "testimony_id": "t.id",
            "coder_id": "%s",
            "completed_at": "t.submitted_at + interval '4 days'",
        },
        f"{active} AND {coded} AND {draw.format(salt=15)} < 50",
        [coders[0]],
    )
    print(
        f"  code applications: {human:,} human, {machine:,} machine "
        f"({machine / max(human, 1):.1f}x)"
    )
