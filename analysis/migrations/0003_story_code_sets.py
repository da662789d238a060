"""Each story's set of accepted codes, kept by PostgreSQL triggers, for fast dashboards.

Why: a dashboard counts, per theme and per country (event, language, group, month), the stories
coded with that theme. Read from 1,000,000 code applications, that is half a second of
aggregation for every chart. This table holds one row per coded story with the sorted array of
its accepted codes; the dashboards test each theme with an array overlap (``&&``), reading
100,000 short rows instead (bench/analytics.py prints the figures).

Kept exact by statement-level triggers on coding_codeapplication (insert, update, delete,
with transition tables, so a bulk COPY costs one refresh per statement): every story touched by
a statement has its row recomputed from the applications. Consent is not copied here: the
dashboards join the testimony and filter on its status and scopes at query time, so a withdrawal
or a narrowed consent takes effect at once.

PostgreSQL only; on SQLite (development) the selectors read the applications directly.
"""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS analysis_storycodeset (
    testimony_id bigint PRIMARY KEY,
    code_ids bigint[] NOT NULL DEFAULT '{}'
);

CREATE OR REPLACE FUNCTION analysis_storycodeset_apply(touched bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO analysis_storycodeset AS s (testimony_id, code_ids)
    SELECT t.id,
           COALESCE((SELECT array_agg(DISTINCT ca.code_id ORDER BY ca.code_id)
                     FROM coding_codeapplication ca
                     WHERE ca.testimony_id = t.id AND ca.status = 'accepted'), '{}')
    FROM unnest(touched) AS t(id)
    ON CONFLICT (testimony_id) DO UPDATE SET code_ids = EXCLUDED.code_ids;
    DELETE FROM analysis_storycodeset WHERE code_ids = '{}' AND testimony_id = ANY(touched);
$$;

CREATE OR REPLACE FUNCTION analysis_storycodeset_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        PERFORM analysis_storycodeset_apply(ARRAY(SELECT DISTINCT testimony_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM analysis_storycodeset_apply(ARRAY(
            SELECT testimony_id FROM old_rows UNION SELECT testimony_id FROM new_rows));
    ELSE
        PERFORM analysis_storycodeset_apply(ARRAY(SELECT DISTINCT testimony_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS analysis_storycodeset_ins ON coding_codeapplication;
DROP TRIGGER IF EXISTS analysis_storycodeset_upd ON coding_codeapplication;
DROP TRIGGER IF EXISTS analysis_storycodeset_del ON coding_codeapplication;
CREATE TRIGGER analysis_storycodeset_ins AFTER INSERT ON coding_codeapplication
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analysis_storycodeset_refresh();
CREATE TRIGGER analysis_storycodeset_upd AFTER UPDATE ON coding_codeapplication
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analysis_storycodeset_refresh();
CREATE TRIGGER analysis_storycodeset_del AFTER DELETE ON coding_codeapplication
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analysis_storycodeset_refresh();

INSERT INTO analysis_storycodeset (testimony_id, code_ids)
SELECT testimony_id, array_agg(DISTINCT code_id ORDER BY code_id)
FROM coding_codeapplication WHERE status = 'accepted' GROUP BY testimony_id
ON CONFLICT (testimony_id) DO UPDATE SET code_ids = EXCLUDED.code_ids;
"""

DROP = """
DROP TRIGGER IF EXISTS analysis_storycodeset_ins ON coding_codeapplication;
DROP TRIGGER IF EXISTS analysis_storycodeset_upd ON coding_codeapplication;
DROP TRIGGER IF EXISTS analysis_storycodeset_del ON coding_codeapplication;
DROP FUNCTION IF EXISTS analysis_storycodeset_refresh();
DROP FUNCTION IF EXISTS analysis_storycodeset_apply(bigint[]);
DROP TABLE IF EXISTS analysis_storycodeset;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0002_search_index"),
        ("coding", "0003_applications_memos"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
