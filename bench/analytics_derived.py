"""The rows the analytics bench derives from its stories (research copies, characteristics,
consent history, researchers' codes, machine suggestions, "finished" marks), as
``INSERT ... SELECT`` statements PostgreSQL runs itself, cut into ranges of story ids so that
several connections can run them side by side (``run_parallel``).

A story's pseudo-random draws are hashes of its id (0..99, salted per use): the same story
always gets the same codes, whichever range or connection inserts it.
"""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

# Session settings for the loading connections: no foreign-key or user triggers (the rows are
# made consistent by construction; the dashboards' code sets are filled after the load).
LOAD_SETTINGS = (
    "SET session_replication_role = replica",
    "SET maintenance_work_mem = '256MB'",
    "SET jit = off",
)
SCOPES = ("research", "quote_anonymous", "quote_named", "gender", "age_band")
DRAW = "mod(abs(hashint8(t.id * 8 + {salt})), 100)"


def draw(salt: int) -> str:
    return DRAW.format(salt=salt)


def defaults(model, given: list[str]) -> tuple[list[str], list]:
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


def insert_select(model, given: dict[str, str], source: str, params=()) -> tuple[str, list]:
    """``INSERT INTO model (...) SELECT defaults, given SQL source``: derived rows made inside
    PostgreSQL. ``given`` and ``source`` are fixed SQL; ``params`` fill their placeholders."""
    columns, values = defaults(model, list(given))
    names = ", ".join(f'"{c}"' for c in [*columns, *given])
    # The defaults first: ``params`` then follow the placeholders of ``given`` and ``source``.
    exprs = ", ".join([*(["%s"] * len(values)), *given.values()])
    table = model._meta.db_table
    sql = f'INSERT INTO "{table}" ({names}) SELECT {exprs} {source}'  # noqa: S608 - fixed SQL
    return sql, [*values, *params]


def statements(setup: dict, stories: int, parts: int) -> list[tuple[str, str, list]]:
    """(label, SQL, parameters) of every derived insert, the heavy ones cut into ``parts``
    ranges of story ids; heaviest first."""
    from coding.models import CodeApplication, CodingCompletion
    from testimonies.models import ConsentChange, ResearchCopy, TestimonyCharacteristics
    from testimonies.models_loop import OwnReading

    size = stories // parts + 1
    ranges = [(i * size + 1, (i + 1) * size) for i in range(parts)]
    found = []
    for low, high in ranges:
        where = f"t.status = 'active' AND t.id BETWEEN {low} AND {high}"
        found.append((f"research copies {low}-{high}", *_copies(ResearchCopy, where)))
        found.append((f"suggestions {low}-{high}", *_machine(CodeApplication, setup, where)))
    everything = "t.id >= 1"
    found += [
        ("researchers' codes", *_human(CodeApplication, setup, "t.status = 'active'")),
        ("characteristics", *_characteristics(TestimonyCharacteristics, everything)),
        ("finished marks", *_completions(CodingCompletion, setup)),
        ("own readings", *_own_readings(OwnReading, setup)),
        *_consent(ConsentChange),
    ]
    return found


def _copies(model, where: str):
    return insert_select(
        model,
        {
            "testimony_id": "t.id",
            # What the trigger of analysis migration 0010 sets (triggers are off here).
            "story_event_id": "t.event_id",
            "redacted_text": "t.text",
            "redaction_method": "'rules'",
            "redaction_version": "'bench'",
            "detected_language": f"CASE WHEN {draw(1)} < 97 THEN t.declared_language ELSE '' END",
            "language_confidence": f"0.5 + {draw(2)} / 200.0",
            "created_at": "t.submitted_at",
            "updated_at": "t.submitted_at",
        },
        f"FROM testimonies_testimony t WHERE {where}",
    )


def _characteristics(model, where: str):
    choice = "(ARRAY[{}])[1 + mod({}, {})]"
    answers = "'yes', 'no', 'prefer_not'"
    return insert_select(
        model,
        {
            "testimony_id": "t.id",
            "gender": choice.format("'woman', 'man', 'non_binary', 'prefer_not'", draw(3), 4),
            "age_band": choice.format("'18_24', '35_44', '55_64', '65_plus'", draw(4), 4),
            "ethnic_minority": choice.format(answers, draw(5), 3),
            "disability": choice.format(answers, draw(6), 3),
            "lgbtq": choice.format(answers, draw(7), 3),
        },
        f"FROM testimonies_testimony t WHERE {where} AND t.status = 'active' AND {draw(8)} < 80",
    )


def _consent(model):
    given = {"testimony_id": "t.id", "kind": "'given'", "actor": "'participant'"}
    gone = {"testimony_id": "t.id", "kind": "'withdrawn'", "actor": "'code'"}
    return [
        (
            "consent given",
            *insert_select(
                model,
                {**given, "scopes": "%s::jsonb", "at": "t.consent_given_at"},
                "FROM testimonies_testimony t",
                [json.dumps(list(SCOPES))],
            ),
        ),
        (
            "consent withdrawn",
            *insert_select(
                model,
                {**gone, "scopes": "'[]'::jsonb", "at": "t.withdrawn_at"},
                "FROM testimonies_testimony t WHERE t.status = 'withdrawn'",
            ),
        ),
    ]


