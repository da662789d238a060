"""Two more roll-ups kept by the triggers of migration 0008 (issue 22 point 4, at a million
stories):

- ``analysis_grouprollup``: stories open to research per (month, event, language, whether the
  story is inside each population group, top-level codes). The theme charts by population
  group read only "inside" (``aggregates.group_theme_counts``) and the total, so the flags'
  "outside" and "unknown" count as one: the wide roll-up, which keeps them apart for the trust
  gaps, hardly collapses (912,207 rows for 949,852 stories); this one does.
- ``analysis_agreementrollup``: the stories with the participant's own reading (at least one
  theme ticked) and at least one accepted code, per (themes of the own reading, code set): what
  ``programme.own_reading_agreement`` counts, without joining the own readings to the stories.

``analysis_storyfact`` gains each story's own reading (its theme keys, sorted, each once; NULL
without one or with none ticked), the own readings a trigger like the others, and
``analysis_dashboardrollup_apply`` / ``_rebuild`` count into all four roll-ups. PostgreSQL only.
"""

from importlib import import_module

import django.contrib.postgres.fields
from django.db import migrations, models

rollup = import_module("analysis.migrations.0008_dashboard_rollup")

GROUP_KEY = "month, event_id, language, f0, f1, f2, f3, f4, root_ids"
GROUP_VALUES = (
    "date_trunc('month', day)::date, event_id, language, "
    + ", ".join(f"COALESCE(f{i}, 0) = 1" for i in range(5))
    + ", root_ids"
)
AGREEMENT_KEY = "own_themes, code_ids"
AGREEMENT_WHERE = "own_themes IS NOT NULL AND cardinality(code_ids) > 0"

# The theme keys of a story's own reading as Python reads them (``set(reading.themes)``): the
# strings of its list, each once, sorted; NULL without a reading or with an empty list.
OWN_THEMES = """CASE WHEN jsonb_typeof(o.themes) = 'array' AND o.themes <> '[]'::jsonb
    THEN ARRAY(SELECT DISTINCT e #>> '{}' FROM jsonb_array_elements(o.themes) e
               WHERE jsonb_typeof(e) = 'string' ORDER BY 1)::text[] END"""


def facts(where: str = "") -> str:
    """Migration 0008's facts with each story's own reading."""
    return f"""
    SELECT f.*, {OWN_THEMES} AS own_themes FROM ({rollup.facts(where)}) f
    LEFT JOIN testimonies_ownreading o ON o.testimony_id = f.id
"""


def _count_into(source: str, sign: str) -> str:
    """Add each combination's stories of ``source`` (signed) to the four roll-ups."""
    return f"""
    by_group AS (
        INSERT INTO analysis_grouprollup AS u ({GROUP_KEY}, n)
        SELECT {GROUP_VALUES}, {sign}count(*) FROM {source}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ON CONFLICT ({GROUP_KEY}) DO UPDATE SET n = u.n + EXCLUDED.n
    ),
    agreement AS (
        INSERT INTO analysis_agreementrollup AS u ({AGREEMENT_KEY}, n)
        SELECT {AGREEMENT_KEY}, {sign}count(*) FROM {source} WHERE {AGREEMENT_WHERE}
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT ({AGREEMENT_KEY}) DO UPDATE SET n = u.n + EXCLUDED.n
    ),
    {rollup._count_into(source, sign)}
"""


FACT_COLUMNS = f"testimony_id, {rollup.KEY}, root_ids, own_themes"
# (table, key, what to count per key, how) of each roll-up, as the rebuild counts them.
ROLLUPS = [
    ("analysis_dashboardrollup", rollup.KEY, rollup.KEY, f"GROUP BY {rollup.KEY}"),
    ("analysis_themerollup", rollup.THEME_KEY, rollup.THEME_VALUES, "GROUP BY 1, 2, 3, 4"),
    ("analysis_grouprollup", GROUP_KEY, GROUP_VALUES, "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"),
    ("analysis_agreementrollup", AGREEMENT_KEY, AGREEMENT_KEY, f"WHERE {AGREEMENT_WHERE} GROUP BY 1, 2"),
]
APPLY = rollup.apply_function(_count_into, facts, FACT_COLUMNS, [r[0] for r in ROLLUPS])
REBUILD = rollup.rebuild_function(
    facts(),
    FACT_COLUMNS,
    [(t, key, f"{values}, count(*) FROM analysis_storyfact {how}") for t, key, values, how in ROLLUPS],
)

CREATE = f"""
ALTER TABLE analysis_storyfact ADD COLUMN IF NOT EXISTS own_themes text[];
CREATE TABLE IF NOT EXISTS analysis_grouprollup (
    id bigserial PRIMARY KEY,
    month date NOT NULL,
    event_id bigint NOT NULL,
    language varchar(16) NOT NULL,
    f0 boolean NOT NULL, f1 boolean NOT NULL, f2 boolean NOT NULL, f3 boolean NOT NULL,
    f4 boolean NOT NULL,
    root_ids bigint[] NOT NULL,
    n integer NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS analysis_grouprollup_key ON analysis_grouprollup ({GROUP_KEY});
CREATE TABLE IF NOT EXISTS analysis_agreementrollup (
    id bigserial PRIMARY KEY,
    own_themes text[] NOT NULL,
    code_ids bigint[] NOT NULL,
    n integer NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS analysis_agreementrollup_key
    ON analysis_agreementrollup ({AGREEMENT_KEY});
CREATE INDEX IF NOT EXISTS analysis_grouprollup_empty ON analysis_grouprollup (id) WHERE n = 0;
CREATE INDEX IF NOT EXISTS analysis_agreementrollup_empty
    ON analysis_agreementrollup (id) WHERE n = 0;

{APPLY}
{REBUILD}
"""

OWN_READINGS = "testimonies_ownreading"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    schema_editor.execute(rollup._triggers(OWN_READINGS, "testimony_id"))
    schema_editor.execute("SELECT analysis_dashboardrollup_rebuild()")


def drop(apps, schema_editor):
    """Back to migration 0008's functions and tables."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(rollup._drop_triggers(OWN_READINGS))
    schema_editor.execute(
        "DROP TABLE IF EXISTS analysis_grouprollup, analysis_agreementrollup;"
        "ALTER TABLE analysis_storyfact DROP COLUMN IF EXISTS own_themes;"
    )
    schema_editor.execute(rollup.CREATE)


def _event():
    return models.ForeignKey(
        db_constraint=False,
        on_delete=models.deletion.DO_NOTHING,
        related_name="+",
        to="events.event",
    )


def _ids(base_field):
    return django.contrib.postgres.fields.ArrayField(base_field=base_field, default=list)


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0008_dashboard_rollup"),
        ("testimonies", "0012_analysis_covering_index"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        migrations.CreateModel(
            name="GroupRollup",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("month", models.DateField()),
                ("event", _event()),
                ("language", models.CharField(max_length=16)),
                *((f"f{i}", models.BooleanField()) for i in range(5)),
                ("root_ids", _ids(models.BigIntegerField())),
                ("n", models.IntegerField()),
            ],
            options={"db_table": "analysis_grouprollup", "managed": False},
        ),
        migrations.CreateModel(
            name="AgreementRollup",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("own_themes", _ids(models.TextField())),
                ("code_ids", _ids(models.BigIntegerField())),
                ("n", models.IntegerField()),
            ],
            options={"db_table": "analysis_agreementrollup", "managed": False},
        ),
    ]
