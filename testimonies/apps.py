from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Testimonies")

    def ready(self) -> None:
        from accounts.hooks import Grant, grant_hooks
        from accounts.roles import ORIGINAL_TEXT_PERMISSION
        from core.demo import DemoStep, demo_seed_hooks
        from events import hooks as events_hooks
        from testimonies import demo, selectors, selectors_loop, services
        from testimonies.services import grants

        # The event dashboard's story counts come from here; events may not import testimonies.
        grant_hooks.register(
            Grant(
                key=ORIGINAL_TEXT_PERMISSION,
                label=_("Read the original text of stories"),
                description=_("Each reading is recorded. Two-factor sign-in is then required."),
                give=grants.original_text_give,
                take=grants.original_text_take,
            )
        )
        events_hooks.testimony_count_hooks.register(selectors.testimony_counts_for_event)
        # Closing the loop (issue 20): follow-up e-mails on a commitment's change, and the
        # approved anonymous quotes shown beside commitments.
        events_hooks.commitment_status_hooks.register(services.follow_up_commitment_changed)
        events_hooks.commitment_quote_hooks.register(selectors_loop.quotes_for_commitments)
        demo_seed_hooks.register(DemoStep(order=30, seed=demo.testimonies_demo_step))
