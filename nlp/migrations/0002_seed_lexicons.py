import json

from django.db import migrations


def seed(apps, schema_editor):
    """Load the shipped lexicons (nlp/lexicons/*.json) as researchers' starting point."""
    from nlp.lexicon import lexicon_file_entries, shipped_languages

    LexiconEntry = apps.get_model("nlp", "LexiconEntry")
    LexiconRevision = apps.get_model("nlp", "LexiconRevision")
    for lang in shipped_languages():
        rows = []
        for code_key, spec in lexicon_file_entries(lang).items():
            rows += [
                LexiconEntry(language=lang, code_key=code_key, kind="term", value=t, source="seed")
                for t in spec["terms"]
            ]
            rows += [
                LexiconEntry(
                    language=lang,
                    code_key=code_key,
                    kind="pattern",
                    value=json.dumps(p, ensure_ascii=False, sort_keys=True),
                    source="seed",
                )
                for p in spec["patterns"]
            ]
        LexiconEntry.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        LexiconRevision.objects.update_or_create(language=lang, defaults={"revision": 1})


class Migration(migrations.Migration):
    dependencies = [("nlp", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
