"""NLP records: per-story analysis, editable lexicons, classifier versions, bulk jobs, failures.

Story text never lands here: an analysis keeps the language, counts and the offset map of the
redaction (positions and types, not the identifiers), and failures keep an exception type and a
code location, never a message that could quote a story.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StoryAnalysis(models.Model):
    """What the NLP pipeline found for one story (erased with the story on withdrawal)."""

    testimony = models.OneToOneField(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="nlp_analysis"
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    language_confidence = models.FloatField(_("language confidence"), null=True, blank=True)
    language_method = models.CharField(_("language method"), max_length=16, blank=True)
    redaction_counts = models.JSONField(_("identifiers redacted"), default=dict, blank=True)
    # [[start, end, label, new_start, new_end], ...]: original -> research copy offsets.
    offset_map = models.JSONField(default=list, blank=True)
    pipeline_version = models.CharField(_("pipeline"), max_length=64, blank=True)
    themes_version = models.CharField(_("theme model"), max_length=64, blank=True)
    suggestions = models.PositiveIntegerField(_("suggestions"), default=0)
    analysed_at = models.DateTimeField(_("redacted at"), null=True, blank=True)
    tagged_at = models.DateTimeField(_("tagged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("story analysis")
        verbose_name_plural = _("story analyses")
        constraints = [
            models.CheckConstraint(
                condition=Q(language_confidence__isnull=True)
                | (Q(language_confidence__gte=0) & Q(language_confidence__lte=1)),
                name="nlp_analysis_confidence_range",
            )
        ]
        indexes = [models.Index(fields=["language"]), models.Index(fields=["tagged_at"])]

    def __str__(self) -> str:
        return f"analysis of {self.testimony_id}"


class StoryEmbedding(models.Model):
    """One story's research copy as a multilingual sentence vector (``nlp.embeddings``).

    Made from the redacted research copy, never the original. Powers the classifier layer and
    "similar stories" on the coding screen. Erased with the story on full withdrawal
    (``nlp.services.erasure``), and removed when the research consent is narrowed away.
    """

    testimony = models.OneToOneField(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="nlp_embedding"
    )
    model_name = models.CharField(_("embedding model"), max_length=64)
    # float16 x 384, L2-normalised (nlp.embeddings.to_bytes).
    vector = models.BinaryField(editable=False)
    language = models.CharField(_("language"), max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("story embedding")
        verbose_name_plural = _("story embeddings")
        indexes = [models.Index(fields=["model_name", "testimony"])]

    def __str__(self) -> str:
        return f"embedding of {self.testimony_id}"


class LexiconEntry(models.Model):
    """One term (or Matcher pattern) that points to a code, in one language.

    Seeded from ``nlp/lexicons/<lang>.json``; researchers add, disable and remove entries in the
    UI. Terms match on lemmas where the language's pipeline has a lemmatizer, and on lower-case
    forms everywhere.
    """

    class Kind(models.TextChoices):
        TERM = "term", _("Term or phrase")
        PATTERN = "pattern", _("Token pattern (JSON)")

    class Source(models.TextChoices):
        SEED = "seed", _("Shipped lexicon")
        RESEARCHER = "researcher", _("Researcher")

    language = models.CharField(_("language"), max_length=8)
    code_key = models.SlugField(_("code"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TERM)
    value = models.CharField(_("term"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.RESEARCHER
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lexicon entry")
        verbose_name_plural = _("lexicon entries")
        ordering = ["language", "code_key", "kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "code_key", "kind", "value"], name="nlp_lexicon_entry_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "is_active"])]

    def __str__(self) -> str:
        return f"{self.language}:{self.code_key}:{self.value}"


class LexiconRevision(models.Model):
    """A counter per language, bumped by every lexicon change: workers rebuild on a new one."""

    language = models.CharField(max_length=8, unique=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lexicon revision")
        verbose_name_plural = _("lexicon revisions")

    def __str__(self) -> str:
        return f"{self.language} r{self.revision}"


class ClassifierVersion(models.Model):
    """A ``textcat_multilabel`` model trained from researchers' decisions.

    Used for suggestions only while ``is_active``: its held-out micro-F1 beat the lexicon
    layer's on the same held-out stories.
    """

    class Status(models.TextChoices):
        TRAINING = "training", _("Training")
        READY = "ready", _("Ready")
        NOT_ENOUGH_DATA = "not_enough", _("Not enough decisions yet")
        FAILED = "failed", _("Failed")

    version = models.PositiveIntegerField(_("version"), unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TRAINING
    )
    labels = models.JSONField(_("codes"), default=list, blank=True)
    train_size = models.PositiveIntegerField(_("training stories"), default=0)
    heldout_size = models.PositiveIntegerField(_("held-out stories"), default=0)
    classifier_f1 = models.FloatField(_("classifier F1 (held out)"), null=True, blank=True)
    lexicon_f1 = models.FloatField(_("lexicon F1 (held out)"), null=True, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    heldout_ids = models.JSONField(default=list, blank=True, editable=False)
    lexicon_revisions = models.JSONField(default=dict, blank=True, editable=False)
    is_active = models.BooleanField(_("in use"), default=False)
    model = models.BinaryField(null=True, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, default="textcat")
    # Languages where this version beat the lexicon on its held-out stories: it suggests there
    # only (the lexicon keeps the others).
    languages_in_use = models.JSONField(_("languages in use"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("classifier version")
        verbose_name_plural = _("classifier versions")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="nlp_one_active_classifier"
            ),
            models.CheckConstraint(
                condition=Q(is_active=False) | Q(status="ready"), name="nlp_active_is_ready"
            ),
        ]

    def __str__(self) -> str:
        return f"textcat v{self.version}"

    @property
    def model_version(self) -> str:
        return f"textcat-v{self.version}"


# Stories per job batch (one task each). NOTE: a batch of 256 keeps the per-task costs (queue,
# reads, bookkeeping, commits) small beside the spaCy time, and still reports progress every few
# seconds per worker (bench/nlp_throughput.py --batch-size compares sizes).
JOB_BATCH_SIZE = 256
JOB_MAX_BATCH_SIZE = 1000


class NlpJob(models.Model):
    """A bulk run over all stories or a filtered set, in batches (resumable)."""

    class Kind(models.TextChoices):
        RETAG = "retag", _("Suggest themes again")
        ANALYSE = "analyse", _("Language, redaction and themes")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.RETAG)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNING
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    batch_size = models.PositiveIntegerField(_("batch size"), default=JOB_BATCH_SIZE)
    total = models.PositiveIntegerField(_("stories"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("NLP job")
        verbose_name_plural = _("NLP jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(batch_size__gte=1) & Q(batch_size__lte=JOB_MAX_BATCH_SIZE),
                name="nlp_job_batch_size",
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * (self.processed + self.failed) / self.total))


class NlpJobBatch(models.Model):
    """A contiguous slice of a job's stories (by id), processed by one task with ``nlp.pipe``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.ForeignKey(NlpJob, on_delete=models.CASCADE, related_name="batches")
    index = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    size = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("NLP job batch")
        verbose_name_plural = _("NLP job batches")
        ordering = ["job", "index"]
        constraints = [
            models.UniqueConstraint(fields=["job", "index"], name="nlp_batch_index_unique"),
            models.CheckConstraint(
                condition=Q(last_id__gte=models.F("first_id")), name="nlp_batch_range"
            ),
        ]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self) -> str:
        return f"job {self.job_id} batch {self.index}"


class NlpFailure(models.Model):
    """A task that failed for good (not a transient error being retried), for admins."""

    task_name = models.CharField(_("task"), max_length=100)
    task_id = models.CharField(max_length=64, blank=True)
    # NOTE: a plain id, not a foreign key: a failure about a story that is later erased is
    # deleted by the erasure hook, and failures about no story (training) have none.
    testimony_id = models.BigIntegerField(_("story id"), null=True, blank=True, db_index=True)
    job = models.ForeignKey(
        NlpJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="failures"
    )
    batch = models.ForeignKey(
        NlpJobBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="failures"
    )
    exception_type = models.CharField(_("error"), max_length=200)
    # SECURITY: where it failed (file, line, function), never the message: it could quote text.
    location = models.CharField(_("where"), max_length=300, blank=True)
    retries = models.PositiveIntegerField(_("retries"), default=0)
    created_at = models.DateTimeField(_("failed at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("NLP failure")
        verbose_name_plural = _("NLP failures")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["resolved_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.task_name}: {self.exception_type}"
