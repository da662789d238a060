"""The NLP API's serializers: input (``*CreateSerializer``, ``*UpdateSerializer``) and output."""

from rest_framework import serializers

from core.serializer_fields import StrictIntegerField
from nlp.models import (
    JOB_BATCH_SIZE,
    JOB_MAX_BATCH_SIZE,
    ClassifierVersion,
    LexiconEntry,
    NlpFailure,
    NlpJob,
)


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = NlpJob
        fields = [
            "id", "kind", "status", "filters", "batch_size", "total", "processed", "failed",
            "percent", "created_at", "finished_at",
        ]  # fmt: skip


class JobCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NlpJob.Kind.choices)
    filters = serializers.DictField(required=False, default=dict)
    batch_size = StrictIntegerField(
        required=False, default=JOB_BATCH_SIZE, min_value=1, max_value=JOB_MAX_BATCH_SIZE
    )


class JobProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    filters = serializers.DictField()
    batch_size = serializers.IntegerField()
    total = serializers.IntegerField()
    processed = serializers.IntegerField()
    failed = serializers.IntegerField()
    percent = serializers.IntegerField()
    batches = serializers.DictField(child=serializers.IntegerField())
    created_at = serializers.CharField(allow_null=True)
    finished_at = serializers.CharField(allow_null=True)


class LexiconEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = LexiconEntry
        fields = ["id", "language", "code_key", "kind", "value", "is_active", "source",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["source", "created_at", "updated_at"]
        # NOTE: uniqueness is checked by the service (a clear 400), not by the serializer.
        validators: list = []


class LexiconEntryUpdateSerializer(serializers.Serializer):
    is_active = serializers.BooleanField()


class ClassifierVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassifierVersion
        fields = ["version", "status", "labels", "train_size", "heldout_size", "classifier_f1",
                  "lexicon_f1", "scores", "is_active", "created_at", "finished_at"]  # fmt: skip


class FailureSerializer(serializers.ModelSerializer):
    class Meta:
        model = NlpFailure
        fields = ["id", "task_name", "task_id", "testimony_id", "job", "batch",
                  "exception_type", "location", "retries", "created_at", "resolved_at"]  # fmt: skip
