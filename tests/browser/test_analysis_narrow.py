"""Issue 17: the analysis pages read on a 360 px screen: no chart, header or table runs off it
(a table may scroll inside its own frame, which fits the screen)."""

import pytest

from accounts.roles import Role
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.browser

# Elements running off the screen's right edge, leaving out those inside a frame that scrolls or
# clips and itself fits on the screen (the skip link waits off the left edge on purpose).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const fits = (el) => el.getBoundingClientRect().right <= width + 1;
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return fits(p);
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || fits(el) || clipped(el)) continue;
    out.push(el.tagName + (el.id ? '#' + el.id : '') + ' ' + Math.round(box.right));
  }
  return {out: out.slice(0, 10), scroll: document.documentElement.scrollWidth, width};
}"""


def seed(researcher):
    _book, themes = codebook_with_themes(6)
    long = EventFactory(country="DE", title="Community health workers dialogue, Berlin")
    for i in range(24):
        s = story(
            event=long,
            trust="yes" if i % 3 else "no",
            scopes=("gender", "disability"),
            characteristics={"gender": "woman" if i % 2 else "man", "disability": "yes"},
        )
        apply(s, themes[i % 3], coder=researcher)


@pytest.mark.parametrize("path", ["/analysis/", "/analysis/time/", "/analysis/trust/"])
def test_analysis_pages_fit_a_360_px_screen(page, path):
    researcher = UserFactory(roles=[Role.RESEARCHER])
    seed(researcher)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, researcher.email, PASSWORD)
    page.goto(path)
    assert page.locator("svg.chart").count() >= 1
    result = page.evaluate(OVERFLOWING)
    assert not result["out"], result
    assert result["scroll"] <= result["width"], result
