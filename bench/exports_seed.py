"""The export bench's data, seeded with INSERT … SELECT over generate_series (bench/exports.py).

A million stories in a few minutes: PostgreSQL makes the rows itself, Python sends one statement
per table. Texts come from a pool of 1,998 stories of 50–1,000 words in the six languages
(bench/nlp_texts.py), each story prefixed with its own number so no two are the same.
"""

import random
import time
from datetime import UTC, datetime, timedelta

from benchlib import load_line
from nlp_texts import LANGUAGES, synthetic_story

POOL = 1_998  # a multiple of six: story i's text and event share one language
EVENTS = 60
TAGS = {"pt": "pt-BR"}


def _default(field):
    from django.db.models import NOT_PROVIDED

    if field.default is not NOT_PROVIDED:
        return field.default() if callable(field.default) else field.default
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return datetime.now(UTC)
    return None if field.null else ""


def insert_select(model, expressions: dict, source: str, source_params=()) -> int:
    """``INSERT INTO <model's table> SELECT … FROM <source>``: each field its SQL expression in
    ``expressions`` (by field name; ``(sql, params)`` when it has placeholders), else its
    Python default as a parameter."""
    from django.db import connection

    columns, selects, values = [], [], []
    for field in model._meta.concrete_fields:
        if field.name in expressions:
            sql, params = expressions[field.name], []
            if isinstance(sql, tuple):
                sql, params = sql
            selects.append(sql)
            values.extend(params)
        elif field.primary_key:
            continue
        else:
            selects.append("%s")
            values.append(field.get_db_prep_save(_default(field), connection))
        columns.append(f'"{field.column}"')
    # NOTE: the bench's own SQL, no outside input.
    table, names, values_sql = model._meta.db_table, ", ".join(columns), ", ".join(selects)
    sql = f'INSERT INTO "{table}" ({names}) SELECT {values_sql} FROM {source}'  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *source_params])
        return cursor.rowcount


def _prepare(user_email: str):
    """Migrations, the codebook, coders, the exporting researcher, events and the text pool."""
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import user_grant_role
    from coding.models import Code
    from coding.services import codebook_default_seed
    from events.models import Event
    from testimonies.models import ConsentText

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        # NOTE: no export reads the search vector or the GIN indexes; computing them for a
        # million texts would triple the seeding time.
        cursor.execute("ALTER TABLE testimonies_researchcopy DROP COLUMN IF EXISTS search_vector")
        cursor.execute("DROP INDEX IF EXISTS analysis_rc_cjk_gin")
    codebook = codebook_default_seed()
    codes = list(
        Code.objects.filter(codebook=codebook, is_codable=True).values_list("id", flat=True)
    )
    coders = []
    for i in range(5):
        user, _ = User.objects.get_or_create(email=f"bench-coder-{i}@example.org")
        user_grant_role(user=user, role=Role.RESEARCHER)
        coders.append(user.id)
    exporter, _ = User.objects.get_or_create(email=user_email)
    user_grant_role(user=exporter, role=Role.RESEARCHER)
    exporter.user_permissions.add(Permission.objects.get(codename="export_characteristics"))
    consent = ConsentText.objects.order_by("id").first() or ConsentText.objects.create(
        language="en", version=1, title="Bench", body="x"
    )
    events = []
    for i in range(EVENTS):
        start = datetime(2022, 1, 1, tzinfo=UTC) + timedelta(days=15 * i)
        language = TAGS.get(LANGUAGES[i % 6], LANGUAGES[i % 6])
        event, _ = Event.objects.get_or_create(
            slug=f"bench-export-{i}",
            defaults={
                "title": f"Dialogue {i}",
                "starts_at": start,
                "ends_at": start + timedelta(hours=3),
                "country": ["FR", "GB", "BR", "ES", "DE", "JP"][i % 6],
                "languages": [language],
            },
        )
        events.append(event.id)
    rng = random.Random(22)  # noqa: S311 - reproducible fake data
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_texts")
        cursor.execute("CREATE TABLE bench_texts (n int PRIMARY KEY, language text, text text)")
        rows = []
        for n in range(POOL):
            language = LANGUAGES[n % 6]
            words = rng.choice([50, 80, 120, 170, 250, 400, 600, 1000])
            rows.append((n, TAGS.get(language, language), synthetic_story(rng, words, language)))
        cursor.executemany("INSERT INTO bench_texts VALUES (%s, %s, %s)", rows)
    return codes, coders, consent.id, events


