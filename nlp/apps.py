from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NlpConfig(AppConfig):
    name = "nlp"
    verbose_name = _("Language processing")

    def ready(self) -> None:
        from nlp import erasure

        erasure.register()
