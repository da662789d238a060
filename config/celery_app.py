import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("entendu")
# Every CELERY_* Django setting configures Celery (config/settings/base.py, section CELERY).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