def seed(stories: int, user_email: str) -> None:
    from coding.models import CodeApplication, Memo
    from testimonies.models import ResearchCopy, Testimony, TestimonyCharacteristics

    started = time.monotonic()
    codes, coders, consent_id, events = _prepare(user_email)
    print(f"seeding {stories:,} stories…", flush=True)
    when = (
        "timestamptz '2022-01-01' + (g.i %% 1000) * interval '1 day'"
        " + (g.i %% 1440) * interval '1 minute'"
    )
    withdrawn = "g.i %% 20 = 1"
    active = f"NOT ({withdrawn})"
    insert_select(
        Testimony,
        {
            "public_id": "gen_random_uuid()",
            "event": (f"(%s::bigint[])[1 + g.i %% {EVENTS}]", [events]),
            "channel": "'online'",
            "consent_method": "'online'",
            "consent_text": ("%s", [consent_id]),
            "consent_given_at": when,
            "scope_research": active,
            "scope_quote_anonymous": f"{active} AND g.i %% 10 < 6",
            "scope_quote_named": f"{active} AND g.i %% 10 = 7",
            "scope_quote_ask": f"{active} AND g.i %% 10 = 8",
            **{f"scope_{n}": f"{active} AND g.i %% 10 < 7" for n in ("gender", "age_band")},
            **{f"scope_{n}": f"{active} AND g.i %% 10 > 3" for n in ("disability", "lgbtq")},
            "scope_ethnic_minority": f"{active} AND g.i %% 3 = 0",
            "text": f"CASE WHEN {withdrawn} THEN '' ELSE g.i || '. ' || t.text END",
            "declared_language": "t.language",
            "first_name": "CASE WHEN g.i %% 10 = 7 THEN 'Ana' ELSE '' END",
            "trust_affected": "(ARRAY['yes','yes','no','unsure',''])[1 + g.i %% 5]",
            "reasons": """'["not_listened", "waiting"]'::jsonb""",
            "consequences": """'["delayed_care"]'::jsonb""",
            "withdrawal_code_hash": "md5(g.i::text) || md5((g.i + 1)::text)",
            "status": f"CASE WHEN {withdrawn} THEN 'withdrawn' ELSE 'active' END",
            "submitted_at": when,
            "updated_at": when,
            "withdrawn_at": f"CASE WHEN {withdrawn} THEN now() END",
        },
        f"generate_series(1, %s) AS g(i) JOIN bench_texts t ON t.n = g.i %% {POOL}",
        [stories],
    )
    active_rows = "testimonies_testimony s WHERE s.status = 'active'"
    insert_select(
        ResearchCopy,
        {
            "testimony": "s.id",
            "redacted_text": "s.text",
            "redaction_method": "'rules'",
            "redaction_version": "'bench'",
            "detected_language": "CASE WHEN s.id %% 5 = 0 THEN '' ELSE s.declared_language END",
        },
        active_rows,
    )
    insert_select(
        TestimonyCharacteristics,
        {
            "testimony": "s.id",
            "gender": "(ARRAY['woman','man','non_binary','prefer_not'])[1 + s.id %% 4]",
            "age_band": "(ARRAY['18_24','35_44','55_64','65_plus'])[1 + s.id %% 4]",
            **dict.fromkeys(
                ("ethnic_minority", "disability", "lgbtq"),
                "(ARRAY['yes','no','prefer_not'])[1 + s.id %% 3]",
            ),
        },
        f"{active_rows} AND s.id %% 5 <> 0",
    )
    print(f"  stories, copies, characteristics: {time.monotonic() - started:.0f} s", flush=True)
    n = len(codes)
    insert_select(
        CodeApplication,
        {
            "testimony": "s.id",
            "code": (f"(%s::bigint[])[1 + (s.id + k) %% {n}]", [codes]),
            "coder": ("(%s::bigint[])[1 + (s.id + k) %% 5]", [coders]),
            "source": "'human'",
            "status": "'accepted'",
            "start": "CASE WHEN k = 0 THEN NULL ELSE k * 20 END",
            "end": "CASE WHEN k = 0 THEN NULL ELSE k * 20 + 15 END",
        },
        "testimonies_testimony s CROSS JOIN generate_series(0, 2) AS k"
        " WHERE s.status = 'active' AND s.id %% 10 < 7",
    )
    insert_select(
        CodeApplication,
        {
            "testimony": "s.id",
            "code": (f"(%s::bigint[])[1 + (s.id + k + 3) %% {n}]", [codes]),
            "source": "'machine'",
            "status": "'suggested'",
            "start": "k * 10",
            "end": "k * 10 + 25",
            "confidence": "0.7",
            "model_version": "'bench'",
        },
        "testimonies_testimony s CROSS JOIN generate_series(0, 2) AS k WHERE s.status = 'active'",
    )
    print(f"  code applications: {time.monotonic() - started:.0f} s", flush=True)
    insert_select(
        Memo,
        {
            "kind": "'story'",
            "testimony": "s.id",
            "author": ("%s", [coders[0]]),
            "title": "'Memo'",
            "body": "'Read again: ' || s.id",
        },
        f"{active_rows} AND s.id %% 1000 = 0",
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"seeded {stories:,} stories in {time.monotonic() - started:.0f} s ({load_line()})",
        flush=True,
    )
