"""Full-text index on research copies, in each story's language configuration (PostgreSQL).

NOTE: the expression comes from analysis/fts.py, which the search selector also uses: the
planner uses the index only for the identical expression. On SQLite (development) search
falls back to a substring match and this migration does nothing.
"""

from django.db import migrations

from analysis.fts import INDEX_NAME, fts_vector_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON testimonies_researchcopy "
        f"USING gin (({fts_vector_sql()}))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0001_initial"),
        ("testimonies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
