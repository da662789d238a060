from rest_framework.routers import SimpleRouter

from events import apis

app_name = "events-api"

router = SimpleRouter()
router.register("events", apis.EventViewSet, basename="event")
router.register("sessions", apis.SessionViewSet, basename="session")
router.register("session-logs", apis.SessionLogViewSet, basename="session-log")
router.register("commitments", apis.CommitmentViewSet, basename="commitment")

urlpatterns = router.urls
