"""Issue 16, themes: the shipped lexicons' fourth batch (German and French terms written from the
codebook's definitions and criteria for what the lexicon missed in forty new development stories:
a patient not looked at or not believed, concerns repeated and not written down; bias not meant
or not noticed; assumptions about age, drinking, mental illness or who a child's mother is; being
sent out or looked at as dirty; time taken sitting down; documents that cannot be read aloud,
complicated French, one's own language; job interviews, applications and the recognition of
foreign diplomas; communities not asked; training asked for). Adds the new shipped entries and
switches off the shipped ones the files no longer hold; researchers' entries and edits are kept
(``nlp.lexicon.lexicon_seed_sync``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps, retire=True)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0009_lexicons_third_batch")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
