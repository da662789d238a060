from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("import/", views.event_import, name="import"),
    path("export.csv", views.event_export, name="export"),
    path("programme/", views.programme_overview, name="programme"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/status/", views.event_status, name="status"),
    path("<slug:slug>/facilitators/", views.event_facilitators, name="facilitators"),
    path(
        "<slug:slug>/facilitators/<int:user_id>/remove/",
        views.event_facilitator_remove,
        name="facilitator_remove",
    ),
    path("<slug:slug>/sessions/new/", views.session_form, name="session_create"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views.session_form, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("<slug:slug>/sessions/<int:pk>/log/", views.session_log, name="session_log"),
    path("<slug:slug>/commitments/", views.commitment_board, name="commitments"),
    path("<slug:slug>/commitments/new/", views.commitment_form, name="commitment_create"),
    path("<slug:slug>/commitments/<int:pk>/edit/", views.commitment_form, name="commitment_edit"),
    path(
        "<slug:slug>/commitments/<int:pk>/status/",
        views.commitment_status,
        name="commitment_status",
    ),
    path("<slug:slug>/link/", views.participant_link, name="link"),
    path("<slug:slug>/link/rotate/", views.participant_link_rotate, name="link_rotate"),
    path("<slug:slug>/qr.png", views.participant_qr, {"kind": "png"}, name="qr_png"),
    path("<slug:slug>/qr.svg", views.participant_qr, {"kind": "svg"}, name="qr_svg"),
    # The only anonymous page of this app: the public "You said, we did" page.
    path("<slug:slug>/public/", views.event_public, name="public"),
]
