from django.urls import path

from nlp import apis

app_name = "nlp-api"
urlpatterns = [
    path("nlp/jobs/", apis.JobListApi.as_view(), name="jobs"),
    path("nlp/jobs/<int:pk>/", apis.JobDetailApi.as_view(), name="job"),
    path("nlp/jobs/<int:pk>/<slug:action>/", apis.JobActionApi.as_view(), name="job-action"),
    path("nlp/lexicon-entries/", apis.LexiconEntryListApi.as_view(), name="lexicon-entries"),
    path(
        "nlp/lexicon-entries/<int:pk>/", apis.LexiconEntryDetailApi.as_view(), name="lexicon-entry"
    ),
    path("nlp/classifier-versions/", apis.ClassifierVersionListApi.as_view(), name="classifiers"),
    path("nlp/classifier-versions/train/", apis.ClassifierTrainApi.as_view(), name="train"),
    path("nlp/failures/", apis.FailureListApi.as_view(), name="failures"),
    path(
        "nlp/stories/<int:testimony_id>/analyse/",
        apis.StoryAnalyseApi.as_view(),
        name="story-analyse",
    ),
]
