"""A data version for the agreement report's cache (issue 22 point 7).

Every statement that changes what the report counts (code applications, completions, codes,
stories' status and scopes, research copies) adds one to one of 16 counters in the same
transaction, so the sum of the counters, read in the same snapshot as the data, names that data
exactly: a report cached under a version is the report of every snapshot that reads that
version. The 16 rows (chosen by transaction id) keep concurrent writers off one row lock.
The epoch, drawn when the table is made, keeps a new database (a test database made again) from
reading a cache entry of another one with the same count. PostgreSQL only: elsewhere the report
is not cached.
"""

from django.db import migrations

TABLES = {
    "coding_codeapplication": "INSERT OR UPDATE OR DELETE OR TRUNCATE",
    "coding_codingcompletion": "INSERT OR UPDATE OR DELETE OR TRUNCATE",
    "coding_code": "INSERT OR UPDATE OR DELETE OR TRUNCATE",
    "testimonies_testimony": "UPDATE OF status, scope_research, event_id OR DELETE OR TRUNCATE",
    "testimonies_researchcopy": "INSERT OR DELETE OR TRUNCATE",
}

CREATE = """
CREATE TABLE coding_agreement_version (
    shard smallint PRIMARY KEY, n bigint NOT NULL, epoch uuid NOT NULL
);
INSERT INTO coding_agreement_version
SELECT s, 0, e FROM generate_series(0, 15) s, (SELECT gen_random_uuid() AS e) x;
CREATE FUNCTION coding_agreement_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coding_agreement_version SET n = n + 1 WHERE shard = txid_current() %% 16;
    RETURN NULL;
END $$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    for table, events in TABLES.items():
        schema_editor.execute(
            f"CREATE TRIGGER {table}_agreement_version AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION coding_agreement_version_bump()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_agreement_version ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS coding_agreement_version_bump() CASCADE")
    schema_editor.execute("DROP TABLE IF EXISTS coding_agreement_version")


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0007_merge_line_breaks_recent_index"),
        ("testimonies", "0010_merge_voice"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
