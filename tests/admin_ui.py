"""Wagtail's admin as people use it, for the browser journeys: its stream fields, choosers and the
review workflow's buttons, found by their roles and labels. Where Wagtail gives a widget no
accessible name (a stream field's insert buttons and blocks), its own data attributes are used."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser import BASE

EDIT_VIEW = re.compile(r"/admin/pages/\d+/edit/$")


def region(tab, heading):
    """A section of the edit form, by its heading (a field's label, a panel's heading)."""
    return tab.get_by_role("region", name=heading)


def stream(scope):
    """The outermost stream field inside ``scope``: its blocks and its "Insert a block" buttons."""
    return scope.locator("[data-streamfield-stream-container]").first


def append_block(stream_field, block_type=None):
    """Adds a block at the end of a stream field and returns it; ``block_type`` is the label to pick
    in the block menu, for a stream that offers more than one kind."""
    stream_field.locator(":scope > div > .c-sf-add-button").last.click()
    if block_type:
        stream_field.page.get_by_role("option", name=block_type, exact=True).click()
    return stream_field.locator(":scope > [data-streamfield-child]").last


def chooser(tab):
    return tab.get_by_role("dialog")


def choose_in_modal(tab, search, choice):
    """Searches a chooser modal (page or snippet) for ``search`` and clicks the result ``choice``."""
    modal = chooser(tab)
    modal.get_by_role("textbox", name="Search term").fill(search)
    modal.get_by_role("link", name=choice, exact=True).click()
    expect(modal).to_have_count(0)


def choose_page(block, title):
    """Opens a page chooser block's modal and picks the page with this title."""
    block.get_by_role("button", name="Choose a page").click()
    choose_in_modal(block.page, title, title)


def save_draft(tab):
    """Saves the page being added or edited, and waits for the edit view Wagtail then shows: the
    navigation may end before the address the test bridge sets for it (tests/browser.py)."""
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()
    try:
        tab.wait_for_url(EDIT_VIEW)
    except PlaywrightTimeoutError:
        # Wagtail showed the form again: say what it found wrong, not only that the address is not
        # the edit view's.
        problems = tab.locator(".error-message, .help-critical, .messages li").all_inner_texts()
        raise AssertionError(f"not saved, at {tab.url}: {problems or tab.title()}") from None


def submit_for_review(tab):
    """The edit form's "Submit to Platform review" (the hub's workflow, in the actions menu)."""
    tab.get_by_role("button", name="More actions").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Submit to Platform review").click()


def approve_on_dashboard(tab, title):
    """A moderator approves the page titled ``title`` from the dashboard's "Awaiting your review"
    panel, with Wagtail's workflow action."""
    tab.goto(f"{BASE}/admin/")
    row = tab.get_by_role("row").filter(has=tab.get_by_role("link", name=title, exact=True))
    row.get_by_role("button", name="Actions").click()
    with tab.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    expect(row).to_have_count(0)
