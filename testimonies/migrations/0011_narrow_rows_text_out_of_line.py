"""Stories' and research copies' texts stored out of line (PostgreSQL), so that the rows the
dashboards, lists and counts scan are narrow.

Why (issue 22): PostgreSQL keeps a value in the row itself until the row passes about 2 kB, so
a story of a few hundred words sat inside its row: every scan of the stories (each dashboard
groups all of them) read 1.5 GB at a million stories to look at a few flags. With
``toast_tuple_target = 128`` a row longer than 128 bytes has its long values compressed and
moved to the table's TOAST storage; a page of 25 stories still reads its 25 texts from there.
The long columns are compressed with LZ4 (faster to write and read than the default pglz).

Rows already stored move out when they are next written; to move them all at once on a large
database run ``VACUUM FULL testimonies_testimony, testimonies_researchcopy`` (it locks the
tables while it runs). SQLite: nothing to do.
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
