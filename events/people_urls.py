"""An admin's page for one person's events, under /manage/people/ (beside accounts' pages)."""

from django.urls import path

from events.views import people

app_name = "person_events"
urlpatterns = [
    path("<int:pk>/events/", people.person_events, name="list"),
    path(
        "<int:pk>/events/<int:event_id>/remove/",
        people.person_event_remove,
        name="remove",
    ),
]
