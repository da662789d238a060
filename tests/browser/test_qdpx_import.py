"""A researcher imports a REFI-QDA project in a real browser: upload, preview (at 360 px, with
axe-core), consent attested, import, the withdrawal codes downloaded once."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from coding.models import CodeApplication, Codebook
from tests.analysis.qdpx_corpus import export, two_coder_corpus
from tests.browser.conftest import sign_in
from tests.browser.test_analysis import axe_violations
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.browser


def test_researcher_imports_a_project(browser, live_server, tmp_path):
    from accounts.roles import Role

    researcher = UserFactory(roles=[Role.RESEARCHER])
    book, event, _stories, _other = two_coder_corpus(researcher)
    path = tmp_path / "project.qdpx"
    path.write_bytes(export(researcher, book, event))
    target = EventFactory(title="Imported interviews")
    Codebook.objects.create(name="Partner codebook", slug="partner")
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        sign_in(page, researcher.email, PASSWORD)
        page.goto("/analysis/exports/")
        page.get_by_role("link", name="Import a QDA project (.qdpx)").click()
        page.get_by_label("REFI-QDA project (.qdpx)").set_input_files(str(path))
        page.get_by_label("Event the stories belong to").select_option(label=str(target))
        page.get_by_label("Codebook the codes merge into").select_option(label="Partner codebook")
        page.get_by_role("button", name="Check the project").click()
        expect(page.get_by_role("heading", name="What the project holds")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the preview scrolls sideways at 360 px ({width} px)"
        assert axe_violations(page) == []
        page.get_by_label("When consent was given").fill("2026-01-05 10:00")
        page.get_by_label("I attest that every participant").check()
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_role("heading", name="Imported")).to_be_visible()
        assert axe_violations(page) == []
        with page.expect_download() as codes:
            page.get_by_role("link", name="Download the withdrawal codes").click()
        assert len(Path(codes.value.path()).read_text("utf-8").splitlines()) == 4
        assert CodeApplication.objects.filter(testimony__event=target).count() == 9
    finally:
        context.close()
