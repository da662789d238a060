"""The dashboards' roll-up: stories open to research counted per (day, event, language, group
flags, trust answer, accepted code set), kept exact by PostgreSQL triggers (issue 22 point 4).

Why: every dashboard groups every story open to research. At a million stories that read
joined the stories, their research copies, characteristics and code sets (1.3 to 5.5 s per
page on 2 shared cores). The dashboards now sum this roll-up instead: one row per distinct
combination of what they group and filter on, with its number of stories ``n``.

Two tables:

- ``analysis_storyfact``: one row per story that is active and open to research, with the
  values the dashboards read (submission day in UTC, event, language as the dashboards read it,
  the five group flags with consent applied, trust answer, accepted codes). A story that is
  withdrawn, deleted or whose consent no longer covers research has no row.
- ``analysis_dashboardrollup``: the facts counted per combination; a combination with no story
  left has no row.

Statement-level triggers (transition tables, so a bulk write costs one refresh per statement)
on the stories, research copies, characteristics and story code sets recompute the facts of
every story the statement touched, and move each story's count from its old combination to its
new one. A withdrawal therefore takes the story out in the same transaction.
``analysis_dashboardrollup_rebuild()`` recomputes both tables from scratch (after a bulk load
made with the triggers off, as bench/analytics_seed.py does).

PostgreSQL only; on SQLite (development) the dashboards read the stories directly.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

# Each group flag as analysis.aggregates.GROUPS reads it: 1 inside, 0 known to be outside,
# NULL unknown or not shared with consent. tests/analysis/test_rollup.py checks them against it.
FLAGS = """
    CASE WHEN t.scope_gender AND c.gender IN ('woman') THEN 1
         WHEN t.scope_gender AND c.gender IN ('woman', 'man', 'non_binary', 'self_described')
         THEN 0 END AS f0,
    CASE WHEN t.scope_age_band AND c.age_band IN ('65_plus') THEN 1
         WHEN t.scope_age_band AND c.age_band IN ('under_18', '18_24', '25_34', '35_44',
              '45_54', '55_64', '65_plus') THEN 0 END AS f1,
    CASE WHEN t.scope_ethnic_minority AND c.ethnic_minority IN ('yes') THEN 1
         WHEN t.scope_ethnic_minority AND c.ethnic_minority IN ('yes', 'no') THEN 0 END AS f2,
    CASE WHEN t.scope_disability AND c.disability IN ('yes') THEN 1
         WHEN t.scope_disability AND c.disability IN ('yes', 'no') THEN 0 END AS f3,
    CASE WHEN t.scope_lgbtq AND c.lgbtq IN ('yes') THEN 1
         WHEN t.scope_lgbtq AND c.lgbtq IN ('yes', 'no') THEN 0 END AS f4
"""

COLUMNS = """day date NOT NULL, event_id bigint NOT NULL, language varchar(16) NOT NULL,
    f0 smallint, f1 smallint, f2 smallint, f3 smallint, f4 smallint,
    trust varchar(16) NOT NULL, code_ids bigint[] NOT NULL"""
KEY = "day, event_id, language, f0, f1, f2, f3, f4, trust, code_ids"
THEME_KEY = "month, event_id, language, root_ids"
THEME_VALUES = "date_trunc('month', day)::date, event_id, language, root_ids"


def facts(where: str = "") -> str:
    """The facts of the stories open to research (``where``: which ones), the top-level codes
    of each code set found once per distinct set."""
    return f"""
    WITH story AS (
        SELECT t.id, (t.submitted_at AT TIME ZONE 'UTC')::date AS day, t.event_id,
               COALESCE(NULLIF(r.detected_language, ''), t.declared_language) AS language,
               {FLAGS},
               t.trust_affected AS trust, COALESCE(s.code_ids, '{{}}') AS code_ids
        FROM testimonies_testimony t
        LEFT JOIN testimonies_researchcopy r ON r.testimony_id = t.id
        LEFT JOIN testimonies_testimonycharacteristics c ON c.testimony_id = t.id
        LEFT JOIN analysis_storycodeset s ON s.testimony_id = t.id
        WHERE t.status = 'active' AND t.scope_research {where}
    ), sets AS (
        SELECT code_ids, analysis_root_codes(code_ids) AS root_ids
        FROM (SELECT DISTINCT code_ids FROM story) d
    )
    SELECT story.id, {KEY.replace("code_ids", "story.code_ids")}, sets.root_ids
    FROM story JOIN sets ON sets.code_ids = story.code_ids
