from django.urls import path

from testimonies import apis

app_name = "testimonies-api"
urlpatterns = [
    path(
        "consent-texts/current/",
        apis.ConsentTextCurrentApi.as_view(),
        name="consent-text-current",
    ),
    path("testimonies/", apis.TestimonyCreateApi.as_view(), name="testimony-create"),
    path("receipts/", apis.ReceiptListApi.as_view(), name="receipt-list"),
    path("receipts/<uuid:public_id>/", apis.ReceiptDetailApi.as_view(), name="receipt-detail"),
    path("withdrawals/", apis.WithdrawalApi.as_view(), name="withdrawal"),
    path("research-copies/", apis.ResearchCopyListApi.as_view(), name="research-copy-list"),
    path(
        "research-copies/<uuid:public_id>/",
        apis.ResearchCopyDetailApi.as_view(),
        name="research-copy-detail",
    ),
    path(
        "events/<int:event_id>/testimony-counts/",
        apis.EventTestimonyCountsApi.as_view(),
        name="event-testimony-counts",
    ),
    path("my-data/", apis.MyDataApi.as_view(), name="my-data"),
]
