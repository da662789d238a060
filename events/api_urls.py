from django.urls import path

from events import apis

app_name = "events-api"

# NOTE: the names are those the router gave the former ViewSets' routes.
urlpatterns = [
    path("events/", apis.EventListApi.as_view(), name="event-list"),
    path("events/<slug:slug>/", apis.EventDetailApi.as_view(), name="event-detail"),
    path("events/<slug:slug>/status/", apis.EventStatusUpdateApi.as_view(), name="event-status"),
    path("sessions/", apis.SessionListApi.as_view(), name="session-list"),
    path("sessions/<int:pk>/", apis.SessionDetailApi.as_view(), name="session-detail"),
    path("session-logs/", apis.SessionLogListApi.as_view(), name="session-log-list"),
    path("session-logs/<int:pk>/", apis.SessionLogDetailApi.as_view(), name="session-log-detail"),
    path("commitments/", apis.CommitmentListApi.as_view(), name="commitment-list"),
    path("commitments/<int:pk>/", apis.CommitmentDetailApi.as_view(), name="commitment-detail"),
]
