"""The default codebook in every programme language (issue 15): for the default codes already in
a database, add each language and each text (criteria, example) they do not have yet. Texts a
team has written are never replaced; a database without the default codebook is left alone
(``codebook_default_seed`` creates it complete)."""

from django.db import migrations

# NOTE: the content is read from the app (not copied here) so that this migration and the seed
# write the same words; it only adds what is missing, so later edits to the content are safe.
from coding.default_codebook import SUB_CODES, THEMES, default_translations


def fill(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    keys = [*THEMES, *(key for _, key in SUB_CODES)]
    for code in Code.objects.filter(codebook__is_default=True, key__in=keys):
        translations = dict(code.translations or {})
        for language, texts in default_translations(code.key).items():
            present = translations.get(language) or {}
            translations[language] = {**texts, **{k: v for k, v in present.items() if v}}
        if translations != code.translations:
            Code.objects.filter(pk=code.pk).update(translations=translations)


class Migration(migrations.Migration):
    dependencies = [("coding", "0004_code_translations")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
