from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NlpConfig(AppConfig):
    name = "nlp"
    verbose_name = _("Language processing")

    def ready(self) -> None:
        from nlp.services import erase_for_testimony
        from testimonies import hooks

        # New stories get NLP work; withdrawn ones lose its outputs.
        hooks.erasure_hooks.register(erase_for_testimony)
        hooks.submission_task_hooks.register("nlp.process_testimony")
