"""The API's documentation pages (Swagger UI, Redoc) under the site's Content-Security-Policy.

Both are served from our own static files (drf-spectacular-sidecar) with the templates in
``templates/drf_spectacular/``: no CDN, no font service, no inline style; Swagger UI's start-up
script carries the request's CSP nonce.

NOTE: Redoc draws itself with styled-components, which inserts ``<style>`` elements at run time
and cannot be given our nonce, and runs its search in a Web Worker made from a ``blob:`` URL.
So the Redoc page alone allows inline styles and blob workers (``csp_update`` below); scripts
stay as strict as everywhere else. The page holds no data: it describes the public schema.
Redoc also shows Redocly's logo from https://cdn.redoc.ly in its menu, hard-coded: the CSP
blocks that request on purpose (no visitor of ours is sent to another origin); the image hides
itself, and tests/browser/test_csp.py allows that one blocked load, and nothing else.
"""

from csp.constants import SELF, UNSAFE_INLINE
from drf_spectacular.views import SpectacularRedocView

REDOC_CSP_UPDATE = {"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]}


class RedocView(SpectacularRedocView):
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Same attributes as django-csp's @csp_update, for the policy and the report-only one.
        response._csp_update = REDOC_CSP_UPDATE
        response._csp_update_ro = REDOC_CSP_UPDATE
        return response
