from django.urls import path

from testimonies import views

app_name = "testimonies"
urlpatterns = [
    # The participant link printed on an event's QR code: /t/<event submission token>/
    path("t/<str:token>/", views.submit, name="submit"),
    path("withdraw/", views.withdraw, name="withdraw"),
    # The printable receipt, with the code posted from the receipt page.
    # Closing the loop (issue 20): what happened to my story, by code or signed in.
    path("my-story/", views.my_story, name="my_story"),
    path("my-story/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("receipt/print/", views.receipt_print, name="receipt_print"),
    path("consent/<str:language>/v<int:version>/", views.consent_text, name="consent_text"),
    # Signed-in participants: their receipts, withdrawal and data.
    path("my/stories/", views.my_receipts, name="my_receipts"),
    path("my/stories/<uuid:public_id>/", views.my_receipt, name="my_receipt"),
    path("my/stories/<uuid:public_id>/receipt.json", views.my_receipt_json, name="my_receipt_json"),
    path("my/stories/<uuid:public_id>/withdraw/", views.my_withdraw, name="my_withdraw"),
    path("my/stories/<uuid:public_id>/print/", views.my_receipt_print, name="my_receipt_print"),
    path("my/stories/<uuid:public_id>/story/", views.my_story_signed_in, name="my_story_own"),
    path("my/data.json", views.my_data, name="my_data"),
    # Researchers: redacted research copies.
    path("research/stories/", views.research_list, name="research_list"),
    path("research/stories/<uuid:public_id>/", views.research_detail, name="research_detail"),
    path(
        "research/stories/<uuid:public_id>/quote-request/",
        views.quote_request,
        name="quote_request",
    ),
    path("stories/<uuid:public_id>/original/", views.original_text, name="original_text"),
    # Administrators: consent texts and the audit log.
    path("manage/consent-texts/", views.consent_text_admin, name="consent_text_admin"),
    path("manage/consent-texts/<int:pk>/", views.consent_text_edit, name="consent_text_edit"),
    path("manage/original-text-log/", views.original_text_audit, name="original_text_audit"),
    # Facilitators: counts, entry on a participant's behalf, import.
    path("facilitate/stories/", views.facilitator_overview, name="facilitator_overview"),
    path(
        "facilitate/stories/import-template.csv",
        views.facilitator_import_template,
        name="import_template",
    ),
    path(
        "facilitate/events/<int:event_id>/stories/",
        views.facilitator_event,
        name="facilitator_event",
    ),
    path(
        "facilitate/events/<int:event_id>/commitments/<int:pk>/quotes/",
        views.commitment_quotes,
        name="commitment_quotes",
    ),
    path(
        "facilitate/events/<int:event_id>/stories/new/",
        views.facilitator_entry,
        name="facilitator_entry",
    ),
    path(
        "facilitate/events/<int:event_id>/stories/import/",
        views.facilitator_import,
        name="facilitator_import",
    ),
    path(
        "facilitate/events/<int:event_id>/stories/import/codes/<str:token>/",
        views.facilitator_import_codes,
        name="import_codes",
    ),
]
