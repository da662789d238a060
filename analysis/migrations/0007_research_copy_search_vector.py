"""A stored search vector per research copy, in the story's own language configuration, with
its GIN index (PostgreSQL); the expression index of migration 0002 is dropped.

Why (issue 22): the expression index made PostgreSQL recompute ``to_tsvector`` on every row it
rechecked, and when a word gives different lexemes in different configurations ('confiance':
'confianc' in French, 'confiance' elsewhere) it chose a sequential scan computing the vector for
every story (2.6 s at 100,000 stories). A stored generated column is computed once per write by
PostgreSQL itself, so imports, COPY and the NLP pipeline need no change; the selector
(analysis/fts.py ``search_condition``) ORs one index condition per distinct query, so the index
is always used.

On SQLite (development) search goes through FTS5 tables (migration 0006) and this does nothing.
"""

from django.db import migrations

from analysis.fts import INDEX_NAME, VECTOR_COLUMN, VECTOR_INDEX_NAME, fts_vector_sql

TABLE = "testimonies_researchcopy"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {VECTOR_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({fts_vector_sql()}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {VECTOR_INDEX_NAME} ON {TABLE} USING gin ({VECTOR_COLUMN})"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {TABLE} USING gin (({fts_vector_sql()}))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX_NAME}")
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {VECTOR_COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0006_sqlite_search_index"),
        ("testimonies", "0006_submission_key_scoped"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
