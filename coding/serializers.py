from rest_framework import serializers

from coding.models import Code, CodeApplication, Codebook, CodebookVersion, Memo
from core.serializer_fields import StrictIntegerField


class CodebookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Codebook
        fields = ["id", "name", "slug", "description", "is_default", "created_at", "updated_at"]
        read_only_fields = ["slug", "is_default", "created_at", "updated_at"]


class CodebookVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.StringRelatedField()

    class Meta:
        model = CodebookVersion
        fields = ["number", "summary", "snapshot", "created_by", "created_at"]


class CodeTextsSerializer(serializers.Serializer):
    """A code's texts in one language (every field optional except the English label)."""

    label = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    inclusion_criteria = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    exclusion_criteria = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    example = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class TranslationsField(serializers.DictField):
    """Input checked per language by ``CodeTextsSerializer``; output as stored (only the texts a
    language has)."""

    def to_representation(self, value):
        return value


class CodeSerializer(serializers.ModelSerializer):
    """``translations``: ``{language: {label, description, inclusion_criteria,
    exclusion_criteria, example}}``, English required. ``label`` and ``description`` are in the
    language asked for (``?language=``, default the reader's), or English when that language has
    none (``label_is_fallback``)."""

    translations = TranslationsField(child=CodeTextsSerializer(allow_null=True))
    label = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    label_is_fallback = serializers.SerializerMethodField()

    class Meta:
        model = Code
        fields = [
            "id",
            "codebook",
            "parent",
            "key",
            "guid",
            "translations",
            "label",
            "description",
            "label_is_fallback",
            "colour",
            "is_codable",
            "is_exclusive_group",
            "position",
            "is_archived",
            "merged_into",
        ]
        read_only_fields = ["guid", "position", "is_archived", "merged_into"]
        extra_kwargs = {"key": {"required": False}}
        # NOTE: the service checks uniqueness, the tree and the translations; the serializer only
        # checks types.
        validators: list = []

    def get_label(self, code: Code) -> str:
        return code.text("label").text

    def get_description(self, code: Code) -> str:
        return code.text("description").text

    def get_label_is_fallback(self, code: Code) -> bool:
        return code.text("label").is_fallback


class CodeUpdateSerializer(CodeSerializer):
    class Meta(CodeSerializer.Meta):
        read_only_fields = [
            "codebook",
            "parent",
            "guid",
            "position",
            "is_archived",
            "merged_into",
        ]


class CodeMoveSerializer(serializers.Serializer):
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Code.objects.filter(is_archived=False), allow_null=True
    )
    position = StrictIntegerField(min_value=1, required=False, allow_null=True)


class CodeMergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Code.objects.filter(is_archived=False))


class ApplicationSerializer(serializers.ModelSerializer):
    """Offsets count Unicode code points of the research copy; ``end`` is exclusive; both null
    for a document-level application."""

    story = serializers.IntegerField(source="testimony_id", read_only=True)
    coder = serializers.PrimaryKeyRelatedField(read_only=True)
    coder_name = serializers.SerializerMethodField()

    class Meta:
        model = CodeApplication
        fields = [
            "id",
            "story",
            "code",
            "coder",
            "coder_name",
            "source",
            "status",
            "start",
            "end",
            "comment",
            "confidence",
            "model_version",
            "evidence_start",
            "evidence_end",
            "suggestion",
            "reviewed_by",
            "reviewed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_coder_name(self, obj) -> str | None:
        return str(obj.coder) if obj.coder_id else None


class ApplicationCreateSerializer(serializers.Serializer):
    story = StrictIntegerField(help_text="The story's id (testimony id)")
    code = StrictIntegerField()
    start = StrictIntegerField(required=False, allow_null=True, min_value=0)
    end = StrictIntegerField(required=False, allow_null=True, min_value=0)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ApplicationUpdateSerializer(serializers.Serializer):
    comment = serializers.CharField(allow_blank=True, max_length=2000)


class SuggestionReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SuggestionAcceptSerializer(SuggestionReviewSerializer):
    scope = serializers.ChoiceField(
        choices=[("passage", "passage"), ("story", "story")],
        required=False,
        help_text=(
            "passage: the passage the suggestion rests on (its span, else its evidence); "
            "story: the whole story. Default: the passage where there is one."
        ),
    )


class MemoSerializer(serializers.ModelSerializer):
    story = StrictIntegerField(
        source="testimony_id", required=False, allow_null=True, help_text="For a story memo"
    )
    author = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Memo
        fields = ["id", "kind", "code", "story", "author", "title", "body", "created_at"]
        read_only_fields = ["kind", "author", "created_at"]
        extra_kwargs = {"code": {"required": False, "allow_null": True}}


class MemoUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20_000)


class PairSerializer(serializers.Serializer):
    coders = serializers.ListField(child=serializers.CharField())
    units = serializers.IntegerField()
    percent_agreement = serializers.FloatField(allow_null=True)
    kappa = serializers.FloatField(allow_null=True)


class CodeAgreementSerializer(serializers.Serializer):
    code = serializers.IntegerField(source="code.id")
    label = serializers.CharField(source="code.label")
    units = serializers.IntegerField()
    coders = serializers.IntegerField()
    percent_agreement = serializers.FloatField(allow_null=True)
    alpha = serializers.FloatField(allow_null=True)
    pairs = PairSerializer(many=True)


class GroupAgreementSerializer(CodeAgreementSerializer):
    members = serializers.SerializerMethodField()

    def get_members(self, obj) -> list[int]:
        return [c.id for c in obj["members"]]


class AgreementReportSerializer(serializers.Serializer):
    codebook = serializers.IntegerField(source="codebook.id")
    stories = serializers.IntegerField()
    rollup = serializers.BooleanField()
    coders = serializers.ListField(child=serializers.CharField())
    codes = CodeAgreementSerializer(many=True)
    groups = GroupAgreementSerializer(many=True)


class DisagreementSerializer(serializers.Serializer):
    story = serializers.IntegerField(source="testimony_id")
    code = serializers.IntegerField(source="code.id")
    label = serializers.CharField(source="code.label")
    present = serializers.ListField(child=serializers.CharField())
    absent = serializers.ListField(child=serializers.CharField())


class ReconciliationSerializer(serializers.Serializer):
    story = serializers.IntegerField(source="testimony_id")
    code = serializers.IntegerField(source="code_id")
    decision = serializers.ChoiceField(choices=["present", "absent"])
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True)
    decided_at = serializers.DateTimeField(read_only=True)
