from django.urls import path

from coding import apis

app_name = "coding-api"
urlpatterns = [
    path("codebooks/", apis.CodebookListApi.as_view(), name="codebooks"),
    path("codebooks/import/", apis.CodebookImportApi.as_view(), name="codebook-import"),
    path("codebooks/<int:pk>/", apis.CodebookDetailApi.as_view(), name="codebook"),
    path(
        "codebooks/<int:pk>/versions/",
        apis.CodebookVersionListApi.as_view(),
        name="codebook-versions",
    ),
    path("codebooks/<int:pk>/export/", apis.CodebookExportApi.as_view(), name="codebook-export"),
    path("codes/", apis.CodeListApi.as_view(), name="codes"),
    path("codes/<int:pk>/", apis.CodeDetailApi.as_view(), name="code"),
    path("codes/<int:pk>/move/", apis.CodeMoveApi.as_view(), name="code-move"),
    path("codes/<int:pk>/merge/", apis.CodeMergeApi.as_view(), name="code-merge"),
    path("applications/", apis.ApplicationListApi.as_view(), name="applications"),
    path("applications/<int:pk>/", apis.ApplicationDetailApi.as_view(), name="application"),
    path("suggestions/", apis.SuggestionListApi.as_view(), name="suggestions"),
    path(
        "suggestions/<int:pk>/accept/",
        apis.SuggestionAcceptApi.as_view(),
        name="suggestion-accept",
    ),
    path(
        "suggestions/<int:pk>/reject/",
        apis.SuggestionRejectApi.as_view(),
        name="suggestion-reject",
    ),
    path("memos/", apis.MemoListApi.as_view(), name="memos"),
    path("memos/<int:pk>/", apis.MemoDetailApi.as_view(), name="memo"),
    path("agreement/", apis.AgreementApi.as_view(), name="agreement"),
    path(
        "agreement/reconciliations/",
        apis.ReconciliationListApi.as_view(),
        name="reconciliations",
    ),
    path(
        "agreement/disagreements/",
        apis.DisagreementListApi.as_view(),
        name="disagreements",
    ),
]
