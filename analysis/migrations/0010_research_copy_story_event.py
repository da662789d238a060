"""Each research copy carries its story's event (``story_event_id``), kept exact by triggers,
with a B-tree index (PostgreSQL).

Why (issue 22): a search for a common word filtered by country or event ('confiance' in Japan,
where no story has it) took 2 s at a million stories. The GIN index gave every French story
with the word (69,000), and each was read (its row, its stored vector for the language check,
its story and event) only to find it was not in Japan. With the event on the research copy,
``search_vector @@ query AND story_event_id = ANY(the country's events)`` is two index bitmaps
ANDed: an empty result reads no row at all. ``analysis.selectors`` adds the condition to the
words' subquery; the stories' own filters still decide (this only narrows the candidates).

The column is not a Django field (like ``search_vector``): a row trigger fills it on every
insert (and when a copy moves to another story), another follows a story moved to another
event. A load with triggers off must fill it itself (bench/analytics_derived.py does).

Deployment: filling the column rewrites the research copies and builds their indexes again
(the two GIN ones most of the time), the table locked meanwhile: see docs/dev/scale.md for how
long at 100,000 and a million stories.

On SQLite (development) search goes through FTS5 tables (migration 0006) and this does nothing.
"""

from django.db import migrations

from analysis.fts import EVENT_COLUMN, EVENT_INDEX_NAME

TABLE = "testimonies_researchcopy"
STORIES = "testimonies_testimony"

# SECURITY: fixed text only, no user input.
STORY_EVENT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION analysis_story_event_of(story bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT t.event_id FROM {STORIES} t WHERE t.id = story $$;
"""
TRIGGERS = f"""
CREATE OR REPLACE FUNCTION analysis_rc_story_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.{EVENT_COLUMN} := analysis_story_event_of(NEW.testimony_id);
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS analysis_rc_story_event_ins ON {TABLE};
DROP TRIGGER IF EXISTS analysis_rc_story_event_upd ON {TABLE};
CREATE TRIGGER analysis_rc_story_event_ins BEFORE INSERT ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION analysis_rc_story_event();
CREATE TRIGGER analysis_rc_story_event_upd BEFORE UPDATE OF testimony_id, {EVENT_COLUMN}
    ON {TABLE} FOR EACH ROW EXECUTE FUNCTION analysis_rc_story_event();

CREATE OR REPLACE FUNCTION analysis_story_event_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET {EVENT_COLUMN} = NEW.event_id
    WHERE testimony_id = NEW.id AND {EVENT_COLUMN} IS DISTINCT FROM NEW.event_id;
    RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS analysis_story_event_moved ON {STORIES};
CREATE TRIGGER analysis_story_event_moved AFTER UPDATE OF event_id ON {STORIES}
    FOR EACH ROW WHEN (OLD.event_id IS DISTINCT FROM NEW.event_id)
    EXECUTE FUNCTION analysis_story_event_moved();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {EVENT_COLUMN} bigint")
    # Filled by rewriting the table (a "change of type" to the same type, each row's value
    # computed): its indexes are then built again in one pass each. An UPDATE instead took
    # 8.6 minutes at 100,000 stories against 2.4 (load 7 on 2 CPUs): PostgreSQL 15 computes
    # the stored vector again for every updated row and adds it to the two GIN indexes one by
    # one. Row triggers do not fire on a rewrite, so the dashboards' roll-ups are left as they
    # are (no story changes event).
    run(STORY_EVENT_FUNCTION)
    run(
        f"ALTER TABLE {TABLE} ALTER COLUMN {EVENT_COLUMN} TYPE bigint "
        "USING analysis_story_event_of(testimony_id)"
    )
    run(f"CREATE INDEX IF NOT EXISTS {EVENT_INDEX_NAME} ON {TABLE} ({EVENT_COLUMN})")
    run(TRIGGERS)
    # The planner's statistics of the new column (a sample: a second at a million rows).
    run(f"ANALYZE {TABLE} ({EVENT_COLUMN})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS analysis_story_event_moved ON {STORIES};"
        "DROP FUNCTION IF EXISTS analysis_story_event_moved();"
        f"DROP TRIGGER IF EXISTS analysis_rc_story_event_ins ON {TABLE};"
        f"DROP TRIGGER IF EXISTS analysis_rc_story_event_upd ON {TABLE};"
        "DROP FUNCTION IF EXISTS analysis_rc_story_event();"
        "DROP FUNCTION IF EXISTS analysis_story_event_of(bigint);"
        f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {EVENT_COLUMN};"  # its index with it
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0009_group_and_agreement_rollups"),
        ("testimonies", "0012_analysis_covering_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
