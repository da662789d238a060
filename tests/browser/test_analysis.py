"""A researcher in a real browser: opens the themes dashboard, filters by country, downloads the
chart's data as CSV and the chart as PNG, then exports the selection as a REFI-QDA project."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from analysis import refiqda
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.browser.conftest import sign_in
from tests.conftest import require_service
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def seed(researcher):
    _book, themes = codebook_with_themes(3)
    france = EventFactory(country="FR", title="Dialogue à Lyon")
    usa = EventFactory(country="US", title="Boston summit")
    for i in range(12):
        s = story(
            event=france, language="fr", text=f"Zoé 🙂 n'a pas été écoutée ({i}).", trust="yes"
        )
        apply(s, themes[0], start=6, end=26, coder=researcher)
    for _ in range(11):
        s = story(event=usa, text="The doctor did not listen.", trust="no")
        apply(s, themes[1], coder=researcher)
    return themes


def axe_violations(page) -> list:
    require_service("axe-core", AXE.exists(), "node_modules/axe-core is missing: run `npm ci`")
    # NOTE: evaluated through DevTools, not as an inline <script>, which our CSP refuses.
    page.evaluate(AXE.read_text("utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def test_researcher_filters_downloads_csv_and_exports_qdpx(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    researcher = UserFactory(roles=[Role.RESEARCHER])
    seed(researcher)
    sign_in(page, researcher.email, PASSWORD)

    page.goto("/analysis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes in the stories")
    expect(page.locator("svg#chart-themes-by")).to_be_visible()
    page.get_by_label("Country", exact=True).select_option(label="France")
    page.get_by_role("button", name="Apply filters").click()
    assert "country=FR" in page.url
    table = page.locator("#chart-themes-by").locator("xpath=ancestor::figure")
    table.get_by_text("Show the data as a table").click()
    expect(table.get_by_role("rowheader", name="France")).to_be_visible()
    expect(table.get_by_role("rowheader", name="United States of America")).to_have_count(0)

    figure = page.locator("figure", has=page.locator("svg#chart-themes"))
    with page.expect_download() as download_info:
        figure.get_by_role("link", name="Download data (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text("utf-8"))))
    assert rows[0][:2] == ["Theme", "Stories"]
    assert rows[1][:2] == ["Theme 0", "12"]
    assert rows[2][:2] == ["Theme 1", "0"]  # the US stories are filtered out

    with page.expect_download() as png_info:
        figure.get_by_role("button", name="Download PNG").click()
    assert Path(png_info.value.path()).read_bytes().startswith(b"\x89PNG")
    assert png_info.value.suggested_filename == "entendu-themes.png"

    page.get_by_role("link", name="Exports").click()
    page.get_by_label("Country", exact=True).select_option(label="France")
    page.get_by_label("Data", exact=True).select_option(label="REFI-QDA project (.qdpx)")
    page.get_by_label("Format", exact=True).select_option(label="REFI-QDA (.qdpx)")
    page.get_by_role("button", name="Export", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Your file is ready.")
    with page.expect_download() as qdpx_info:
        page.get_by_role("link", name="Download").click()
    assert qdpx_info.value.suggested_filename.endswith(".qdpx")
    with zipfile.ZipFile(qdpx_info.value.path()) as archive:
        xml = archive.read("project.qde")
        sources = [n for n in archive.namelist() if n.startswith("sources/")]
    assert refiqda.validate_project(xml) == []
    assert len(sources) == 12


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_analysis_pages_are_accessible_and_fit_360px(browser, live_server, locale):
    researcher = UserFactory(roles=[Role.RESEARCHER])
    seed(researcher)
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        sign_in(page, researcher.email, PASSWORD)
        if locale == "fr":
            context.add_cookies(
                [{"name": "django_language", "value": "fr", "url": live_server.url}]
            )
        for url in (
            "/analysis/",
            "/analysis/time/",
            "/analysis/cooccurrence/",
            "/analysis/trust/",
            "/analysis/search/?q=doctor",
            "/analysis/quotes/",
            "/analysis/exports/",
        ):
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == locale
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{url} scrolls sideways at 360 px ({width} px)"
            assert axe_violations(page) == [], url
    finally:
        context.close()
