from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts.hooks import person_link_hooks
        from core.dashboard import dashboard_context_hooks
        from core.demo import DemoStep, demo_seed_hooks
        from events import demo, selectors

        dashboard_context_hooks.register(selectors.dashboard_context)
        person_link_hooks.register(selectors.person_links)
        demo_seed_hooks.register(DemoStep(order=20, seed=demo.events_demo_step))
        for model in selectors.themes_kept_models():
            for signal in (post_save, post_delete):
                signal.connect(
                    selectors.themes_kept_forget, sender=model, dispatch_uid="events.themes_kept"
                )
