"""Security headers every response carries: Content-Security-Policy and Permissions-Policy.

Imported by base.py; the HSTS header is production's (production.py).
"""

from csp.constants import NONCE, NONE, SELF

from config.env import env_bool

# Content-Security-Policy (django-csp 4.x): every script is loaded by src from our origin or
# carries the request's nonce (``request.csp_nonce``); no inline style, no inline handler.
# NOTE: pages set colours and widths through the CSSOM (``element.style``), which CSP allows;
# see static/js/entendu.js (``data-colour``, ``data-width``). The API docs (Redoc) relax it per
# view (core/api_docs.py). ``CSP_REPORT_ONLY=true`` sends the same policy as report-only.
ENTENDU_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF, "blob:"],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "object-src": [NONE],
    "base-uri": [NONE],
}
# NOTE: no setting may be named CSP_*: django-csp 4 takes those for its old settings and its
# system check fails (csp.E001). The environment variable keeps the short name.
ENTENDU_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
if ENTENDU_CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": ENTENDU_CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": ENTENDU_CSP_DIRECTIVES}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Permissions-Policy (core.middleware.PermissionsPolicyMiddleware): the microphone for our own
# pages only (spoken stories); every other powerful feature off.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "ambient-light-sensor": "()",
    "autoplay": "()",
    "bluetooth": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "fullscreen": "(self)",
    "geolocation": "()",
    "gyroscope": "()",
    "hid": "()",
    "idle-detection": "()",
    "magnetometer": "()",
    "microphone": "(self)",
    "midi": "()",
    "payment": "()",
    "picture-in-picture": "()",
    "publickey-credentials-get": "(self)",
    "screen-wake-lock": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}
