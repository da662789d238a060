"""The site's URLs plus one view that fails, for the server error page's test."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns
from core.access import public


@public
def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
