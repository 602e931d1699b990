"""An organisation's editor writes a good practice with a photograph, the moderator approves it, the
editor translates it and submits the translation, the moderator approves that too, and the
translation status report says it is translated: in a real browser (tests/browser.py,
tests/admin_ui.py), asserted in the database and on the public pages."""

import io

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from wagtail.models import Locale

from practices.models import GoodPracticePage, OrganisationPage
from practices.roles import organisation_collection
from tests.admin_ui import (
    append_block,
    approve_on_dashboard,
    chooser,
    region,
    save_draft,
    stream,
    submit_for_review,
)
from tests.browser import BASE, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.demo, pytest.mark.usefixtures("without_autosave")]

ORGANISATION = "kaleidoskop-skopje"
TITLE = "Ноќ на отворените ателјеа во Чаир"
SUMMARY = "Една ноќ во годината уметниците од Чаир ги отвораат своите ателјеа за соседите."
SECTIONS = {
    "Context and challenge": (
        "Соседите не знаеја дека во маалото работат уметници, а уметниците не ги познаваа соседите."
    ),
    "Approach and activities": (
        "Секоја есен, една сабота, ателјеата се отворени до полноќ, со мапа на хартија и водичи од маалото."
    ),
    "Results and evidence of impact": "Дојдоа 600 посетители, 40 отсто од нив за прв пат во некое ателје.",
    "Lessons learned": (
        "Мапата на хартија работеше подобро од апликацијата; рекламата на радио не донесе никого."
    ),
    "Transferability": (
        "Доволни се пет ателјеа, по еден волонтер во секое и договор со општината за уличното осветлување."
    ),
}
PHOTO_TITLE = "Ноќ на отворените ателјеа, 2023"
ALT_TEXT = "Посетители разгледуваат слики во ателје"
ENGLISH_TITLE = "Open Studios Night in Čair"
ENGLISH = {
    TITLE: ENGLISH_TITLE,
    SUMMARY: "One night a year, the artists of Čair open their studios to their neighbours.",
    SECTIONS["Context and challenge"]: (
        "The neighbours did not know that artists worked in their quarter, and the artists did not know "
        "their neighbours."
    ),
    SECTIONS["Approach and activities"]: (
        "Every autumn, on one Saturday, the studios stay open until midnight, with a paper map and guides "
        "from the neighbourhood."
    ),
    SECTIONS[
        "Results and evidence of impact"
    ]: "600 visitors came, 40 per cent of them into a studio for the first time.",
    SECTIONS["Lessons learned"]: "The paper map worked better than the app; the radio advert brought nobody.",
    SECTIONS["Transferability"]: (
        "Five studios are enough, with a volunteer in each and an agreement with the municipality about "
        "street lighting."
    ),
    ALT_TEXT: "Visitors looking at paintings in a studio",
}
ENGLISH_SLUG = "open-studios-night-in-cair"


def photograph():
    """A PNG an editor might upload: a lit window in a dark street."""
    image = Image.new("RGB", (1200, 800), "#1d3557")
    ImageDraw.Draw(image).rectangle((420, 220, 780, 600), fill="#f4d35e")
    data = io.BytesIO()
    image.save(data, "PNG")
    return {"name": "otvoreni-ateljea.png", "mimeType": "image/png", "buffer": data.getvalue()}


