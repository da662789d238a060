"""Idempotency keys bound to the caller (issue 14, point 1).

``submission_key_hash`` was SHA-256(key); it becomes SHA-256("entendu-submission:<scope>:" +
SHA-256(key)), where the scope is who sent the key (``services.submission_caller_scope``). The
data step rewrites every existing hash with the scope read from its row (an import; else the
participant's account; else the facilitator who entered it; else the anonymous form), so
**existing rows keep working for their owner**: a retry by the same caller still finds its
story (and its withdrawal code, through the legacy derivation), while another caller holding
the key no longer matches it. Rows saved before this migration have no payload hash, so a
retry with another payload returns the first story instead of a conflict.
"""

import hashlib

from django.db import migrations, models


def _scope(row) -> str:
    if row.channel == "import":
        return "import"
    if row.participant_id is not None:
        return f"user:{row.participant_id}"
    if row.entered_by_id is not None:
        return f"user:{row.entered_by_id}"
    return "anonymous"


def rehash_keys(apps, schema_editor):
    Testimony = apps.get_model("testimonies", "Testimony")
    rows = Testimony.objects.filter(submission_key_hash__isnull=False).only(
        "pk", "channel", "participant_id", "entered_by_id", "submission_key_hash"
    )
    for row in rows.iterator(chunk_size=500):
        message = f"entendu-submission:{_scope(row)}:{row.submission_key_hash}"
        row.submission_key_hash = hashlib.sha256(message.encode("utf-8")).hexdigest()
        row.save(update_fields=["submission_key_hash"])


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0005_withdrawal_id")]

    operations = [
        migrations.AddField(
            model_name="testimony",
            name="submission_payload_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True),
        ),
        # NOTE: not reversible: the old hash is not kept (the new one is derived from it).
        migrations.RunPython(rehash_keys, migrations.RunPython.noop),
    ]
