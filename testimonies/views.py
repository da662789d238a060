from django.http import Http404

from core.access import public


@public
def submit(request, token: str):
    """The participant's entry point from an event's link or QR code (built by the testimonies
    issue)."""
    raise Http404
