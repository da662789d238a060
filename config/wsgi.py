import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
# Load the URLconf (and with it every view, the API framework and its serializers) as the
# worker starts, not on a user's first request: that request took half a second more.
get_resolver().check()
