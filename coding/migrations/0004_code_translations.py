"""Codes keep their texts in one ``translations`` JSON object keyed by language (issue 15):
``label_en``/``description_en`` and the criteria and example go to ``en``, ``label_fr`` and
``description_fr`` to ``fr``; then the old columns go. Reversible: backwards puts English and
French back in the columns (other languages are lost, the columns had no room for them).
The snapshots of ``CodebookVersion`` are rewritten the same way, so every version has one shape."""

from django.db import migrations, models

MOVED = ("inclusion_criteria", "exclusion_criteria", "example")


def _texts(**fields) -> dict:
    return {name: text.strip() for name, text in fields.items() if text and text.strip()}


def _translations(row) -> dict:
    """``translations`` from the old fields of a code (a model row or a snapshot dict)."""
    get = row.get if isinstance(row, dict) else lambda name, default="": getattr(row, name)
    english = _texts(
        label=get("label_en", "") or get("key", "") or "code",
        description=get("description_en", ""),
        **{name: get(name, "") for name in MOVED},
    )
    french = _texts(label=get("label_fr", ""), description=get("description_fr", ""))
    return {"en": english, "fr": french} if french else {"en": english}


def _old_fields(translations: dict, key: str) -> dict:
    english = (translations or {}).get("en") or {}
    french = (translations or {}).get("fr") or {}
    label = (english.get("label") or key or "code")[:200]
    return {
        "label_en": label,
        "label_fr": (french.get("label") or label)[:200],
        "description_en": english.get("description", ""),
        "description_fr": french.get("description", ""),
        **{name: english.get(name, "") for name in MOVED},
    }


OLD = ("label_en", "label_fr", "description_en", "description_fr", *MOVED)


def _snapshots(apps, rewrite) -> None:
    CodebookVersion = apps.get_model("coding", "CodebookVersion")
    for version in CodebookVersion.objects.all().iterator(chunk_size=200):
        rows = (version.snapshot or {}).get("codes") or []
        if rows:
            snapshot = {**version.snapshot, "codes": [rewrite(dict(row)) for row in rows]}
            CodebookVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)


def _row_forwards(row: dict) -> dict:
    if "translations" not in row:
        row["translations"] = _translations(row)
    return {k: v for k, v in row.items() if k not in OLD}


def _row_backwards(row: dict) -> dict:
    row.update(_old_fields(row.pop("translations", {}), row.get("key", "")))
    return row


def forwards(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    for code in Code.objects.all().iterator(chunk_size=500):
        Code.objects.filter(pk=code.pk).update(translations=_translations(code))
    _snapshots(apps, _row_forwards)


def backwards(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    for code in Code.objects.all().iterator(chunk_size=500):
        Code.objects.filter(pk=code.pk).update(**_old_fields(code.translations, code.key))
    _snapshots(apps, _row_backwards)


class Migration(migrations.Migration):
    dependencies = [("coding", "0003_applications_memos")]

    operations = [
        migrations.AddField(
            model_name="code",
            name="translations",
            field=models.JSONField(
                default=dict,
                help_text="Label, description, criteria and example by language; English required",
                verbose_name="texts in each language",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        # NOTE: a default before removing, so that migrating backwards can add the columns back
        # to a table that has rows (backwards then fills them from ``translations``).
        migrations.AlterField(
            model_name="code",
            name="label_en",
            field=models.CharField(default="", max_length=200, verbose_name="label (English)"),
        ),
        migrations.AlterField(
            model_name="code",
            name="label_fr",
            field=models.CharField(default="", max_length=200, verbose_name="label (French)"),
        ),
        migrations.RemoveField(model_name="code", name="label_en"),
        migrations.RemoveField(model_name="code", name="label_fr"),
        migrations.RemoveField(model_name="code", name="description_en"),
        migrations.RemoveField(model_name="code", name="description_fr"),
        migrations.RemoveField(model_name="code", name="inclusion_criteria"),
        migrations.RemoveField(model_name="code", name="exclusion_criteria"),
        migrations.RemoveField(model_name="code", name="example"),
        migrations.AddConstraint(
            model_name="code",
            constraint=models.CheckConstraint(
                condition=models.Q(("translations__has_key", "en")),
                name="code_translations_has_english",
            ),
        ),
    ]