CODED = f"{draw(9)} < 70"  # 30% of active stories have no researcher's code
# k = 0: a code on the whole story; k > 0: a span, the k-th sixteenth of the text.
PICK = "(%s::bigint[])[1 + mod({} + k, {})]"
STEP = "greatest(1, char_length(t.text) / 16)"
SPAN = {
    "start": f"CASE WHEN k = 0 THEN NULL ELSE (k - 1) * {STEP} END",
    "end": f"CASE WHEN k = 0 THEN NULL ELSE k * {STEP} END",
}


def _human(model, setup: dict, where: str):
    """1 to 4 codes on each coded story, each by another researcher."""
    codes, coders = setup["codes"], setup["coders"]
    return insert_select(
        model,
        {
            "testimony_id": "t.id",
            "code_id": PICK.format(draw(10), len(codes)),
            "coder_id": f"(%s::bigint[])[1 + mod(k, {len(coders)})]",
            "source": "'human'",
            "status": "'accepted'",
            **SPAN,
            "created_at": "t.submitted_at + interval '3 days'",
            "updated_at": "t.submitted_at + interval '3 days'",
        },
        "FROM testimonies_testimony t "
        f"CROSS JOIN LATERAL generate_series(0, mod({draw(11)}, 4)) AS k "
        f"WHERE {where} AND {CODED}",
        [codes, coders],
    )


def _machine(model, setup: dict, where: str):
    """3 to 15 suggestions on every active story (about 5x the researchers' codes): waiting
    on uncoded stories; where a researcher coded, half reviewed (accepted or rejected)."""
    codes = setup["codes"]
    review = draw(12)
    return insert_select(
        model,
        {
            "testimony_id": "t.id",
            "code_id": PICK.format(draw(16), len(codes)),
            "source": "'machine'",
            "status": f"CASE WHEN NOT ({CODED}) OR {review} < 50 THEN 'suggested' "
            f"WHEN {review} < 80 THEN 'accepted' ELSE 'rejected' END",
            **SPAN,
            "confidence": f"0.3 + {draw(13)} / 150.0",
            "model_version": "'bench'",
            "created_at": "t.submitted_at + interval '1 hour'",
            "updated_at": "t.submitted_at + interval '1 hour'",
        },
        "FROM testimonies_testimony t "
        f"CROSS JOIN LATERAL generate_series(0, 2 + mod({draw(14)}, 13)) AS k WHERE {where}",
        [codes],
    )


def _completions(model, setup: dict):
    """Half the coded stories marked finished by the first researcher."""
    return insert_select(
        model,
        {
            "testimony_id": "t.id",
            "coder_id": "%s",
            "completed_at": "t.submitted_at + interval '4 days'",
        },
        f"FROM testimonies_testimony t WHERE t.status = 'active' AND {CODED} AND {draw(15)} < 50",
        [setup["coders"][0]],
    )


def _own_readings(model, setup: dict):
    """A tenth of the storytellers gave their own reading: one or two themes."""
    keys = setup["themes"]
    first = f"(%s::text[])[1 + mod({draw(17)}, {len(keys)})]"
    second = (
        f"(%s::text[])[1 + mod({draw(17)} + 1 + mod({draw(18)}, {len(keys) - 1}), {len(keys)})]"
    )
    return insert_select(
        model,
        {
            "testimony_id": "t.id",
            "themes": f"CASE WHEN {draw(19)} < 50 THEN jsonb_build_array({first}) "
            f"ELSE jsonb_build_array({first}, {second}) END",
            "updated_at": "t.submitted_at",
        },
        f"FROM testimonies_testimony t WHERE t.status = 'active' AND {draw(20)} < 10",
        [keys, keys, keys],
    )


def run_parallel(url: str, jobs: int, work: list[tuple[str, str, list]]) -> float:
    """Run each (label, SQL, parameters) on one of ``jobs`` connections (autocommit), in order
    of the list; print each one's time. An error stops the seeding. Returns the CPU seconds
    the server spent on it."""
    import psycopg

    local = threading.local()
    opened = []
    lock = threading.Lock()

    def run(item):
        label, sql, params = item
        if not hasattr(local, "conn"):
            local.conn = psycopg.connect(url, autocommit=True)
            with lock:
                opened.append(local.conn)
            for setting in LOAD_SETTINGS:
                local.conn.execute(setting)
        started = time.monotonic()
        rows = local.conn.execute(sql, params or None).rowcount
        took = time.monotonic() - started
        if took >= 1:  # the small ones would only be noise
            print(f"           {label}: {max(rows, 0):,} rows, {took:.0f} s", flush=True)

    cpu = 0.0
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for future in [pool.submit(run, item) for item in work]:
                future.result()
    finally:
        for conn in opened:
            cpu += backend_cpu(conn)
            conn.close()
    return cpu


def backend_cpu(conn) -> float:
    """CPU seconds the connection's PostgreSQL backend has used (0 when the server is not on
    this machine): a figure the machine's load does not change."""
    import os

    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
