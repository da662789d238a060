"""DRF renderers. Imported by settings (REST_FRAMEWORK), so nothing here imports DRF's views."""

from csp.constants import UNSAFE_INLINE
from rest_framework import renderers

# NOTE: DRF's browsable API (its templates and bootstrap) writes style="..." attributes (the
# filter button, the extra-actions menu, form widgets). Its pages alone allow style attributes
# (``style-src-attr``), never <style> elements or inline scripts; JSON answers are unchanged.
# Its code highlighting CSS would be a <style> block: it is left out (plain, readable JSON).
BROWSABLE_API_CSP_UPDATE = {"style-src-attr": [UNSAFE_INLINE]}


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = BROWSABLE_API_CSP_UPDATE
            response._csp_update_ro = BROWSABLE_API_CSP_UPDATE
        return super().render(data, accepted_media_type, renderer_context)

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context
