"""Issue 21, point 4: the import page (upload, preview, import, withdrawal codes once)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis import qdpx_pending
from coding.models import CodeApplication, Codebook
from testimonies.models import Testimony
from testimonies.selectors import consent_text_current
from tests.analysis.qdpx_corpus import export, two_coder_corpus
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
URL = reverse("analysis:qdpx_import")


def _upload(client, data, event, book, name="p.qdpx"):
    return client.post(
        URL,
        {"file": SimpleUploadedFile(name, data), "event": event.pk, "codebook": book.pk},
    )


def test_upload_preview_import_and_codes_once(client, researcher):
    book, event, stories, other = two_coder_corpus(researcher)
    data = export(researcher, book, event)
    client.force_login(researcher)
    target = EventFactory()
    empty = Codebook.objects.create(name="Imported", slug="imported")
    page = _upload(client, data, target, empty)
    assert page.status_code == 200
    form = page.context["confirm_form"]
    assert page.context["preview"].count("new") == 4
    assert Testimony.objects.filter(event=target).count() == 0  # nothing saved yet
    post = {
        "step": "import",
        "token": form.initial["token"],
        "event": target.pk,
        "codebook": empty.pk,
        "consent_text": consent_text_current(language="en").pk,
        "consented_at": "2026-01-05 10:00",
        "scopes": ["quote_anonymous"],
        "attest": "on",
    }
    for _row, name in form.code_rows:
        post[name] = "new"
    for _guid, name in form.coder_rows:
        post[name] = str(form.fields[name].initial)
    refused = client.post(URL, {**post, "attest": ""})
    assert refused.status_code == 200 and refused.context["confirm_form"].errors
    assert Testimony.objects.filter(event=target).count() == 0
    done = client.post(URL, post)
    assert done.status_code == 200 and done.context["report"].stories == 3
    assert CodeApplication.objects.filter(testimony__event=target).count() == 9
    link = re.search(r'href="([^"]*/codes/[^"]+)"', done.content.decode()).group(1)
    codes = client.get(link)
    assert codes.status_code == 200 and len(codes.content.decode().splitlines()) == 4
    assert client.get(link).status_code == 404  # once
    assert qdpx_pending.pending_read(user=researcher, token=post["token"]) is None


def test_a_hostile_archive_is_refused_on_the_page(client, researcher):
    client.force_login(researcher)
    book = Codebook.objects.create(name="B", slug="b")
    page = _upload(client, b"PK\x03\x04 not a zip", EventFactory(), book)
    assert page.status_code == 200
    assert "not a .qdpx archive" in page.content.decode()


def test_an_expired_or_foreign_upload_is_refused(client, researcher, admin_user):
    token = qdpx_pending.pending_store(user=admin_user, data=b"x")
    client.force_login(researcher)
    page = client.post(URL, {"step": "import", "token": token})
    assert "has expired" in page.content.decode()


def test_a_project_exported_while_coding_blind_names_no_coder(client, researcher):
    from analysis.models import ExportJob

    two_coder_corpus(researcher)
    client.force_login(researcher)
    session = client.session
    session["coding_blind"] = True
    session.save()
    client.post(reverse("analysis:exports"), {"dataset": "project", "format": "qdpx"})
    job = ExportJob.objects.get(user=researcher)
    assert job.filters.get("blind") is True
    session = client.session
    session["coding_blind"] = False
    session.save()
    client.post(reverse("analysis:exports"), {"dataset": "project", "format": "qdpx"})
    assert "blind" not in ExportJob.objects.filter(user=researcher).latest("created_at").filters
