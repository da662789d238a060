from django.contrib import admin

from nlp.models import (
    ClassifierVersion,
    LexiconEntry,
    NlpFailure,
    NlpJob,
    NlpJobBatch,
    StoryAnalysis,
)


@admin.register(NlpFailure)
class NlpFailureAdmin(admin.ModelAdmin):
    list_display = ("created_at", "task_name", "exception_type", "location", "testimony_id", "job")
    list_filter = ("task_name", "resolved_at")
    search_fields = ("task_name", "exception_type", "task_id")
    readonly_fields = [f.name for f in NlpFailure._meta.fields if f.name != "resolved_at"]
    list_select_related = ("job",)


@admin.register(NlpJob)
class NlpJobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "total", "processed", "failed", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = ("total", "processed", "failed", "created_by", "created_at", "finished_at")


@admin.register(NlpJobBatch)
class NlpJobBatchAdmin(admin.ModelAdmin):
    list_display = ("job", "index", "first_id", "last_id", "size", "status", "attempts")
    list_filter = ("status",)
    list_select_related = ("job",)


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):
    list_display = ("language", "code_key", "kind", "value", "is_active", "source")
    list_filter = ("language", "code_key", "kind", "is_active", "source")
    search_fields = ("value",)


@admin.register(ClassifierVersion)
class ClassifierVersionAdmin(admin.ModelAdmin):
    list_display = ("version", "status", "classifier_f1", "lexicon_f1", "is_active", "created_at")
    exclude = ("model",)
    readonly_fields = ("heldout_ids", "lexicon_revisions")


@admin.register(StoryAnalysis)
class StoryAnalysisAdmin(admin.ModelAdmin):
    list_display = ("testimony_id", "language", "language_confidence", "suggestions", "tagged_at")
    list_filter = ("language",)
    exclude = ("offset_map",)
