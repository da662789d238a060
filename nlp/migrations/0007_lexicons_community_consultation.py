"""Issue 16, themes: the shipped lexicons gained community terms for being asked before services
are planned ("ask us first", "se diseñan los servicios", "uns fragen"...), and the community
theme now needs more than one weak word (``nlp.lexicon.MIN_EVIDENCE``). Adds the new entries;
researchers' entries and edits are kept (``nlp.lexicon.lexicon_seed_sync``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps, retire=True)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0006_lexicons_strong_and_weak_terms")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
