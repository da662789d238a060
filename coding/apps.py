from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = _("Coding")

    def ready(self):
        from accounts.hooks import Grant, grant_hooks
        from coding import demo, selectors, services
        from core.dashboard import dashboard_context_hooks
        from core.demo import DemoStep, demo_seed_hooks
        from events import hooks as events_hooks
        from testimonies import hooks

        # A full withdrawal (or losing research consent) erases everything coded on the story.
        hooks.erasure_hooks.register(services.erase_for_testimony)
        hooks.narrowing_hooks.register(services.on_scopes_narrowed)
        hooks.theme_counter_hooks.register(selectors.theme_counts)
        hooks.story_theme_hooks.register(selectors.themes_by_story)
        demo_seed_hooks.register(DemoStep(order=10, seed=demo.codebook_demo_step))
        demo_seed_hooks.register(DemoStep(order=40, seed=demo.coding_demo_step))
        events_hooks.theme_source_hooks.register(selectors.theme_codes)
        # The starting page shows a coder's work: stories to code, suggestions, disagreements.
        dashboard_context_hooks.register(selectors.work_dashboard_context)
        grant_hooks.register(
            Grant(
                key="coding.manage_codebook",
                label=_("Manage the codebook"),
                description=_("Add, rename, move, merge and import codes."),
            )
        )
