import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
# Load the URLconf (and with it every view, the API framework and its serializers), each
# language's reverse tables and catalogue as the worker starts, not on a user's first request
# (core/startup.py).
from core.startup import warm_up  # noqa: E402 - needs the settings configured above

warm_up()
