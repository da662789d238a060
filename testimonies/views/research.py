"""Researchers: redacted research copies only; the original text with an explicit grant."""

from django.shortcuts import get_object_or_404, render

from accounts.roles import Role
from audit.models import Action
from audit.services import audit_record
from core.access import roles_required
from core.keyset import keyset_page, without_jit
from testimonies import selectors, selectors_loop, services
from testimonies.models import Testimony
from testimonies.views.common import RESEARCH_ROLES, no_store


@roles_required(*RESEARCH_ROLES)
def research_list(request):
    copies = selectors.research_copies_for_user(user=request.user)
    event_slug = request.GET.get("event", "")
    if event_slug:
        copies = copies.filter(testimony__event__slug=event_slug)
    with without_jit():
        page = keyset_page(copies, cursor=request.GET.get("cursor"), size=25)
    return render(request, "testimonies/research_list.html", {"page": page})


@roles_required(*RESEARCH_ROLES)
def research_detail(request, public_id):
    copy = get_object_or_404(
        selectors.research_copies_for_user(user=request.user), testimony__public_id=public_id
    )
    audit_record(action=Action.RESEARCH_COPY_READ, target=copy.testimony, details={"via": "web"})
    can_read_original = request.user.has_perm("testimonies.view_original_text")
    return render(
        request,
        "testimonies/research_detail.html",
        {
            "copy": copy,
            "testimony": copy.testimony,
            "can_read_original": can_read_original,
            "own_reading": selectors_loop.own_reading_for_research(testimony=copy.testimony),
        },
    )


@roles_required(*RESEARCH_ROLES, Role.FACILITATOR)
def original_text(request, public_id):
    """The original text: only with the explicit grant (or one's own facilitator entry); logged."""
    testimony = get_object_or_404(
        Testimony.objects.select_related("event"),
        public_id=public_id,
        status=Testimony.Status.ACTIVE,
    )
    testimony = services.testimony_original_text_read(user=request.user, testimony=testimony)
    return no_store(render(request, "testimonies/original_text.html", {"testimony": testimony}))
