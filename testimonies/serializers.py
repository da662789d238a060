from rest_framework import serializers

from core.serializer_fields import StrictIntegerField
from testimonies.models import (
    RESTORE_TRUST_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgeBand,
    ConsentMethod,
    Consequence,
    Gender,
    Reason,
    Scope,
    TrustAffected,
    YesNo,
)


class CharacteristicsSerializer(serializers.Serializer):
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False, allow_blank=True)
    ethnic_minority = serializers.ChoiceField(
        choices=YesNo.choices, required=False, allow_blank=True
    )
    disability = serializers.ChoiceField(choices=YesNo.choices, required=False, allow_blank=True)
    lgbtq = serializers.ChoiceField(choices=YesNo.choices, required=False, allow_blank=True)


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)


class TestimonyCreateSerializer(serializers.Serializer):
    """A story and its consent in one request. Give ``event_token`` (the participant link's
    token) or, as a facilitator of the event, ``event`` with ``consent_method``."""

    event_token = serializers.CharField(required=False, max_length=64)
    event = StrictIntegerField(required=False, help_text="Facilitators: the event id.")
    consent_method = serializers.ChoiceField(
        choices=[ConsentMethod.PAPER, ConsentMethod.SPOKEN],
        required=False,
        help_text="Facilitators only: how the participant gave consent.",
    )
    consent_language = serializers.CharField(max_length=16)
    consent_version = StrictIntegerField(min_value=1)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Scope.choices), allow_empty=True
    )
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=TITLE_MAX_LENGTH)
    language = serializers.CharField(required=False, allow_blank=True, max_length=16)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    trust_affected = serializers.ChoiceField(
        choices=TrustAffected.choices, required=False, allow_blank=True
    )
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=Reason.choices), required=False
    )
    consequences = serializers.ListField(
        child=serializers.ChoiceField(choices=Consequence.choices), required=False
    )
    restore_trust = serializers.CharField(
        required=False, allow_blank=True, max_length=RESTORE_TRUST_MAX_LENGTH
    )
    characteristics = CharacteristicsSerializer(required=False)
    contact = ContactSerializer(required=False)
    submission_key = serializers.CharField(
        required=False,
        max_length=128,
        help_text="Idempotency key (32+ URL-safe random characters), bound to the caller: a "
        "retry by the same caller with the same key and body returns the story already saved; "
        "the same key with another body is a 409; another caller's key matches nothing. The "
        "Idempotency-Key header works too.",
    )

    def draft_answers(self) -> dict:
        """The story and survey fields, named as ``SubmissionDraft`` names them."""
        data = self.validated_data
        return {
            "scopes": data["scopes"],
            "text": data["text"],
            "title": data.get("title", ""),
            "declared_language": data.get("language", ""),
            "first_name": data.get("first_name", ""),
            "trust_affected": data.get("trust_affected", ""),
            "reasons": data.get("reasons", []),
            "consequences": data.get("consequences", []),
            "restore_trust": data.get("restore_trust", ""),
            "characteristics": dict(data.get("characteristics") or {}),
            "contact": dict(data.get("contact") or {}),
        }

    def validate(self, attrs):
        if not attrs.get("event_token") and not attrs.get("event"):
            raise serializers.ValidationError({"event_token": "Give event_token or event."})
        return attrs


class ReceiptSerializer(serializers.Serializer):
    """A Kantara Consent Receipt v1.1 (fields that apply) plus Entendu's extension."""

    version = serializers.CharField()
    jurisdiction = serializers.CharField()
    consentTimestamp = serializers.IntegerField()  # noqa: N815
    collectionMethod = serializers.CharField()  # noqa: N815
    consentReceiptID = serializers.CharField()  # noqa: N815
    language = serializers.CharField()
    piiPrincipalId = serializers.CharField()  # noqa: N815
    piiControllers = serializers.ListField(child=serializers.DictField())  # noqa: N815
    policyUrl = serializers.CharField()  # noqa: N815
    services = serializers.ListField(child=serializers.DictField())
    sensitive = serializers.BooleanField()
    spiCat = serializers.ListField(child=serializers.CharField())  # noqa: N815
    entendu = serializers.DictField()


class SubmissionResultSerializer(serializers.Serializer):
    receipt = ReceiptSerializer()
    withdrawal_code = serializers.CharField(
        help_text="Shown once; keep it to withdraw later. Only its hash is stored."
    )
    created = serializers.BooleanField()


class WithdrawalSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)
    everything = serializers.BooleanField(default=False)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Scope.choices), required=False, default=list
    )

    def validate(self, attrs):
        if not attrs["everything"] and not attrs["scopes"]:
            raise serializers.ValidationError(
                {"scopes": "Give the scopes to withdraw, or everything=true."}
            )
        return attrs


class WithdrawalResultSerializer(serializers.Serializer):
    status = serializers.CharField()
    scopes = serializers.ListField(child=serializers.CharField())


class ResearchCopySerializer(serializers.Serializer):
    """Redacted text only: no original text, no contact, no characteristics."""

    id = serializers.UUIDField(source="testimony.public_id")
    event = serializers.SlugField(source="testimony.event.slug")
    submitted_at = serializers.DateTimeField(source="testimony.submitted_at")
    language = serializers.CharField()
    language_confidence = serializers.FloatField(allow_null=True)
    redacted_title = serializers.CharField()
    redacted_text = serializers.CharField()
    redacted_restore_trust = serializers.CharField()
    redaction_method = serializers.CharField()
    redaction_version = serializers.CharField()
    trust_affected = serializers.CharField(source="testimony.trust_affected")
    reasons = serializers.ListField(source="testimony.reasons", child=serializers.CharField())
    consequences = serializers.ListField(
        source="testimony.consequences", child=serializers.CharField()
    )
    may_quote_anonymously = serializers.BooleanField(source="testimony.scope_quote_anonymous")
    may_quote_with_first_name = serializers.BooleanField(source="testimony.scope_quote_named")
    characteristics = serializers.SerializerMethodField(
        help_text="Self-identified characteristics the participant chose to share (each only "
        "with its own consent; withdrawn ones are gone)."
    )

    def get_characteristics(self, copy) -> dict[str, str]:
        chars = getattr(copy.testimony, "characteristics", None)
        if chars is None:
            return {}
        fields = ("gender", "age_band", "ethnic_minority", "disability", "lgbtq")
        return {name: getattr(chars, name) for name in fields if getattr(chars, name)}


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    by_language = serializers.DictField(child=serializers.IntegerField())
    by_scope = serializers.DictField(child=serializers.IntegerField())
    by_theme = serializers.DictField(child=serializers.IntegerField())


class ConsentTextSerializer(serializers.Serializer):
    language = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    sha256 = serializers.CharField()
