"""A trainer builds a workshop in the admin, a moderator approves it, readers get its timeline,
handout and kit, and another trainer starts their own from a copy: in a real browser
(tests/browser.py, tests/admin_ui.py), asserted in the database and on the public pages."""

import base64
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from practices.models import (
    GoodPracticePage,
    Organisation,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from tests.admin_ui import (
    append_block,
    approve_on_dashboard,
    choose_in_modal,
    choose_page,
    region,
    save_draft,
    stream,
    submit_for_review,
)
from tests.browser import BASE, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.demo, pytest.mark.usefixtures("without_autosave")]

TITLE = "Волонтерите во независниот културен центар"
SUMMARY = "Еднодневна работилница за тоа како центарот ги наоѓа, обучува и задржува своите волонтери."
AUDIENCE = "Координатори на програми и на волонтери"
OBJECTIVE = "Да изработат план за волонтерската програма на својот центар"
# (title, minutes, method, description, item): the day starts at 9:30, the workshop's default.
SESSIONS = [
    ("Зошто волонтерите остануваат", 45, "Input talk", "", "practice"),
    ("Пауза за кафе", 15, "Break", "", None),
    (
        "Листата за проверка, во мали групи",
        60,
        "Group work",
        "Секоја група ја пополнува листата за својот центар и ја споредува со другите.",
        "material",
    ),
]
STARTS = ["09:30", "10:15", "10:30"]
# What following a link gets, read by the page: Chromium cancels a download that Playwright's
# routing answers (https://github.com/microsoft/playwright/issues/28253).
FETCH = """async (link) => {
  const response = await fetch(link.href);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return [response.status, response.headers.get("content-type"), btoa(String.fromCharCode(...bytes))];
}"""


def user(username):
    return get_user_model().objects.get(username=username)


def macedonian(model):
    return model.objects.live().public().filter(locale__language_code="mk").order_by("pk")


def material_with_a_document():
    for material in macedonian(TrainingMaterialPage):
        if material.public_downloads():
            return material
    raise AssertionError("no Macedonian material hands out a document")


def read(document):
    with document.file.open("rb") as file:
        return file.read()


def label(text, language_code):
    """An interface text as a reader of that language sees it."""
    with translation.override(language_code):
        return translation.gettext(text)


