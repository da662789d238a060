"""Japanese (and Chinese) search: a GIN index of each research copy's CJK character bigrams.

Why: these languages write no spaces between words, so ``to_tsvector`` (analysis_rc_fts_gin)
makes one token of a whole sentence and a word inside it is never found. An IMMUTABLE SQL
function cuts every run of CJK characters into overlapping pairs; the index holds them as a
tsvector. Nothing is stored in the research copy, so imports, COPY and the NLP pipeline need no
change. The selector (analysis/fts.py) builds the identical expression so the planner uses it.

PostgreSQL only; on SQLite (development) search is a substring match and this does nothing.
"""

from django.db import migrations

from analysis.fts import CJK_FUNCTION, CJK_FUNCTION_SQL, CJK_INDEX_NAME, cjk_vector_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CJK_FUNCTION_SQL)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {CJK_INDEX_NAME} ON testimonies_researchcopy "
        f"USING gin (({cjk_vector_sql()}))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {CJK_INDEX_NAME}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {CJK_FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0004_story_code_set_model"),
        ("testimonies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
