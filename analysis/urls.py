from django.urls import path

from analysis import views, views_qdpx

app_name = "analysis"
urlpatterns = [
    path("", views.themes, name="themes"),
    path("time/", views.timeline, name="timeline"),
    path("cooccurrence/", views.cooccurrence, name="cooccurrence"),
    path("trust/", views.trust, name="trust"),
    path("charts/<slug:key>.csv", views.chart_csv, name="chart_csv"),
    path("charts/<slug:key>.svg", views.chart_svg, name="chart_svg"),
    path("search/", views.search, name="search"),
    path("quotes/", views.quotes, name="quotes"),
    path("quotes/sheet/", views.quote_sheet, name="quote_sheet"),
    path("exports/", views.exports, name="exports"),
    path("exports/import/", views_qdpx.qdpx_import_page, name="qdpx_import"),
    path(
        "exports/import/<int:event_id>/codes/<str:token>/",
        views_qdpx.qdpx_import_codes,
        name="qdpx_import_codes",
    ),
    path("exports/<uuid:job_id>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:job_id>/download/", views.export_download, name="export_download"),
]