def test_a_trainer_builds_a_workshop_a_moderator_approves_it_and_another_trainer_copies_it(
    browse, client, moderator
):
    elena, ivana = user("trainer-elena"), user("trainer-ivana")
    organisation = Organisation.objects.get(slug="kaleidoskop-skopje", locale__language_code="en")
    listing = WorkshopIndexPage.objects.get(locale__language_code="mk")
    items = {"practice": macedonian(GoodPracticePage).first(), "material": material_with_a_document()}
    client.force_login(elena)
    # Elena reads Macedonian, which Wagtail's admin does not speak: it is in English around her content.
    tab = browse(locale="mk")

    tab.goto(f"{BASE}/admin/")
    tab.get_by_role("link", name="New workshop").click()
    assert tab.url == BASE + reverse("wagtailadmin_pages:add", args=["practices", "workshoppage", listing.pk])
    tab.get_by_role("textbox", name="Title*", exact=True).fill(TITLE)
    tab.get_by_role("textbox", name="Summary").fill(SUMMARY)
    tab.get_by_role("combobox", name="Level").select_option(label="Introductory")
    tab.get_by_role("combobox", name="Format").select_option(label="In person")
    tab.get_by_role("textbox", name="Audience").fill(AUDIENCE)
    tab.get_by_role("button", name="Choose member organisation").click()
    choose_in_modal(tab, organisation.name, organisation.name)
    tab.get_by_role("checkbox", name="Capacity building").check()
    append_block(stream(region(tab, "Learning objectives"))).get_by_role("textbox").fill(OBJECTIVE)
    agenda = stream(region(tab, "Agenda"))
    for title, minutes, method, description, item in SESSIONS:
        session = append_block(agenda)
        session.get_by_role("textbox", name="Title").fill(title)
        session.get_by_role("spinbutton", name="Duration in minutes").fill(str(minutes))
        session.get_by_role("combobox", name="Method").select_option(label=method)
        if description:
            session.locator("[data-contentpath=description]").get_by_role("textbox").fill(description)
        if item:
            kind = "Good practice" if item == "practice" else "Training material"
            choose_page(
                append_block(stream(session.locator("[data-contentpath=items]")), kind), items[item].title
            )
    save_draft(tab)

    workshop = WorkshopPage.objects.get(title=TITLE)
    assert tab.url == BASE + reverse("wagtailadmin_pages:edit", args=[workshop.pk])
    assert workshop.get_parent().pk == listing.pk and workshop.owner == elena and not workshop.live
    draft = workshop.get_latest_revision_as_object()
    assert draft.organisation.translation_key == organisation.translation_key
    assert [slot.title for slot in draft.slots] == [session[0] for session in SESSIONS]
    with translation.override("mk"):
        assert [item.page.pk for item in draft.linked_items()] == [page.pk for page in items.values()]

    submit_for_review(tab)
    workshop.refresh_from_db()
    assert workshop.workflow_in_progress and not workshop.live

    client.force_login(moderator)
    approve_on_dashboard(tab, TITLE)
    workshop.refresh_from_db()
    assert workshop.live and not workshop.workflow_in_progress

    client.logout()
    tab.goto(BASE + workshop.url)
    assert tab.locator("h1").inner_text() == TITLE
    slots = tab.locator(".agenda__slot")
    assert [slot.locator("time").first.inner_text() for slot in slots.all()] == STARTS
    assert slots.last.locator("time").last.inner_text() == "11:30"
    for kind, page in items.items():
        link = tab.get_by_role("link", name=page.title, exact=True)
        assert link.get_attribute("href") == page.url, kind
    screenshot(tab, "workshop-mk", readme=True, full_page=True)

    tab.get_by_role("link", name=label("Printable handout", "mk")).click()
    assert tab.url == BASE + workshop.url + "print/"
    agenda_rows = tab.get_by_role("table").get_by_role("row").all()[1:]
    assert [row.get_by_role("cell").first.inner_text() for row in agenda_rows] == [
        f"{starts}–{ends}" for starts, ends in zip(STARTS, [*STARTS[1:], "11:30"], strict=True)
    ]
    for row, (title, *_rest, item) in zip(agenda_rows, SESSIONS, strict=True):
        assert title in row.inner_text()
        assert item is None or items[item].title in row.inner_text()

    tab.goto(BASE + workshop.url)
    status, content_type, body = tab.get_by_role("link", name=label("Download the kit", "mk")).evaluate(FETCH)
    assert (status, content_type) == (200, "application/zip")
    kit = zipfile.ZipFile(io.BytesIO(base64.b64decode(body)))
    assert f"{workshop.slug}/index.html" in kit.namelist()
    handed_out = [name for name in kit.namelist() if name.startswith(f"{workshop.slug}/files/")]
    documents = {
        document.pk: document for page in items.values() for _title, document in page.public_downloads()
    }
    assert sorted(kit.read(name) for name in handed_out) == sorted(map(read, documents.values()))

    # Ivana reads Serbian in Latin script; her admin is in Croatian, the nearest it has.
    client.force_login(ivana)
    ivanas_tab = browse(locale="sr-Latn")
    ivanas_tab.goto(BASE + workshop.url)
    ivanas_tab.get_by_role("link", name=label("Duplicate this workshop", "mk")).click()
    with ivanas_tab.expect_navigation():
        ivanas_tab.get_by_role("button", name=label("Duplicate this workshop", "hr")).click()

    copy = WorkshopPage.objects.exclude(pk=workshop.pk).get(title__startswith=TITLE)
    assert ivanas_tab.url == BASE + reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.owner == ivana and not copy.live and copy.get_parent().pk == listing.pk
    assert [(slot.title, slot.starts) for slot in copy.slots] == [
        (slot.title, slot.starts) for slot in workshop.slots
    ]
    assert [item.page.pk for item in copy.linked_items()] == [
        item.page.pk for item in workshop.linked_items()
    ]
    assert copy.translation_key != workshop.translation_key, "a workshop of its own, not a translation"
    workshop.refresh_from_db()
    assert workshop.owner == elena and workshop.live
