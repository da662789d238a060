"""Stories' and research copies' long values moved out of line sooner and LZ4-compressed
(PostgreSQL).

Why (issue 22): PostgreSQL compresses and moves a row's long values to the table's TOAST
storage only once the row passes about 2 kB, and then only until it is back under 2 kB. With
``toast_tuple_target = 128`` a row that reaches 2 kB (a long story, and nearly every research
copy with its search vector) is cut down to its short columns, so scans of the research copies
read far fewer pages. Shorter rows stay whole: the dashboards read the stories through a
covering index instead (migration 0012). LZ4 is faster to write and read than pglz.

Rows already stored change when they are next written; on a large database ``VACUUM FULL
testimonies_testimony, testimonies_researchcopy`` rewrites them at once (it locks the tables
while it runs). SQLite: nothing to do.
"""

from django.db import migrations

TABLES = ("testimonies_testimony", "testimonies_researchcopy")
LONG_COLUMNS = (
    ("testimonies_testimony", "text"),
    ("testimonies_researchcopy", "redacted_text"),
    ("testimonies_researchcopy", "search_vector"),
)


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 128)")
    for table, column in LONG_COLUMNS:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
    for table, column in LONG_COLUMNS:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION default")


class Migration(migrations.Migration):
    dependencies = [
        ("testimonies", "0010_merge_voice"),
        ("analysis", "0007_research_copy_search_vector"),  # the search_vector column
    ]

    operations = [migrations.RunPython(narrow, widen, elidable=False)]
