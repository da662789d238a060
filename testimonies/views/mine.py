"""A signed-in participant's own receipts and data."""

from django.core.paginator import Paginator
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render

from audit.models import Action
from audit.services import audit_record
from core.access import roles_required
from testimonies import selectors
from testimonies.exports import participant_data_export
from testimonies.receipts import testimony_receipt
from testimonies.views.common import no_store, own_testimony, receipt_context


@roles_required()
def my_receipts(request):
    testimonies = selectors.testimonies_for_participant(user=request.user)
    page = Paginator(testimonies, 25).get_page(request.GET.get("page"))
    return render(request, "testimonies/my_receipts.html", {"page": page})


@roles_required()
def my_receipt(request, public_id):
    testimony = own_testimony(request, public_id)
    context = receipt_context(request, testimony)
    return no_store(render(request, "testimonies/receipt.html", context))


@roles_required()
def my_receipt_json(request, public_id):
    testimony = own_testimony(request, public_id)
    response = JsonResponse(
        testimony_receipt(testimony=testimony, request=request),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="receipt-{testimony.public_id}.json"'
    return no_store(response)


@roles_required()
def my_data(request):
    """Everything we hold about the signed-in person, as one JSON download."""
    response = StreamingHttpResponse(
        participant_data_export(user=request.user, request=request),
        content_type="application/json; charset=utf-8",
    )
    audit_record(action=Action.EXPORT_DOWNLOADED, details={"dataset": "my_data", "format": "json"})
    response["Content-Disposition"] = 'attachment; filename="entendu-my-data.json"'
    return no_store(response)
