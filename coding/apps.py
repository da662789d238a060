from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = _("Coding")

    def ready(self):
        from coding import services
        from testimonies import erasure, hooks

        # A full withdrawal (or losing research consent) erases everything coded on the story.
        erasure.register_erasure(services.erase_for_testimony)
        erasure.register_narrowing(services.on_scopes_narrowed)
        hooks.register_theme_counter(services.theme_counts)
