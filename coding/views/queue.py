"""The work queue: the stories left to code."""

from django.core.paginator import Paginator
from django.shortcuts import render

from coding import selectors
from coding.forms import QueueFilterForm
from coding.views.common import CODERS, is_blind
from core.access import roles_required


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
    page = Paginator(stories, 25).get_page(request.GET.get("page"))
    return render(
        request, "coding/queue.html", {"form": form, "page": page, "blind": is_blind(request)}
    )
