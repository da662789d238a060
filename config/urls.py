from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from accounts.apis import MeApi
from core import views as core_views
from core.api_docs import RedocView

api_v1 = [
    path("me/", MeApi.as_view(), name="me"),
    path("", include("events.api_urls")),
    path("", include("testimonies.api_urls")),
    path("", include("coding.api_urls")),
    path("", include("analysis.api_urls")),
    path("", include("nlp.api_urls")),
    # NOTE: the schema and its docs are public by decision: they describe, they hold no data.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
        name="docs",
    ),
    path(
        "redoc/",
        RedocView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
        name="redoc",
    ),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dashboard/", core_views.dashboard, name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("manage/people/", include("accounts.people_urls")),
    path("manage/people/", include("events.people_urls")),
    path("events/", include("events.urls")),
    path("coding/", include("coding.urls")),
    path("analysis/", include("analysis.urls")),
    path("", include("analysis.public_urls")),
    path("nlp/", include("nlp.urls")),
    path("", include("testimonies.urls")),
    path("", include("voice.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/<str:language>/", core_views.javascript_catalog, name="javascript_catalog"),
    path("api/v1/", include((api_v1, "api"))),
    path("admin/", admin.site.urls),
]

# The error pages: templates/400.html, 403.html and 404.html through Django's own handlers (with
# the request: the site's layout); 500 through core's, which needs no request and cannot fail.
handler500 = "core.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