"""


def _count_into(source: str, sign: str) -> str:
    """Add each combination's stories of ``source`` (signed) to both roll-ups."""
    return f"""
    wide AS (
        INSERT INTO analysis_dashboardrollup AS u ({KEY}, n)
        SELECT {KEY}, {sign}count(*) FROM {source} GROUP BY {KEY} ORDER BY {KEY}
        ON CONFLICT ({KEY}) DO UPDATE SET n = u.n + EXCLUDED.n
    )
    INSERT INTO analysis_themerollup AS u ({THEME_KEY}, n)
    SELECT {THEME_VALUES}, {sign}count(*) FROM {source}
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ({THEME_KEY}) DO UPDATE SET n = u.n + EXCLUDED.n;
"""


def apply_function(count_into, facts, columns: str, tables: list[str]) -> str:
    """``analysis_dashboardrollup_apply(touched)``: the touched stories' facts (``facts``, into
    ``columns``) recomputed, their counts moved (``count_into``), empty rows of ``tables``
    dropped."""
    empty = "".join(f"\n    DELETE FROM {table} WHERE n = 0;" for table in tables)
    return f"""
CREATE OR REPLACE FUNCTION analysis_dashboardrollup_apply(touched bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF touched IS NULL OR cardinality(touched) = 0 THEN
        RETURN;
    END IF;
    -- The touched stories leave their old combinations...
    WITH gone AS (
        DELETE FROM analysis_storyfact WHERE testimony_id = ANY(touched) RETURNING *
    ),
    {count_into("gone", "-")}
    -- ...and join their new ones, if they are still open to research.
    WITH fresh AS (
        INSERT INTO analysis_storyfact ({columns})
        {facts("AND t.id = ANY(touched)")}
        RETURNING *
    ),
    {count_into("fresh", "")}{empty}
END;
$$;
"""


def rebuild_function(facts: str, columns: str, rollups: list[tuple[str, str, str]]) -> str:
    """``analysis_dashboardrollup_rebuild()``: every fact and roll-up row from scratch;
    ``rollups``: (table, key, what to select from ``analysis_storyfact`` with its ``GROUP BY``)."""
    tables = ", ".join(["analysis_storyfact", *(table for table, _key, _select in rollups)])
    counts = "".join(
        f"\n    INSERT INTO {table} ({key}, n)\n    SELECT {select};"
        for table, key, select in rollups
    )
    return f"""
CREATE OR REPLACE FUNCTION analysis_dashboardrollup_rebuild() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE {tables} RESTART IDENTITY;
    INSERT INTO analysis_storyfact ({columns}) {facts};{counts}
$$;
"""


APPLY = apply_function(
    _count_into,
    facts,
    f"testimony_id, {KEY}, root_ids",
    ["analysis_dashboardrollup", "analysis_themerollup"],
)
REBUILD = rebuild_function(
    facts(),
    f"testimony_id, {KEY}, root_ids",
    [
        ("analysis_dashboardrollup", KEY, f"{KEY}, count(*) FROM analysis_storyfact GROUP BY {KEY}"),
        (
            "analysis_themerollup",
            THEME_KEY,
            f"{THEME_VALUES}, count(*) FROM analysis_storyfact GROUP BY 1, 2, 3, 4",
        ),
    ],
)


CREATE = f"""
CREATE TABLE IF NOT EXISTS analysis_storyfact (
    testimony_id bigint PRIMARY KEY,
    {COLUMNS},
    root_ids bigint[] NOT NULL
);
CREATE TABLE IF NOT EXISTS analysis_dashboardrollup (
    id bigserial PRIMARY KEY,
    {COLUMNS},
    n integer NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS analysis_dashboardrollup_key
    ON analysis_dashboardrollup ({KEY}) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS analysis_dashboardrollup_empty
    ON analysis_dashboardrollup (id) WHERE n = 0;
CREATE TABLE IF NOT EXISTS analysis_themerollup (
    id bigserial PRIMARY KEY,
    month date NOT NULL,
    event_id bigint NOT NULL,
    language varchar(16) NOT NULL,
    root_ids bigint[] NOT NULL,
    n integer NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS analysis_themerollup_key
    ON analysis_themerollup ({THEME_KEY});
CREATE INDEX IF NOT EXISTS analysis_themerollup_empty ON analysis_themerollup (id) WHERE n = 0;

-- The top-level codes (no parent) above each of the codes, each once, sorted.
CREATE OR REPLACE FUNCTION analysis_root_codes(codes bigint[]) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up(id, parent_id) AS (
        SELECT c.id, c.parent_id FROM coding_code c WHERE c.id = ANY(codes)
        UNION
        SELECT p.id, p.parent_id FROM coding_code p JOIN up ON p.id = up.parent_id
    )
    SELECT COALESCE(array_agg(DISTINCT id ORDER BY id), '{{}}') FROM up WHERE parent_id IS NULL
$$;

{APPLY}
{REBUILD}
-- A code moved under another parent changes the top-level codes of the stories coded with
-- it or a code below it.
CREATE OR REPLACE FUNCTION analysis_rollup_coding_code() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    moved bigint[];
BEGIN
    SELECT array_agg(n.id) INTO moved FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE o.parent_id IS DISTINCT FROM n.parent_id;
    IF moved IS NULL THEN
        RETURN NULL;
    END IF;
    WITH RECURSIVE below(id) AS (
        SELECT unnest(moved)
        UNION
        SELECT c.id FROM coding_code c JOIN below b ON c.parent_id = b.id
    )
    SELECT array_agg(id) INTO moved FROM below;
    PERFORM analysis_dashboardrollup_apply(ARRAY(
        SELECT testimony_id FROM analysis_storyfact WHERE code_ids && moved));
    RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS analysis_rollup_coding_code_upd ON coding_code;
CREATE TRIGGER analysis_rollup_coding_code_upd AFTER UPDATE ON coding_code
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analysis_rollup_coding_code();
"""

