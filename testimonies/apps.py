from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Testimonies")

    def ready(self) -> None:
        from core.demo import DemoStep, demo_seed_hooks
        from events import hooks as events_hooks
        from testimonies import demo, selectors

        # The event dashboard's story counts come from here; events may not import testimonies.
        events_hooks.testimony_count_hooks.register(selectors.testimony_counts_for_event)
        demo_seed_hooks.register(DemoStep(order=30, seed=demo.testimonies_demo_step))
