from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NlpConfig(AppConfig):
    name = "nlp"
    verbose_name = _("Language processing")

    def ready(self) -> None:
        from django.conf import settings

        from coding.hooks import similar_story_hooks
        from core.outbox import OutboxGroup, outbox_group_hooks
        from nlp.selectors import similar_stories
        from nlp.services import erase_for_testimony, on_scopes_narrowed
        from testimonies import hooks

        # New stories get NLP work; withdrawn ones lose its outputs.
        hooks.erasure_hooks.register(erase_for_testimony)
        hooks.submission_task_hooks.register("nlp.process_testimony")
        # The new stories' messages one outbox relay takes go out as one message per batch.
        outbox_group_hooks.register(
            OutboxGroup(
                task_name="nlp.process_testimony",
                argument="testimony_id",
                into="nlp.process_testimonies",
                into_argument="testimony_ids",
                size=settings.NLP_ANALYSE_BATCH_MAX,
                join_seconds=settings.NLP_ANALYSE_JOIN_SECONDS,
            )
        )
        hooks.narrowing_hooks.register(on_scopes_narrowed)
        # The coding screen's "similar stories", across languages.
        similar_story_hooks.register(similar_stories)