def test_an_editor_publishes_a_practice_and_its_translation_through_review(
    browse, client, editor_of, moderator
):
    editor = editor_of(ORGANISATION)
    profile = OrganisationPage.objects.get(organisation__slug=ORGANISATION, locale__language_code="mk")
    client.force_login(editor)
    tab = browse(locale="mk")

    tab.goto(f"{BASE}/admin/pages/{profile.pk}/")
    tab.get_by_role("link", name="Add child page").first.click()
    tab.get_by_role("link", name="Good practice", exact=True).click()
    tab.get_by_role("textbox", name="Title*", exact=True).fill(TITLE)
    tab.get_by_role("textbox", name="Summary").fill(SUMMARY)
    tab.get_by_role("checkbox", name="North Macedonia").check()
    tab.get_by_role("checkbox", name="Audience development").check()
    tab.get_by_role("spinbutton", name="Start year").fill("2022")
    for heading, text in SECTIONS.items():
        region(tab, heading).get_by_role("textbox").fill(text)  # Draftail: typing into its editor
    tab.get_by_role("combobox", name="Budget range").select_option(index=1)
    figure = append_block(stream(region(tab, "Images, videos, attachments and links")), "Image")
    figure.get_by_role("button", name="Choose an image").click()
    modal = chooser(tab)
    modal.get_by_role("tab", name="Upload").click()
    modal.get_by_label("File").set_input_files(photograph())
    title = modal.get_by_role("textbox", name="Title")
    expect(title).to_have_value("otvoreni-ateljea")  # Wagtail's suggestion, from the file's name
    title.fill(PHOTO_TITLE)
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_have_count(0)
    figure.get_by_role("textbox", name="Alt text").fill(ALT_TEXT)
    save_draft(tab)

    practice = GoodPracticePage.objects.get(title=TITLE)
    assert practice.get_parent().pk == profile.pk and not practice.live
    assert practice.organisation.slug == ORGANISATION
    (figure_block,) = practice.get_latest_revision_as_object().media
    photo = figure_block.value["image"]
    assert photo.title == PHOTO_TITLE and photo.contextual_alt_text == ALT_TEXT
    assert photo.collection == organisation_collection(profile.organisation), (
        "uploaded to their own collection"
    )

    submit_for_review(tab)
    client.force_login(moderator)
    approve_on_dashboard(tab, TITLE)
    practice.refresh_from_db()
    assert practice.live and practice.platform_review.finished_by == moderator

    client.force_login(editor)
    tab.goto(f"{BASE}/admin/pages/{practice.pk}/edit/")
    tab.get_by_role("button", name="Actions").first.click()
    tab.get_by_role("link", name="Translate").click()
    tab.get_by_role("checkbox", name="English").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Submit").click()
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    assert not english.live

    # wagtail-localize's translation editor: each text of the page, translated one by one; the slug
    # is under "Promote".
    english_of = {**ENGLISH, practice.slug: ENGLISH_SLUG}
    untranslated = tab.get_by_role("button", name="Translate", exact=True)
    for panel in ("Promote", "Content"):
        tab.get_by_role("tab", name=panel).click()
        for remaining in range(untranslated.count(), 0, -1):
            untranslated.first.click()
            segment = tab.locator("li").filter(has=tab.locator("textarea")).last
            segment.locator("textarea").fill(english_of.pop(segment.locator("p").first.inner_text()))
            segment.get_by_role("button", name="Save").click()
            expect(untranslated).to_have_count(remaining - 1)
    assert not english_of, "every text was offered for translation"
    submit = tab.get_by_role("button", name="Submit for review")
    submit.evaluate("button => button.scrollIntoView({block: 'center'})")  # back to the top
    screenshot(tab, "translation-editor", readme=True)
    with tab.expect_navigation():
        submit.click()
    english.refresh_from_db()
    assert english.workflow_in_progress and not english.live
    assert english.get_latest_revision_as_object().title == ENGLISH_TITLE

    client.force_login(moderator)
    approve_on_dashboard(tab, ENGLISH_TITLE)
    english.refresh_from_db()
    assert english.live and english.title == ENGLISH_TITLE and english.slug == ENGLISH_SLUG

    client.logout()
    tab.goto(BASE + english.url)
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.get_by_role("heading", level=1).inner_text() == ENGLISH_TITLE
    shown = tab.get_by_role("img", name=ENGLISH[ALT_TEXT])
    shown.scroll_into_view_if_needed()
    tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
    for text in SECTIONS.values():
        expect(tab.get_by_text(ENGLISH[text])).to_be_visible()

    client.force_login(editor)
    tab.goto(f"{BASE}/admin/")
    menu = tab.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Reports").click()
    menu.get_by_role("link", name="Translation status").click()
    row = tab.get_by_role("row").filter(has=tab.get_by_role("link", name=TITLE, exact=True))
    expect(row.get_by_title("Macedonian: Source")).to_have_count(1)
    expect(row.get_by_title("English: Translated")).to_have_count(1)
    screenshot(tab, "translation-status")
