from django.urls import path

from voice import views

app_name = "voice"
urlpatterns = [
    # From the story step of an event's link: start a recording with the consent given.
    path("t/<str:token>/speak/", views.speak, name="speak"),
    path("speak/return/", views.speak_return, name="return"),
    # Facilitators: record on a participant's behalf, as witness of their consent.
    path(
        "facilitate/events/<int:event_id>/speak/",
        views.facilitator_speak,
        name="facilitator_speak",
    ),
    path("speak/<uuid:public_id>/", views.recording, name="recording"),
    path("speak/<uuid:public_id>/upload/", views.upload, name="upload"),
    path("speak/<uuid:public_id>/progress.json", views.progress, name="progress"),
    path("speak/<uuid:public_id>/audio/", views.audio, name="audio"),
    path(
        "research/stories/<uuid:public_id>/recording/",
        views.research_recording,
        name="research_recording",
    ),
]
