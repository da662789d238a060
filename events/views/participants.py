"""The participant link and its QR code, and the public "you said, we did" page."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.access import public, roles_required
from core.form_views import post_action
from core.qrcodes import qr_image
from events import selectors, services
from events.models import Commitment, Event
from events.views.common import EDITORS, submission_url


@never_cache  # SECURITY: the page shows the secret link; keep it out of caches.
@roles_required(*EDITORS)
def participant_link(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    return render(
        request,
        "events/participant_link.html",
        {
            "event": event,
            "url": submission_url(request, event),
            "is_open": event.status == Event.Status.OPEN,
        },
    )


@require_POST
@roles_required(*EDITORS)
def participant_link_rotate(request, slug):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    return post_action(
        request,
        action=lambda: services.event_token_rotate(event=event),
        success_message=_(
            "A new participant link was made. The old link and QR code no longer work."
        ),
        redirect_to=reverse("events:link", args=[event.slug]),
    )


@roles_required(*EDITORS)
def participant_qr(request, slug, kind):
    """The participant link as a QR code, made here (no external service)."""
    event = selectors.event_get_editable(user=request.user, slug=slug)
    url = submission_url(request, event)
    if url is None:
        return HttpResponse(status=404)
    image, content_type = qr_image(url, kind=kind, title=event.title)
    response = HttpResponse(image, content_type=content_type)
    # SECURITY: the image carries the secret link; keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{event.slug}-qr.{kind}"'
    return response


@public
def event_public(request, slug):
    """ "You said, we did": commitments and aggregate figures; never a story, never a note."""
    event = selectors.public_event_get(slug=slug)
    commitments = list(selectors.public_event_commitments(event=event))
    quotes = selectors.commitment_quotes(commitments=commitments)
    for commitment in commitments:
        commitment.quotes = quotes.get(commitment.pk, [])
    counts = dict.fromkeys(Commitment.Status.values, 0)
    for commitment in commitments:
        counts[commitment.status] += 1
    return render(
        request,
        "events/event_public.html",
        {
            "event": event,
            "commitments": commitments,
            "figures": selectors.public_event_figures(event=event),
            "status_counts": [
                (status, label, counts[status]) for status, label in Commitment.Status.choices
            ],
        },
    )
