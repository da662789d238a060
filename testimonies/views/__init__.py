"""Web pages: the participant flow (consent, story, receipt, withdrawal), participants' own
receipts and data, researchers' redacted copies, facilitators' counts, entry and import, and
administrators' consent texts and audit log. Every view is importable from
``testimonies.views``."""

from testimonies.views.administration import (
    consent_text_admin,
    consent_text_edit,
    original_text_audit,
)
from testimonies.views.facilitators import (
    facilitator_entry,
    facilitator_event,
    facilitator_import,
    facilitator_import_codes,
    facilitator_import_template,
    facilitator_overview,
)
from testimonies.views.loop import (
    commitment_quotes,
    my_story,
    my_story_signed_in,
    quote_request,
    unsubscribe,
)
from testimonies.views.mine import my_data, my_receipt, my_receipt_json, my_receipts
from testimonies.views.participant import consent_text, submit
from testimonies.views.printing import my_receipt_print, receipt_print
from testimonies.views.research import original_text, research_detail, research_list
from testimonies.views.withdrawal import my_withdraw, withdraw

__all__ = [
    "commitment_quotes",
    "my_story",
    "my_story_signed_in",
    "quote_request",
    "unsubscribe",
    "consent_text",
    "consent_text_admin",
    "consent_text_edit",
    "facilitator_entry",
    "facilitator_event",
    "facilitator_import",
    "facilitator_import_codes",
    "facilitator_import_template",
    "facilitator_overview",
    "my_data",
    "my_receipt",
    "my_receipt_json",
    "my_receipt_print",
    "my_receipts",
    "my_withdraw",
    "original_text",
    "original_text_audit",
    "receipt_print",
    "research_detail",
    "research_list",
    "submit",
    "withdraw",
]
