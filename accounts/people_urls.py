"""The admin's people pages: /manage/people/ (accounts, roles, grants)."""

from django.urls import path

from accounts import people_views as views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("invite/", views.person_invite, name="invite"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/roles/", views.person_role, name="role"),
    path("<int:pk>/grants/", views.person_grant, name="grant"),
    path("<int:pk>/active/", views.person_active, name="active"),
    path("<int:pk>/invitation/", views.person_invitation, name="invitation"),
]
