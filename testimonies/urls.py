from django.urls import path

from testimonies import views

app_name = "testimonies"
urlpatterns = [
    # The participant link printed on an event's QR code: /t/<event submission token>/
    path("t/<str:token>/", views.submit, name="submit"),
]
