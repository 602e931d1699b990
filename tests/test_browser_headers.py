"""Every kind of public page, and the admin where editors, translators and moderators work, runs
under its Content-Security-Policy with nothing refused: a browser reports each refusal as a
``securitypolicyviolation`` event and a console error, and the test fails on any, naming the page,
the directive and what was blocked (policies: settings/base.py, kooperativa/headers.py)."""

import pytest
from wagtail.models import Locale

from practices.models import GoodPracticePage, PracticeIndexPage, WorkshopPage
from tests.browser import BASE, HUB

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LISTEN = """
window.refused = [];
document.addEventListener("securitypolicyviolation", (event) => window.refused.push(
  `${event.violatedDirective} refused ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`));
"""
TESTSERVER = HUB[1]
PRACTICE = "mostar-shared-youth-stage"  # written in Bosnian, translated into English
WORKSHOP = "budget-that-survives-late-payments"  # written in Bosnian


class PolicyWatch:
    """A tab that remembers, per page, every refusal it saw in any of its frames."""

    def __init__(self, tab):
        self.tab = tab
        self.refused = {}
        tab.add_init_script(LISTEN)
        tab.on("console", self.console)
        self.current = None

    def console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.refused.setdefault(self.current, []).append(message.text)

    def visit(self, path, origin=BASE):
        self.current = path
        response = self.tab.goto(origin + path)
        self.tab.wait_for_load_state("networkidle")
        return response

    def collect(self):
        for frame in self.tab.frames:
            events = frame.evaluate("window.refused || []") if not frame.is_detached() else []
            if events:
                self.refused.setdefault(f"{self.current} ({frame.url})", []).extend(events)


def original(model, slug):
    return model.objects.filter(slug=slug).order_by("pk").first()


def untranslated_practice(language_code):
    translated = GoodPracticePage.objects.filter(locale__language_code=language_code).values(
        "translation_key"
    )
    return GoodPracticePage.objects.live().public().exclude(translation_key__in=translated).first()


def test_public_pages_run_with_nothing_refused(browse):
    watch = PolicyWatch(browse())
    english = Locale.objects.get(language_code="en")
    practice = original(GoodPracticePage, PRACTICE).get_translation(english)
    workshop = original(WorkshopPage, WORKSHOP).get_translation(english)
    pages = {
        "/en/": 200,
        PracticeIndexPage.objects.get(locale=english).url + "?theme=festivals&year=2015": 200,
        practice.url: 200,
        workshop.url: 200,
        workshop.url + "print/": 200,
        f"/mk/untranslated/{untranslated_practice('mk').pk}/": 200,
        "/en/no-such-page/": 404,
        "/api/search/docs/": 200,
        "/en/search/?q=festival": 200,
    }
    for path, status in pages.items():
        assert watch.visit(path).status == status, path
        watch.collect()
    # Suggestions while typing: the search script asks the autocomplete API and lists its answers.
    watch.tab.locator("#search-q").fill("")
    watch.tab.locator("#search-q").press_sequentially("festi", delay=50)
    watch.tab.get_by_role("listbox").get_by_role("option").first.wait_for()
    watch.collect()
    assert not watch.refused, watch.refused


def test_a_logged_in_readers_public_pages_with_wagtails_userbar_run_with_nothing_refused(
    browse, client, moderator
):
    client.force_login(moderator)
    watch = PolicyWatch(browse())
    # The userbar loads its scripts from the host the page was asked from, which Django's test client
    # calls testserver: the browser asks that host too, so the page and its scripts share an origin,
    # as they do on a real site.
    assert watch.visit("/en/", origin=TESTSERVER).status == 200
    assert watch.tab.locator("wagtail-userbar").count() == 1
    watch.collect()
    assert not watch.refused, watch.refused


def test_the_admin_runs_with_nothing_refused(browse, client, moderator):
    client.force_login(moderator)
    watch = PolicyWatch(browse())
    tab = watch.tab
    practice = original(GoodPracticePage, PRACTICE)

    watch.visit("/admin/")
    watch.collect()

    # A page's editor: stream fields, Draftail, and the image chooser's modal.
    watch.visit(f"/admin/pages/{practice.pk}/edit/")
    tab.get_by_role("region", name="Lessons learned").get_by_role("textbox").first.press_sequentially(
        " Dodano."
    )
    tab.locator("[data-chooser-action-choose]").first.dispatch_event("click")
    tab.get_by_role("dialog").locator("a[data-chooser-modal-choice]").first.wait_for()
    watch.collect()

    # wagtail-localize's translation editor (the English translation's edit view).
    translation = practice.get_translation(Locale.objects.get(language_code="en"))
    watch.visit(f"/admin/pages/{translation.pk}/edit/")
    tab.get_by_role("heading", name="Bosnian to English translation").first.wait_for()
    tab.get_by_role("button", name="Edit", exact=True).first.click()
    watch.collect()

    # The live preview: Wagtail renders the page in a frame of the edit view.
    workshop = original(WorkshopPage, WORKSHOP)
    watch.visit(f"/admin/pages/{workshop.pk}/edit/")
    tab.locator('button[data-side-panel-toggle="preview"]').click()
    preview = tab.frame_locator("iframe#w-preview-iframe")
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == workshop.title
    watch.collect()

    watch.visit("/admin/reports/translation-status/")
    watch.collect()
    assert not watch.refused, watch.refused
