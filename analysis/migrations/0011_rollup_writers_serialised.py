"""The roll-up triggers without deadlocks (docs/dev/scale.md, "Submissions under load").

Before, ``analysis_dashboardrollup_apply`` (migrations 0008 and 0009) took its rows' locks in
whatever order they came: the touched stories' facts deleted (``analysis_storyfact``), then each
roll-up's old combinations in one statement (the theme roll-up first, then the wide one, the
agreement one and the group one, as PostgreSQL runs the statement's parts), then the new
combinations in a second statement, then an ``n = 0`` sweep of every roll-up table. A
transaction holds those row locks to its commit, and a story's transaction calls the function
several times (its story, characteristics, research copy...): two transactions touching the
same combinations or stories in other orders waited for each other (40P01), and two computing
the same story at once could both insert its fact (23505). Sorting each call's keys cannot fix
it: the order across calls of one transaction is the writer's, not the function's.

Now:

- **one writer at a time**: the function takes a transaction-level advisory lock
  (``ROLLUP_LOCK``), held to the commit, so the transactions that write the roll-ups run their
  writes one after the other and never wait for each other's rows. Before it, the touched
  stories' key-share locks: Django checks foreign keys at the commit, and that check waiting,
  under the roll-up lock, for a story another writer holds while it waits for the roll-up lock
  was a cycle (the worker's batches lock their stories FOR NO KEY UPDATE for the same reason).
  ``analysis_dashboardrollup_rebuild()`` takes the lock too before it truncates the tables.
- **only what changed**: an UPDATE recomputes the stories of rows where a column the facts read
  changed (``WATCHED``; a story's ``processed_at`` written by the follow-up task takes no lock),
  and a story's code set is written only when its accepted codes change (a machine suggestion
  refreshed touches no roll-up); the facts recomputed, a story whose facts are the same stops.
- **the net change per combination**, one ``INSERT ... ON CONFLICT DO UPDATE`` per roll-up, in
  a fixed table order and sorted by key, combinations whose count does not change left alone;
  **only the combinations this call emptied** are deleted (their ids returned by the upsert),
  not every ``n = 0`` row of the tables.

PostgreSQL only; reversed to migrations 0003 and 0009's functions.
"""

import re
from importlib import import_module

from django.db import migrations

codesets = import_module("analysis.migrations.0003_story_code_sets")
rollup = import_module("analysis.migrations.0008_dashboard_rollup")
groups = import_module("analysis.migrations.0009_group_and_agreement_rollups")

# The advisory lock of the roll-up writers (two int keys: another space than the one-key locks
# of the audit chain and of story analysis). An arbitrary constant of this project.
ROLLUP_LOCK = "7340, 8011"

# The touched stories' facts as they were (-1) and as they are now (+1).
DELTA = "SELECT -1 AS sign, * FROM unnest(gone) UNION ALL SELECT 1, * FROM unnest(fresh)"


def _move(table: str, key: str, values: str, how: str) -> str:
    """Add each combination's net change to ``table`` (sorted by key, unchanged ones left
    alone), then delete the rows it emptied."""
    order = ", ".join(str(i) for i in range(1, key.count(",") + 2))
    return f"""
    WITH delta AS ({DELTA}), moved AS (
        INSERT INTO {table} AS u ({key}, n)
        SELECT {values}, sum(sign) FROM delta {how} HAVING sum(sign) <> 0 ORDER BY {order}
        ON CONFLICT ({key}) DO UPDATE SET n = u.n + EXCLUDED.n
        RETURNING u.id, u.n
    )
    SELECT array_agg(id) INTO emptied FROM moved WHERE n = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM {table} WHERE id = ANY(emptied);
    END IF;"""


def apply_function(facts, columns: str, rollups: list[tuple[str, str, str, str]]) -> str:
    """``analysis_dashboardrollup_apply(touched)``: the touched stories' facts (``facts``, into
    ``columns``) recomputed, their net change counted into ``rollups`` (table, key, what to count
    per key, how: migration 0009's ``ROLLUPS``), under the roll-up writers' lock."""
    moves = "".join(_move(*r) for r in rollups)
    return f"""
CREATE OR REPLACE FUNCTION analysis_dashboardrollup_apply(touched bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    gone analysis_storyfact[];
    fresh analysis_storyfact[];
    emptied bigint[];
BEGIN
    IF touched IS NULL OR cardinality(touched) = 0 THEN
        RETURN;
    END IF;
    -- The stories' key-share locks first, while no roll-up lock is held: Django's foreign keys
    -- are checked at the commit, and a check waiting then for a story a writer holds (the
    -- worker's batch locks its stories, then waits for the roll-up lock) would close a cycle.
    PERFORM FROM testimonies_testimony WHERE id = ANY(touched) ORDER BY id FOR KEY SHARE;
    PERFORM pg_advisory_xact_lock({ROLLUP_LOCK});
    WITH d AS (
        DELETE FROM analysis_storyfact f WHERE f.testimony_id = ANY(touched) RETURNING f
    )
    SELECT array_agg(d.f ORDER BY (d.f).testimony_id) INTO gone FROM d;
    WITH d AS (
        INSERT INTO analysis_storyfact AS f ({columns})
        {facts("AND t.id = ANY(touched)")}
        RETURNING f
    )
    SELECT array_agg(d.f ORDER BY (d.f).testimony_id) INTO fresh FROM d;
    IF gone IS NOT DISTINCT FROM fresh THEN
        RETURN;  -- the same facts: no count changes
    END IF;{moves}
END;
$$;
"""


