"""Add the shipped lexicon entries written since the first seed (issue 16: community and
representation terms and patterns in six languages). Additive: every entry already there, edited
or switched off by a researcher, is kept; a language that gains entries gets a new revision so
that every worker rebuilds its matcher."""

import json

from django.db import migrations
from django.db.models import F


def reseed(apps, schema_editor):
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
        before = LexiconEntry.objects.filter(language=lang).count()
        LexiconEntry.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        if LexiconEntry.objects.filter(language=lang).count() > before:
            updated = LexiconRevision.objects.filter(language=lang).update(
                revision=F("revision") + 1
            )
            if not updated:
                LexiconRevision.objects.create(language=lang, revision=1)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0004_story_embeddings")]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
