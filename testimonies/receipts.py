"""Consent receipts following the Kantara Initiative Consent Receipt Specification v1.1.

Fields that apply to Entendu are filled; ``entendu`` carries what the specification has no field
for (the consent-text hash, the scopes in our own words, the withdrawal state).
"""

from django.conf import settings
from django.urls import reverse

from testimonies.models import Channel, ConsentChange, ConsentMethod, Scope, Testimony

KANTARA_VERSION = "KI-CR-v1.1.0"

COLLECTION_METHODS = {
    ConsentMethod.ONLINE: "Online form opened from the event's link or QR code",
    ConsentMethod.PAPER: "Paper consent form, entered by a facilitator who witnessed it",
    ConsentMethod.SPOKEN: "Spoken consent, entered by a facilitator who witnessed it",
    ConsentMethod.IMPORTED: "Survey tool with consent questions, imported in bulk",
}

PURPOSES = {
    Scope.RESEARCH: ("Store and analyse the story for research", ["Research"], True),
    Scope.QUOTE_ANONYMOUS: ("Quote the story anonymously in reports", ["Publication"], False),
    Scope.QUOTE_NAMED: (
        "Quote the story with first name and country in reports",
        ["Publication"],
        False,
    ),
    Scope.QUOTE_ASK: ("Ask the participant before each quote", ["Publication"], False),
    Scope.GENDER: ("Analyse the story by self-identified gender", ["Research"], False),
    Scope.AGE_BAND: ("Analyse the story by age band", ["Research"], False),
    Scope.ETHNIC_MINORITY: ("Analyse the story by ethnic minority status", ["Research"], False),
    Scope.DISABILITY: ("Analyse the story by disability status", ["Research"], False),
    Scope.LGBTQ: ("Analyse the story by LGBTQ+ status", ["Research"], False),
    Scope.CONTACT: ("Contact the participant for follow-up", ["Contacting the person"], False),
    Scope.VOICE_KEEP: (
        "Keep the recording after the transcript is confirmed",
        ["Research"],
        False,
    ),
    Scope.VOICE_LISTEN: ("Let researchers listen to the recording", ["Research"], False),
}
PII_CATEGORIES = {
    Scope.RESEARCH: ["Free-text testimony", "Survey answers"],
    Scope.QUOTE_ANONYMOUS: ["Free-text testimony"],
    Scope.QUOTE_NAMED: ["Free-text testimony", "First name", "Country"],
    Scope.QUOTE_ASK: ["Free-text testimony"],
    Scope.GENDER: ["Gender"],
    Scope.AGE_BAND: ["Age band"],
    Scope.ETHNIC_MINORITY: ["Ethnic minority status"],
    Scope.DISABILITY: ["Disability status"],
    Scope.LGBTQ: ["Sexual orientation or gender identity"],
    Scope.CONTACT: ["Name", "E-mail address", "Phone number"],
    Scope.VOICE_KEEP: ["Voice recording"],
    Scope.VOICE_LISTEN: ["Voice recording"],
}
SENSITIVE_CATEGORIES = [
    "Health",
    "Racial or ethnic origin",
    "Sex life or sexual orientation",
]


def testimony_receipt(*, testimony: Testimony, request=None, just_saved: bool = False) -> dict:
    """The receipt of one story as a JSON-serialisable dict. Holds no story text and no code.

    ``just_saved``: the story was saved by this very request, so no quote has been asked of it
    yet and its quote decisions are not read (a query less on every story's receipt)."""
    consent_text = testimony.consent_text
    policy_path = reverse(
        "testimonies:consent_text",
        kwargs={"language": consent_text.language, "version": consent_text.version},
    )
    scopes = [Scope(s) for s in Scope.values if getattr(testimony, f"scope_{s}")]
    granted = scopes if testimony.is_active else []
    principal = "anonymous"
    if testimony.participant_id and testimony.participant is not None:
        principal = testimony.participant.email
    return {
        "version": KANTARA_VERSION,
        "jurisdiction": str(testimony.event.country),
        "consentTimestamp": int(testimony.consent_given_at.timestamp()),
        "collectionMethod": COLLECTION_METHODS.get(testimony.consent_method, ""),
        "consentReceiptID": str(testimony.public_id),
        "language": consent_text.language,
        "piiPrincipalId": principal,
        "piiControllers": [_controller()],
        "policyUrl": request.build_absolute_uri(policy_path) if request else policy_path,
        "services": [
            {
                "service": f"Entendu inclusive dialogues: {testimony.event.title}",
                "purposes": [_purpose(scope) for scope in granted],
            }
        ],
        "sensitive": True,
        "spiCat": SENSITIVE_CATEGORIES,
        "entendu": _entendu_extension(testimony, granted, just_saved=just_saved),
    }


def _controller() -> dict:
    controller = settings.ENTENDU_CONTROLLER
    return {
        "piiController": controller["name"],
        "contact": controller["contact"],
        "email": controller["contact"],
        "onBehalf": False,
    }


def _purpose(scope: Scope) -> dict:
    return {
        "purpose": PURPOSES[scope][0],
        "purposeCategory": PURPOSES[scope][1],
        "consentType": "EXPLICIT",
        "piiCategory": PII_CATEGORIES[scope],
        "primaryPurpose": PURPOSES[scope][2],
        "termination": "Until withdrawn by the participant",
        "thirdPartyDisclosure": False,
    }


def _entendu_extension(testimony: Testimony, granted: list[Scope], *, just_saved: bool) -> dict:
    """Entendu's own fields beside the Kantara ones: what a participant needs to check."""
    consent_text = testimony.consent_text
    return {
        "consentText": {
            "language": consent_text.language,
            "version": consent_text.version,
            "sha256": consent_text.sha256,
        },
        "scopes": [s.value for s in granted],
        "channel": testimony.channel,
        "enteredByFacilitator": testimony.channel == Channel.FACILITATOR,
        "event": {"title": testimony.event.title, "country": str(testimony.event.country)},
        "submittedAt": testimony.submitted_at.isoformat(),
        "status": testimony.status,
        "withdrawnAt": testimony.withdrawn_at.isoformat() if testimony.withdrawn_at else None,
        # Each quote request and answer is a consent change (issue 20): what, by whom, when.
        "quoteDecisions": [] if just_saved else _quote_decisions(testimony),
    }


def _quote_decisions(testimony: Testimony) -> list[dict]:
    return [
        {"kind": c.kind, "by": c.actor, "request": c.scopes, "at": c.at.isoformat()}
        for c in testimony.changes.filter(kind__in=QUOTE_KINDS).order_by("at", "id")
    ]


QUOTE_KINDS = (
    ConsentChange.Kind.QUOTE_REQUESTED,
    ConsentChange.Kind.QUOTE_APPROVED,
    ConsentChange.Kind.QUOTE_DECLINED,
)
