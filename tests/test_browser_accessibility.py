"""axe-core, run in a real browser on every kind of public page in English, Croatian and Macedonian
(Latin and Cyrillic), finds nothing to fix.

The issue asked for no serious or critical finding; the pages have no finding at any impact, so the
test keeps them there (the 404 page's two search landmarks were a moderate one). Each failure lists
the page, the rule, its impact and the elements, which is what to fix: in the templates or the CSS,
never by turning a rule off.

axe-core is the npm package pinned in tests/package-lock.json, injected into each page from the
file (the browser may not ask another site for anything). `make test` installs it into
tests/node_modules with `npm ci`; without it these tests are skipped with a message locally and fail
under CI=true.
"""

import os
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page

from practices.models import (
    GoodPracticePage,
    LearningPathIndexPage,
    LearningPathPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from tests.browser import BASE

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

AXE = settings.BASE_DIR / "tests" / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "hr", "mk"]
RUN_AXE = """
async (context) => {
  const results = await axe.run(context || document, {resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}
"""
SEARCHED = "festival"
NOTHING_FOUND = "qqxyzzy"
# The panels the hub adds to Wagtail's dashboard (practices/dashboard.py, translation/admin_views.py)
# that a demo organisation editor and a demo trainer see.
OUR_DASHBOARD_PANELS = {
    "editor-kaleidoskop-skopje": ["#translation-status-section"],
    "trainer-elena": ["#trainer-section", "#translation-status-section"],
}


@pytest.fixture(scope="module")
def axe_script():
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE}): `make test` installs it (`npm ci` in tests/)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        sys.stderr.write(f"\n*** SKIPPING ACCESSIBILITY TESTS: {message} ***\n")
        pytest.skip(message)
    return AXE.read_text()


def axe_violations(tab, axe_script, context=None):
    """What axe finds in the open page, or only inside the elements matching `context` (selectors)."""
    # Run by the driver, not as a <script> element the page's Content-Security-Policy would refuse.
    tab.evaluate(axe_script)
    return tab.evaluate(RUN_AXE, {"include": [[selector] for selector in context]} if context else None)


def describe(violations):
    return "\n".join(
        f"  {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"    {target}" for target in violation["targets"])
        for violation in violations
    )


def live(model, language_code):
    return model.objects.live().filter(locale__language_code=language_code)


def listing(model):
    return lambda language_code: live(model, language_code).get().url


def filtered_practices(language_code):
    """The practices listing filtered by the theme of the first practice in that language."""
    theme = live(GoodPracticePage, language_code).first().themes.first()
    return f"{listing(PracticeIndexPage)(language_code)}?theme={theme.slug}"


def detail(model, suffix=""):
    """A page of that type in the reader's language; where the language has none, the view its
    readers are sent to, which shows another language's version under their interface."""

    def path(language_code):
        page = live(model, language_code).first()
        if page:
            return page.url + suffix
        page = model.objects.live().first()
        assert page, f"the demo content has no {model.__name__}"
        return f"/{language_code}/untranslated/{page.pk}/"

    return path


def untranslated(language_code):
    """The view of a practice that has no version in the reader's language."""
    in_language = live(GoodPracticePage, language_code).values("translation_key")
    if not GoodPracticePage.objects.live().exclude(translation_key__in=in_language).exists():
        # Every demo practice has an English version: one is taken off line (the test's transaction
        # restores it).
        elsewhere = GoodPracticePage.objects.live().exclude(locale__language_code=language_code)
        version = live(GoodPracticePage, language_code).filter(
            translation_key__in=elsewhere.values("translation_key")
        )
        Page.objects.filter(pk=version.first().pk).update(live=False)
    page = GoodPracticePage.objects.live().exclude(translation_key__in=in_language).first()
    return f"/{language_code}/untranslated/{page.pk}/"


PAGES = {
    "home": lambda language_code: f"/{language_code}/",
    "practices-filtered": filtered_practices,
    "practice": detail(GoodPracticePage),
    "materials": listing(MaterialIndexPage),
    "material": detail(TrainingMaterialPage),
    "workshops": listing(WorkshopIndexPage),
    "workshop": detail(WorkshopPage),
    "workshop-print": detail(WorkshopPage, suffix="print/"),
    "paths": listing(LearningPathIndexPage),
    "path": detail(LearningPathPage),
    "organisations": listing(OrganisationIndexPage),
    "organisation": detail(OrganisationPage),
    "search-results": lambda language_code: f"/{language_code}/search/?q={SEARCHED}",
    "search-nothing-found": lambda language_code: f"/{language_code}/search/?q={NOTHING_FOUND}",
    "untranslated": untranslated,
    "not-found": lambda language_code: f"/{language_code}/no-such-page/",
}


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("language_code", LANGUAGES)
def test_axe_finds_nothing_to_fix(request, browse, axe_script, language_code, kind):
    request.getfixturevalue("elasticsearch" if kind.startswith("search") else "database_search")
    path = PAGES[kind](language_code)
    tab = browse()
    response = tab.goto(BASE + path)
    assert response.status == (404 if kind == "not-found" else 200), path
    violations = axe_violations(tab, axe_script)
    assert not violations, f"{path}: axe finds\n{describe(violations)}"


@pytest.mark.parametrize("username", OUR_DASHBOARD_PANELS)
def test_axe_finds_nothing_to_fix_in_our_dashboard_panels(browse, axe_script, client, username):
    """Only the panels are checked: the rest of the dashboard is Wagtail's (where axe finds one thing,
    two search landmarks without distinct names, in Wagtail's own home.html and sidebar)."""
    client.force_login(get_user_model().objects.get(username=username))
    tab = browse()
    assert tab.goto(f"{BASE}/admin/").status == 200
    panels = OUR_DASHBOARD_PANELS[username]
    assert all(tab.locator(selector).count() == 1 for selector in panels), panels
    violations = axe_violations(tab, axe_script, context=panels)
    assert not violations, f"{username}'s dashboard panels: axe finds\n{describe(violations)}"