APPLY = apply_function(groups.facts, groups.FACT_COLUMNS, groups.ROLLUPS)
# Migration 0009's rebuild, the writers' lock taken first.
REBUILD = groups.REBUILD.replace(
    "LANGUAGE sql AS $$",
    f"LANGUAGE sql AS $$\n    SELECT pg_advisory_xact_lock({ROLLUP_LOCK});",
    1,
)

# Migration 0003's function, as it created it.
CODESET_APPLY_0003 = re.search(
    r"CREATE OR REPLACE FUNCTION analysis_storycodeset_apply.*?\n\$\$;\n", codesets.CREATE, re.S
).group(0)
# The same sets, written sorted by story and only where they change: a statement that changes
# no story's accepted codes (a machine suggestion refreshed) writes no set, so the roll-ups'
# trigger has nothing to do and the writers' lock is not taken.
CODESET_APPLY = """
CREATE OR REPLACE FUNCTION analysis_storycodeset_apply(touched bigint[]) RETURNS void
LANGUAGE sql AS $$
    -- The stories' key-share locks before the roll-ups' trigger takes the writers' lock (it
    -- runs twice here: for the sets inserted, then for those updated).
    SELECT FROM testimonies_testimony WHERE id = ANY(touched) ORDER BY id FOR KEY SHARE;
    INSERT INTO analysis_storycodeset AS s (testimony_id, code_ids)
    SELECT t.id, c.code_ids
    FROM unnest(touched) AS t(id)
    CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT ca.code_id ORDER BY ca.code_id) AS code_ids
        FROM coding_codeapplication ca
        WHERE ca.testimony_id = t.id AND ca.status = 'accepted'
    ) c
    WHERE c.code_ids IS NOT NULL
    ORDER BY t.id
    ON CONFLICT (testimony_id) DO UPDATE SET code_ids = EXCLUDED.code_ids
    WHERE s.code_ids IS DISTINCT FROM EXCLUDED.code_ids;
    DELETE FROM analysis_storycodeset s
    WHERE s.testimony_id = ANY(touched)
      AND NOT EXISTS (SELECT FROM coding_codeapplication ca
                      WHERE ca.testimony_id = s.testimony_id AND ca.status = 'accepted');
$$;
"""

# (table, its key, the column naming the story, the columns the facts read) of each table whose
# triggers recompute the facts (migrations 0008 and 0009): an UPDATE recomputes only the stories
# of rows where one of these columns changed (tests/analysis/test_rollup_concurrency.py checks
# them against the facts' query).
WATCHED = [
    (
        "testimonies_testimony",
        "id",
        "id",
        "status, scope_research, submitted_at, event_id, declared_language, trust_affected, "
        "scope_gender, scope_age_band, scope_ethnic_minority, scope_disability, scope_lgbtq",
    ),
    ("testimonies_researchcopy", "id", "testimony_id", "testimony_id, detected_language"),
    (
        "testimonies_testimonycharacteristics",
        "id",
        "testimony_id",
        "testimony_id, gender, age_band, ethnic_minority, disability, lgbtq",
    ),
    ("analysis_storycodeset", "testimony_id", "testimony_id", "testimony_id, code_ids"),
    (groups.OWN_READINGS, "id", "testimony_id", "testimony_id, themes"),
]


def _changed(first: str, second: str, key: str, read: str) -> str:
    """The story of each row of ``first`` with no row of the same key in ``second`` or with
    another value in a column the facts read."""
    mine = ", ".join(f"a.{c.strip()}" for c in read.split(","))
    theirs = ", ".join(f"b.{c.strip()}" for c in read.split(","))
    return f"""SELECT a.{{column}} FROM {first} a LEFT JOIN {second} b ON b.{key} = a.{key}
            WHERE b.{key} IS NULL OR ({mine}) IS DISTINCT FROM ({theirs})"""


def trigger_function(table: str, key: str, column: str, read: str) -> str:
    """Migration 0008's trigger function of ``table``, an UPDATE recomputing only the stories
    whose facts' columns changed (the triggers themselves stay)."""
    changed = " UNION ".join(
        [_changed("old_rows", "new_rows", key, read), _changed("new_rows", "old_rows", key, read)]
    ).format(column=column)
    return f"""
CREATE OR REPLACE FUNCTION analysis_rollup_{table}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM analysis_dashboardrollup_apply(ARRAY(SELECT DISTINCT {column} FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM analysis_dashboardrollup_apply(ARRAY({changed}));
    ELSE
        PERFORM analysis_dashboardrollup_apply(ARRAY(SELECT DISTINCT {column} FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    assert REBUILD != groups.REBUILD
    schema_editor.execute(APPLY)
    schema_editor.execute(REBUILD)
    schema_editor.execute(CODESET_APPLY)
    for table, key, column, read in WATCHED:
        schema_editor.execute(trigger_function(table, key, column, read))


def drop(apps, schema_editor):
    """Back to migrations 0009 and 0003's functions."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(groups.APPLY)
    schema_editor.execute(groups.REBUILD)
    schema_editor.execute(CODESET_APPLY_0003)
    for table, _key, column, _read in WATCHED:
        schema_editor.execute(rollup._triggers(table, column))


class Migration(migrations.Migration):
    dependencies = [("analysis", "0010_research_copy_story_event")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
