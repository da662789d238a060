import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """An export of a selection, built in the background for large selections.

    SECURITY: the file is private: it lives under MEDIA_ROOT/exports/ with an unguessable name,
    is served only to the user who asked for it (analysis.views.export_download), and is deleted
    once downloaded files are older than ``ENTENDU_EXPORT_RETENTION_HOURS``. The selection is
    read when the job runs, so consent withdrawn before that is honoured.
    """

    class Dataset(models.TextChoices):
        STORIES = "stories", _("Research copies")
        CODES = "codes", _("Codebook")
        APPLICATIONS = "applications", _("Code applications")
        CHARACTERISTICS = "characteristics", _("Characteristics")
        PROJECT = "project", _("REFI-QDA project")
        QUOTES = "quotes", _("Quote sheet")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        QDPX = "qdpx", "REFI-QDA (.qdpx)"
        DOCX = "docx", "DOCX"
        HTML = "html", "HTML"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    dataset = models.CharField(_("data"), max_length=16, choices=Dataset.choices)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]
        permissions = [
            (
                "export_characteristics",
                _("Can export self-identified characteristics with stories"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processed__lte=models.F("total")) | models.Q(total=0),
                name="export_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed / self.total) if self.total else 0


class StoryCodeSet(models.Model):
    """Each coded story's accepted codes, kept by PostgreSQL triggers (migration 0003).

    Read-only from Django: the triggers on coding_codeapplication write it. PostgreSQL only;
    on SQLite the table does not exist and the selectors read the applications instead.
    """

    testimony = models.OneToOneField(
        "testimonies.Testimony",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="analysis_code_set",
    )
    code_ids = ArrayField(models.BigIntegerField(), default=list)

    class Meta:
        managed = False
        db_table = "analysis_storycodeset"

    def __str__(self) -> str:
        return f"Codes of {self.testimony_id}"


class DashboardRollup(models.Model):
    """Stories open to research counted per combination of what the dashboards group and
    filter on, kept exact by PostgreSQL triggers (migration 0008); ``n`` stories each.

    Read-only from Django. PostgreSQL only; on SQLite the dashboards read the stories.
    """

    day = models.DateField()  # of submission, UTC
    event = models.ForeignKey(
        "events.Event", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    language = models.CharField(max_length=16)  # detected, else declared
    # The population groups' flags, in the order of analysis.aggregates.GROUPS.
    f0 = models.SmallIntegerField(null=True)
    f1 = models.SmallIntegerField(null=True)
    f2 = models.SmallIntegerField(null=True)
    f3 = models.SmallIntegerField(null=True)
    f4 = models.SmallIntegerField(null=True)
    trust = models.CharField(max_length=16)
    code_ids = ArrayField(models.BigIntegerField(), default=list)
    n = models.IntegerField()

    class Meta:
        managed = False
        db_table = "analysis_dashboardrollup"

    def __str__(self) -> str:
        return f"{self.n} stories of {self.day}"


class MonthRollup(models.Model):
    """Stories open to research counted per month, event, language and set of top-level codes
    (the themes they touch), and what a subclass adds, kept by the triggers of migration 0008."""

    month = models.DateField()  # the first day of the month of submission, UTC
    event = models.ForeignKey(
        "events.Event", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    language = models.CharField(max_length=16)
    root_ids = ArrayField(models.BigIntegerField(), default=list)
    n = models.IntegerField()

    class Meta:
        abstract = True
        managed = False

    def __str__(self) -> str:
        return f"{self.n} stories of {self.month:%Y-%m}"


class ThemeRollup(MonthRollup):
    """Migration 0008's small roll-up, much smaller than ``DashboardRollup``: what the theme
    charts read when they ask nothing finer."""

    class Meta(MonthRollup.Meta):
        db_table = "analysis_themerollup"


class GroupRollup(MonthRollup):
    """Also per whether the story is inside each population group (migration 0009): what the
    theme charts by population group read ("outside" and "unknown" count as one)."""

    # Inside each population group, in the order of analysis.aggregates.GROUPS.
    f0 = models.BooleanField()
    f1 = models.BooleanField()
    f2 = models.BooleanField()
    f3 = models.BooleanField()
    f4 = models.BooleanField()

    class Meta(MonthRollup.Meta):
        db_table = "analysis_grouprollup"


class AgreementRollup(models.Model):
    """Stories open to research with an own reading (a theme ticked) and an accepted code,
    counted per (own reading's theme keys, code set), kept by the same triggers (migration
    0009): what ``programme.own_reading_agreement`` counts."""

    own_themes = ArrayField(models.TextField(), default=list)  # sorted, each once
    code_ids = ArrayField(models.BigIntegerField(), default=list)
    n = models.IntegerField()

    class Meta:
        managed = False
        db_table = "analysis_agreementrollup"

    def __str__(self) -> str:
        return f"{self.n} stories"
