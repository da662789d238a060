import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_guids(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    for code in Code.objects.filter(guid__isnull=True).only("id"):
        Code.objects.filter(pk=code.pk).update(guid=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("coding", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="codebook",
            options={
                "ordering": ["-is_default", "name"],
                "permissions": [
                    ("manage_codebook", "Can add, rename, move, merge and import codes")
                ],
                "verbose_name": "codebook",
                "verbose_name_plural": "codebooks",
            },
        ),
        migrations.AddField(
            model_name="code",
            name="guid",
            field=models.UUIDField(null=True, verbose_name="REFI-QDA identifier"),
        ),
        migrations.RunPython(fill_guids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="code",
            name="guid",
            field=models.UUIDField(
                default=uuid.uuid4, unique=True, verbose_name="REFI-QDA identifier"
            ),
        ),
        migrations.AddField(
            model_name="code",
            name="is_exclusive_group",
            field=models.BooleanField(
                default=False,
                help_text="A coder chooses at most one of its sub-codes for a story",
                verbose_name="sub-codes are mutually exclusive",
            ),
        ),
        migrations.AddField(
            model_name="code",
            name="is_archived",
            field=models.BooleanField(default=False, verbose_name="archived"),
        ),
        migrations.AddField(
            model_name="code",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="merged_codes",
                to="coding.code",
                verbose_name="merged into",
            ),
        ),
        migrations.AddField(
            model_name="code",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="code",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("id")), _negated=True),
                name="code_not_its_own_parent",
            ),
        ),
        migrations.AddIndex(
            model_name="code",
            index=models.Index(
                fields=["codebook", "parent", "position"], name="coding_code_codeboo_15e8fa_idx"
            ),
        ),
        migrations.CreateModel(
            name="CodebookVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                ("summary", models.CharField(max_length=300, verbose_name="change")),
                ("snapshot", models.JSONField(default=dict, verbose_name="snapshot")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "codebook",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="coding.codebook",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "codebook version",
                "verbose_name_plural": "codebook versions",
                "ordering": ["codebook", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("codebook", "number"), name="codebook_version_unique"
                    )
                ],
            },
        ),
    ]
