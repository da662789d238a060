"""Issue 16, themes: the shipped lexicons' second batch (pt, es, en, de, fr terms written from the
codebook's definitions and the development stories; German training, being taken seriously and
origin; French and German terms narrowed to the sense the codebook means). Adds the new shipped
entries and switches off the shipped ones the files no longer hold; researchers' entries and
edits are kept (``nlp.lexicon.lexicon_seed_sync``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps, retire=True)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0007_lexicons_community_consultation")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
