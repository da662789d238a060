from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis")

    def ready(self) -> None:
        from accounts.hooks import Grant, grant_hooks
        from analysis import services
        from testimonies import hooks

        grant_hooks.register(
            Grant(
                key="analysis.export_characteristics",
                label=_("Export participants' characteristics"),
                description=_("Include the characteristics participants gave in exports."),
            )
        )
        hooks.erasure_hooks.register(services.exports_discard_for_withdrawal)
        hooks.erasure_hooks.register(services.search_index_purge)
        hooks.narrowing_hooks.register(services.exports_discard_for_narrowing)
