"""Add the shipped lexicon entries written since the first seed (issue 16: community and
representation terms and patterns in six languages). Additive: every entry already there, edited
or switched off by a researcher, is kept; a language that gains entries gets a new revision so
that every worker rebuilds its matcher."""

from django.db import migrations


def reseed(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0004_story_embeddings")]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
