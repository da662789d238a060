"""The work queue: the stories left to code."""

from django.shortcuts import render

from coding import selectors
from coding.forms import QueueFilterForm
from coding.views.common import CODERS, is_blind
from core.access import roles_required
from core.keyset import keyset_page, without_jit


@roles_required(*CODERS)
def queue(request):
    codebook = selectors.codebook_default_for_user(user=request.user)
    form = QueueFilterForm(request.GET or None, codebook=codebook)
    filters = {"status": "todo"}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "status": data["status"] or "todo",
            "event": data["event"],
            "country": data["country"],
            "language": data["language"].strip(),
            "theme": data["theme"],
            "pending": {"yes": True, "no": False}.get(data["pending"]),
            "mine": "todo" if data["mine"] else "",
        }
    stories = selectors.work_queue(user=request.user, **filters)
    with without_jit():
        page = keyset_page(stories, cursor=request.GET.get("cursor"), size=25)
    return render(
        request, "coding/queue.html", {"form": form, "page": page, "blind": is_blind(request)}
    )
