from django.urls import path

from analysis import views_public

app_name = "programme"
urlpatterns = [
    path("you-said-we-did/", views_public.you_said_we_did, name="you_said_we_did"),
    path("you-said-we-did.csv", views_public.you_said_we_did_csv, name="you_said_we_did_csv"),
]
