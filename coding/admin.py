from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coding.models import Code, CodeApplication, Codebook, CodebookVersion, Memo


class CodeInline(admin.TabularInline):
    model = Code
    fk_name = "codebook"
    fields = ["key", "parent", "colour", "is_codable", "position"]
    extra = 0
    show_change_link = True


@admin.register(Codebook)
class CodebookAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_default", "updated_at"]
    inlines = [CodeInline]


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    """``translations`` is edited as JSON; ``Code.clean`` validates it (English label required)."""

    list_display = [
        "label",
        "languages",
        "key",
        "codebook",
        "parent",
        "is_codable",
        "is_archived",
    ]
    list_filter = ["codebook", "is_codable", "is_archived"]
    list_select_related = ["codebook", "parent"]
    search_fields = ["translations", "key"]
    raw_id_fields = ["parent", "merged_into"]

    @admin.display(description=_("languages"))
    def languages(self, obj: Code) -> str:
        return ", ".join(sorted(obj.translations or {}))


@admin.register(CodebookVersion)
class CodebookVersionAdmin(admin.ModelAdmin):
    list_display = ["codebook", "number", "summary", "created_by", "created_at"]
    list_select_related = ["codebook", "created_by"]
    readonly_fields = ["codebook", "number", "summary", "snapshot", "created_by", "created_at"]


@admin.register(CodeApplication)
class CodeApplicationAdmin(admin.ModelAdmin):
    """Offsets and provenance only: the story's text is never shown here."""

    list_display = ["id", "testimony_id", "code", "source", "status", "coder", "start", "end"]
    list_filter = ["source", "status"]
    list_select_related = ["code", "coder"]
    raw_id_fields = ["testimony", "code", "coder", "suggestion", "reviewed_by"]


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "author", "updated_at"]
    list_filter = ["kind"]
    list_select_related = ["author"]
    raw_id_fields = ["code", "testimony", "author"]
