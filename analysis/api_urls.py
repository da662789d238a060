from django.urls import path

from analysis import apis

urlpatterns = [
    path("analysis/aggregates/<slug:key>/", apis.AggregateApi.as_view(), name="analysis-aggregate"),
    path("analysis/search/", apis.SearchApi.as_view(), name="analysis-search"),
    path("analysis/quotes/", apis.QuotesApi.as_view(), name="analysis-quotes"),
    path("analysis/exports/", apis.ExportListApi.as_view(), name="analysis-exports"),
    path(
        "analysis/exports/<uuid:job_id>/",
        apis.ExportDetailApi.as_view(),
        name="analysis-export-detail",
    ),
    path(
        "analysis/exports/<uuid:job_id>/download/",
        apis.ExportDownloadApi.as_view(),
        name="analysis-export-download",
    ),
]
