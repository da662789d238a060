from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "voice"
    verbose_name = _("Spoken stories")

    def ready(self) -> None:
        from events import hooks as events_hooks
        from testimonies import hooks
        from voice import selectors, services

        # Withdrawing a story erases its recording (the file gone from disk) and transcript.
        hooks.erasure_hooks.register(services.recording_erase_for_testimony)
        hooks.narrowing_hooks.register(services.recording_narrow_for_testimony)
        # The event's dashboard tells its facilitators what waits for manual transcription.
        events_hooks.testimony_count_hooks.register(selectors.recording_counts_for_event)