# (table, column naming the story)
WATCHED = [
    ("testimonies_testimony", "id"),
    ("testimonies_researchcopy", "testimony_id"),
    ("testimonies_testimonycharacteristics", "testimony_id"),
    ("analysis_storycodeset", "testimony_id"),
]


def _triggers(table: str, column: str) -> str:
    name = f"analysis_rollup_{table}"
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM analysis_dashboardrollup_apply(ARRAY(SELECT DISTINCT {column} FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM analysis_dashboardrollup_apply(ARRAY(
            SELECT {column} FROM old_rows UNION SELECT {column} FROM new_rows));
    ELSE
        PERFORM analysis_dashboardrollup_apply(ARRAY(SELECT DISTINCT {column} FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS {name}_ins ON {table};
DROP TRIGGER IF EXISTS {name}_upd ON {table};
DROP TRIGGER IF EXISTS {name}_del ON {table};
CREATE TRIGGER {name}_ins AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}();
CREATE TRIGGER {name}_upd AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {name}();
CREATE TRIGGER {name}_del AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}();
"""


def _drop_triggers(table: str) -> str:
    name = f"analysis_rollup_{table}"
    return f"""
DROP TRIGGER IF EXISTS {name}_ins ON {table};
DROP TRIGGER IF EXISTS {name}_upd ON {table};
DROP TRIGGER IF EXISTS {name}_del ON {table};
DROP FUNCTION IF EXISTS {name}();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    for table, column in WATCHED:
        schema_editor.execute(_triggers(table, column))
    schema_editor.execute("SELECT analysis_dashboardrollup_rebuild()")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _column in WATCHED:
        schema_editor.execute(_drop_triggers(table))
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS analysis_rollup_coding_code_upd ON coding_code;"
        "DROP FUNCTION IF EXISTS analysis_rollup_coding_code();"
        "DROP FUNCTION IF EXISTS analysis_dashboardrollup_rebuild();"
        "DROP FUNCTION IF EXISTS analysis_root_codes(bigint[]);"
        "DROP FUNCTION IF EXISTS analysis_dashboardrollup_apply(bigint[]);"
        "DROP TABLE IF EXISTS analysis_dashboardrollup, analysis_themerollup, analysis_storyfact;"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0007_research_copy_search_vector"),
        ("testimonies", "0012_analysis_covering_index"),
        ("coding", "0008_agreement_version"),
        ("events", "0003_event_reopen_grace"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        migrations.CreateModel(
            name="DashboardRollup",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("day", models.DateField()),
                (
                    "event",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.event",
                    ),
                ),
                ("language", models.CharField(max_length=16)),
                ("f0", models.SmallIntegerField(null=True)),
                ("f1", models.SmallIntegerField(null=True)),
                ("f2", models.SmallIntegerField(null=True)),
                ("f3", models.SmallIntegerField(null=True)),
                ("f4", models.SmallIntegerField(null=True)),
                ("trust", models.CharField(max_length=16)),
                (
                    "code_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                ("n", models.IntegerField()),
            ],
            options={"db_table": "analysis_dashboardrollup", "managed": False},
        ),
        migrations.CreateModel(
            name="ThemeRollup",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("month", models.DateField()),
                (
                    "event",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.event",
                    ),
                ),
                ("language", models.CharField(max_length=16)),
                (
                    "root_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                ("n", models.IntegerField()),
            ],
            options={"db_table": "analysis_themerollup", "managed": False},
        ),
    ]
