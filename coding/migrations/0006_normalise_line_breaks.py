"""Issue 21: one rule for line breaks (core.text): ``\\r\\n`` and ``\\r`` become ``\\n`` in every
stored story, and the coded passages move with their text, so no passage changes what it covers
(but for the removed ``\\r``)."""

from django.db import migrations

from core.text import normalise_newlines, offset_map


def _shift(application, mapping) -> bool:
    starts, ends = mapping
    changed = False
    for start_name, end_name in (("start", "end"), ("evidence_start", "evidence_end")):
        start, end = getattr(application, start_name), getattr(application, end_name)
        if start is None or end is None:
            continue
        new_start, new_end = starts(start), ends(end)
        if (new_start, new_end) != (start, end):
            setattr(application, start_name, new_start)
            setattr(application, end_name, new_end)
            changed = True
    return changed


def _applications(apps, copy, mapping) -> None:
    application_model = apps.get_model("coding", "CodeApplication")
    seen = set()
    for application in application_model.objects.filter(testimony_id=copy.testimony_id).order_by(
        "id"
    ):
        changed = _shift(application, mapping)
        key = (application.code_id, application.coder_id, application.source, application.start,
               application.end)
        if application.start is not None and key in seen:
            # Two passages that differed only by a removed "\r" are now the same passage.
            application.delete()
            continue
        seen.add(key)
        if changed:
            application.save(update_fields=["start", "end", "evidence_start", "evidence_end"])


def forwards(apps, schema_editor):
    testimony_model = apps.get_model("testimonies", "Testimony")
    copy_model = apps.get_model("testimonies", "ResearchCopy")
    for copy in copy_model.objects.filter(redacted_text__contains="\r").iterator():
        mapping = offset_map(copy.redacted_text), offset_map(copy.redacted_text, end=True)
        _applications(apps, copy, mapping)
        copy.redacted_text = normalise_newlines(copy.redacted_text)
        copy.redacted_title = normalise_newlines(copy.redacted_title)
        copy.redacted_restore_trust = normalise_newlines(copy.redacted_restore_trust)
        copy.save(update_fields=["redacted_text", "redacted_title", "redacted_restore_trust"])
    for testimony in testimony_model.objects.filter(text__contains="\r").iterator():
        testimony.text = normalise_newlines(testimony.text)
        testimony.title = normalise_newlines(testimony.title)
        testimony.restore_trust = normalise_newlines(testimony.restore_trust)
        testimony.save(update_fields=["text", "title", "restore_trust"])


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0005_default_codebook_languages"),
        ("testimonies", "0007_channel_qda_import"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
