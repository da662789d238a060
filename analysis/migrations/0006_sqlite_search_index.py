"""Full-text search on SQLite (``make run``): FTS5 indexes of the research copies, kept by
triggers and filled from the copies already there (see analysis/fts_sqlite.py).

SQLite only; on PostgreSQL the GIN indexes of 0002 and 0005 serve search and this does nothing.
"""

from django.db import migrations

from analysis.fts_sqlite import sqlite_index_drop, sqlite_index_ensure


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        sqlite_index_ensure(cursor)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        sqlite_index_drop(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0005_cjk_search_index"),
        ("testimonies", "0006_submission_key_scoped"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
