from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "voice"
    verbose_name = _("Spoken stories")

    def ready(self) -> None:
        from testimonies import hooks
        from voice import services

        # Withdrawing a story erases its recording (the file gone from disk) and transcript.
        hooks.erasure_hooks.register(services.recording_erase_for_testimony)
        hooks.narrowing_hooks.register(services.recording_narrow_for_testimony)
