from django.urls import path

from nlp import views

app_name = "nlp"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/<slug:action>/", views.job_action, name="job-action"),
    path("lexicons/", views.lexicon, name="lexicon"),
    path("lexicons/<int:pk>/toggle/", views.lexicon_entry_toggle, name="lexicon-toggle"),
    path("lexicons/<int:pk>/delete/", views.lexicon_entry_delete, name="lexicon-delete"),
    path("classifier/", views.classifier, name="classifier"),
    path("failures/", views.failures, name="failures"),
    path("failures/<int:pk>/resolve/", views.failure_resolve, name="failure-resolve"),
]
