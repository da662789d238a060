"""Issue 16, themes in six languages: the shipped lexicons gained strong and weak terms (the
files' "strong" and "weak" lists, also plain terms) and lost bare words that need their context
("minutes", "waiting", "papers"). Adds the new entries and switches off the seed entries the files
no longer hold; researchers' entries and edits are kept (``nlp.lexicon.lexicon_seed_sync``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps, retire=True)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0005_reseed_lexicons_issue16")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
