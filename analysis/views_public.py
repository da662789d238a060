"""The programme-wide "You said, we did" (issue 20): public, in every interface language, and
as CSV. Aggregates and published commitments only (analysis/programme.py)."""

from django.http import HttpResponse
from django.shortcuts import render

from analysis import programme
from core.access import public
from core.exports import csv_text
from events.models import Commitment


def _choices(request) -> dict:
    status = request.GET.get("status", "")
    return {
        "country": request.GET.get("country", "")[:8],
        "status": status if status in Commitment.Status.values else "",
    }


@public
def you_said_we_did(request):
    chosen = _choices(request)
    data = programme.programme_you_said_we_did(**chosen)
    context = {**data, "chosen": chosen, "statuses": Commitment.Status.choices}
    return render(request, "analysis/you_said_we_did.html", context)


@public
def you_said_we_did_csv(request):
    rows = programme.programme_csv_rows(**_choices(request))
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="you-said-we-did.csv"'
    return response
