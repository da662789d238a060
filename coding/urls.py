from django.urls import path

from coding import views

app_name = "coding"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("stories/<int:testimony_id>/", views.story, name="story"),
    path("stories/<int:testimony_id>/parts/", views.story_parts, name="story_parts"),
    path("stories/<int:testimony_id>/apply/", views.apply, name="apply"),
    path("stories/<int:testimony_id>/blind/", views.blind, name="blind"),
    path("blind/", views.blind, name="blind_mode"),
    path("stories/<int:testimony_id>/complete/", views.complete, name="complete"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application_delete"),
    path("applications/<int:pk>/comment/", views.application_comment, name="application_comment"),
    path(
        "suggestions/<int:pk>/accept/",
        views.suggestion_review,
        {"decision": "accept"},
        name="suggestion_accept",
    ),
    path(
        "suggestions/<int:pk>/reject/",
        views.suggestion_review,
        {"decision": "reject"},
        name="suggestion_reject",
    ),
    path("codebooks/", views.codebooks, name="codebooks"),
    path("codebooks/new/", views.codebook_create, name="codebook_create"),
    path("codebooks/import/", views.codebook_import, name="codebook_import"),
    path("codebooks/<slug:slug>/", views.codebook, name="codebook"),
    path("codebooks/<slug:slug>/codes/new/", views.code_create, name="code_create"),
    path(
        "codebooks/<slug:slug>/export.qdc",
        views.codebook_export,
        {"fmt": "qdc"},
        name="codebook_export_qdc",
    ),
    path(
        "codebooks/<slug:slug>/export.csv",
        views.codebook_export,
        {"fmt": "csv"},
        name="codebook_export_csv",
    ),
    path("codebooks/<slug:slug>/versions/", views.codebook_versions, name="codebook_versions"),
    path(
        "codebooks/<slug:slug>/versions/<int:number>/",
        views.codebook_version,
        name="codebook_version",
    ),
    path("codes/<int:pk>/", views.code_detail, name="code"),
    path("codes/<int:pk>/edit/", views.code_edit, name="code_edit"),
    path("codes/<int:pk>/move/", views.code_move, name="code_move"),
    path("codes/<int:pk>/merge/", views.code_merge, name="code_merge"),
    path("codes/<int:pk>/delete/", views.code_delete, name="code_delete"),
    path("memos/", views.memos, name="memos"),
    path("memos/new/", views.memo_create, name="memo_create"),
    path("memos/<int:pk>/edit/", views.memo_edit, name="memo_edit"),
    path("memos/<int:pk>/delete/", views.memo_delete, name="memo_delete"),
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/disagreements/", views.disagreement_list, name="disagreements"),
    path(
        "agreement/disagreements/<int:testimony_id>/<int:code_id>/",
        views.reconcile,
        name="reconcile",
    ),
]
