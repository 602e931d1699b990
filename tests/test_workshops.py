"""Workshops and learning paths on the demo: an agenda's totals (the arithmetic itself is in
test_agenda.py), the kit, the print view, duplication, "Used in N workshops", paths for
self-study, and who may do what."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from practices.models import (
    GoodPracticePage,
    LearningPathPage,
    OrganisationPage,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from tests.factories import agenda, session

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

BUDGET = "budget-that-survives-late-payments"  # Bosnian original by trainer-lejla, with a handout
TWO_DAYS = "reading-the-city-culture-budget"  # Serbian Cyrillic original, 19–20 March 2027


def source(model, slug):
    """The page in the language it was written in (the first created of its translations)."""
    return model.objects.filter(slug=slug).order_by("pk").first()


def in_english(page):
    """The English translation: tests that read interface text read it in English."""
    return page.get_translation(Locale.objects.get(language_code="en"))


def user(username):
    return get_user_model().objects.get(username=username)


def kit_archive(client, workshop):
    response = client.get(workshop.url + "kit/")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def documents_used(workshop):
    """Independently of the kit code: every public document the agenda hands out or links to."""
    found = {}
    for block in workshop.agenda:
        for item in block.value["items"]:
            if item.block_type == "handout":
                found[item.value["document"].pk] = item.value["document"]
            elif item.block_type in ("material", "practice"):
                page = item.value["page"].localized.specific
                if not page.live:
                    continue
                stream = page.files if item.block_type == "material" else page.media
                for attachment in stream:
                    if attachment.block_type == "document":
                        found[attachment.value["document"].pk] = attachment.value["document"]
    return found


def read(document):
    with document.file.open("rb") as handle:
        return handle.read()


def material_used_by(workshop):
    for block in workshop.agenda:
        for item in block.value["items"]:
            if item.block_type == "material":
                return item.value["page"].specific
    raise AssertionError("the workshop uses no material")


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    return page


# --- agenda totals -----------------------------------------------------------------------------


def test_totals_of_a_demo_workshop_add_up():
    workshop = source(WorkshopPage, TWO_DAYS)
    durations = [block.value["duration"] for block in workshop.agenda]
    breaks = [block.value["duration"] for block in workshop.agenda if block.value["method"] == "break"]
    assert workshop.total_minutes == sum(durations)
    assert workshop.break_minutes == sum(breaks) > 0
    assert workshop.days == 2
    assert workshop.slots[-1].day == 2


# --- the workshop page and its print view ------------------------------------------------------


def test_workshop_page_shows_the_timeline(client):
    workshop = in_english(source(WorkshopPage, TWO_DAYS))
    response = client.get(workshop.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Day 2" in html
    assert escape(workshop.slots[0].title) in html
    assert f"{workshop.slots[1].starts:%H:%M}" in html
    assert workshop.total_display in html


def test_deleted_and_unpublished_items_show_as_unavailable(client):
    workshop = in_english(source(WorkshopPage, BUDGET))
    material = material_used_by(workshop)
    for translation in material.get_translations(inclusive=True):
        translation.unpublish()
    response = client.get(workshop.url)
    assert response.status_code == 200
    assert "No longer available" in response.content.decode()
    assert escape(material.title) not in response.content.decode()

    Page.objects.filter(translation_key=material.translation_key).delete()
    workshop = WorkshopPage.objects.get(pk=workshop.pk)
    response = client.get(workshop.url)
    assert response.status_code == 200
    assert "No longer available" in response.content.decode()


def test_print_view_is_a_clean_handout(client):
    workshop = in_english(source(WorkshopPage, BUDGET))
    material = in_english(material_used_by(workshop))
    response = client.get(workshop.url + "print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "noindex" in html
    assert 'class="site-header' not in html
    assert escape(workshop.title) in html
    assert all(escape(block.value) in html for block in workshop.objectives)
    assert all(escape(slot.title) in html for slot in workshop.slots)
    assert f"http://testserver{material.url}" in html
    assert escape(material.summary) in html


# --- the kit -----------------------------------------------------------------------------------


def test_kit_holds_an_index_and_every_public_file_the_workshop_uses(client):
    workshop = source(WorkshopPage, BUDGET)
    archive = kit_archive(client, workshop)
    names = archive.namelist()
    folder = workshop.slug
    assert f"{folder}/index.html" in names
    index = archive.read(f"{folder}/index.html").decode()
    assert escape(workshop.title) in index
    expected = documents_used(workshop)
    assert expected, "the demo workshop hands out files"
    files = [name for name in names if name != f"{folder}/index.html"]
    assert sorted(archive.read(name) for name in files) == sorted(read(doc) for doc in expected.values())
    for name in files:
        assert name.startswith(f"{folder}/files/")
        assert name.removeprefix(f"{folder}/") in index  # the index links every file


def test_kit_leaves_out_unpublished_pages_and_private_documents(client):
    workshop = in_english(source(WorkshopPage, BUDGET))
    material = material_used_by(workshop)
    material_files = [read(doc) for _title, doc in material.localized.specific.public_downloads()]
    assert material_files
    for translation in material.get_translations(inclusive=True):
        translation.unpublish()
    handout = next(
        item.value["document"]
        for block in workshop.agenda
        for item in block.value["items"]
        if item.block_type == "handout"
    )
    private = Collection.get_first_root_node().add_child(name="Trainers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="s3cret"
    )
    handout.collection = private
    handout.save()

    archive = kit_archive(client, WorkshopPage.objects.get(pk=workshop.pk))
    contents = [archive.read(name) for name in archive.namelist()]
    assert not any(data in contents for data in material_files)
    assert read(handout) not in contents
    index = archive.read(f"{workshop.slug}/index.html").decode()
    assert "unpublished or removed" in index


def test_kit_of_a_workshop_without_files_is_just_the_index(client, moderator):
    index_page = WorkshopIndexPage.objects.filter(locale__language_code="en").get()
    workshop = index_page.add_child(
        instance=WorkshopPage(
            title="Open space on shared studios",
            slug="open-space-shared-studios",
            summary="A morning of open space, no materials.",
            organisation=source(WorkshopPage, BUDGET).organisation,
            audience="Anyone who shares a studio",
            level="introductory",
            delivery="in-person",
            objectives=[("outcome", "Name one rule your studio needs.")],
            agenda=agenda(session("Open space", 120, "plenary")),
        )
    )
    publish(workshop, moderator)
    archive = kit_archive(client, workshop)
    assert archive.namelist() == [f"{workshop.slug}/index.html"]
    assert "no files to hand out" in archive.read(f"{workshop.slug}/index.html").decode()


def test_kit_over_the_size_limit_is_refused_with_a_message(client, settings):
    settings.WORKSHOP_KIT_MAX_MB = 0
    workshop = in_english(source(WorkshopPage, BUDGET))
    response = client.get(workshop.url + "kit/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "more than the" in response.content.decode()
    page = client.get(workshop.url).content.decode()
    assert "download them one by one" in page


def test_kit_streams_in_small_pieces(client, moderator):
    workshop = source(WorkshopPage, BUDGET)
    big = Document(title="Recording transcript", collection=Collection.get_first_root_node())
    payload = bytes(range(256)) * (3 * 1024 * 4)  # 3 MiB that do not deflate much
    big.file.save("transcript.bin", ContentFile(payload), save=False)
    big.save()
    raw = list(workshop.agenda.raw_data)
    raw[0]["value"]["items"].append(
        {"type": "handout", "value": {"document": big.pk, "title": "", "description": ""}}
    )
    workshop.agenda = raw
    publish(workshop, moderator)
    response = client.get(WorkshopPage.objects.get(pk=workshop.pk).url + "kit/")
    pieces = list(response.streaming_content)
    assert len(pieces) > 10
    assert max(len(piece) for piece in pieces) < 256 * 1024
    archive = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
    assert payload in [archive.read(name) for name in archive.namelist()]


# --- used in N workshops -----------------------------------------------------------------------


def live_workshops_using(material):
    keys = set()
    translations = set(
        Page.objects.filter(translation_key=material.translation_key).values_list("pk", flat=True)
    )
    for workshop in WorkshopPage.objects.live():
        for block in workshop.agenda:
            pages = {item.value["page"].pk for item in block.value["items"] if item.block_type == "material"}
            if pages & translations:
                keys.add(workshop.translation_key)
    return keys


def test_material_page_says_how_many_workshops_use_it(client):
    material = in_english(source(TrainingMaterialPage, "budget-planning-small-orgs"))
    using = live_workshops_using(material)
    assert len(using) >= 1
    html = client.get(material.url).content.decode()
    label = "Used in 1 workshop" if len(using) == 1 else f"Used in {len(using)} workshops"
    assert label in html

    workshop = WorkshopPage.objects.live().filter(translation_key__in=using).first()
    for translation in workshop.get_translations(inclusive=True):
        translation.unpublish()
    html = client.get(material.url).content.decode()
    assert escape(workshop.title) not in html
    if len(using) == 1:
        assert "Used in" not in html
    else:
        assert f"Used in {len(using) - 1} workshop" in html


def test_practice_page_links_the_workshops_that_discuss_it(client):
    workshop = source(WorkshopPage, BUDGET)
    practice = next(
        item.value["page"].specific
        for block in workshop.agenda
        for item in block.value["items"]
        if item.block_type == "practice"
    )
    html = client.get(in_english(practice).url).content.decode()
    assert "Used in" in html
    assert in_english(workshop).url in html


# --- duplicating -------------------------------------------------------------------------------


def test_trainer_duplicates_another_trainers_workshop_as_own_draft(client):
    original = source(WorkshopPage, BUDGET)
    ivana = user("trainer-ivana")
    client.force_login(ivana)
    assert client.get(reverse("practices_duplicate_workshop", args=[original.pk])).status_code == 200
    response = client.post(reverse("practices_duplicate_workshop", args=[original.pk]))
    copy = WorkshopPage.objects.exclude(pk=original.pk).get(title__endswith="(copy)")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.owner == ivana
    assert not copy.live
    assert copy.get_parent().pk == original.get_parent().pk
    assert copy.translation_key != original.translation_key
    assert copy.slug != original.slug
    assert [block.value["title"] for block in copy.agenda] == [
        block.value["title"] for block in original.agenda
    ]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[original.pk])).status_code in (302, 403)


def test_workshop_page_offers_duplication_to_trainers_only(client, editor_of):
    workshop = source(WorkshopPage, BUDGET)
    duplicate_url = reverse("practices_duplicate_workshop", args=[workshop.pk])
    assert duplicate_url not in client.get(workshop.url).content.decode()
    client.force_login(user("trainer-dren"))
    assert duplicate_url in client.get(workshop.url).content.decode()
    client.force_login(editor_of("pokret-tuzla"))
    assert duplicate_url not in client.get(workshop.url).content.decode()


def test_who_may_not_duplicate(client, editor_of):
    workshop = source(WorkshopPage, BUDGET)
    url = reverse("practices_duplicate_workshop", args=[workshop.pk])
    count = WorkshopPage.objects.count()
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(editor_of("pokret-tuzla"))
    assert client.post(url).status_code in (302, 403)
    assert WorkshopPage.objects.count() == count


# --- roles -------------------------------------------------------------------------------------


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def test_trainer_may_create_workshops_and_paths_in_every_language(client):
    client.force_login(user("trainer-elena"))
    for index_page in WorkshopIndexPage.objects.all():
        assert client.get(add_url(WorkshopPage, index_page)).status_code == 200
    path_index = source(LearningPathPage, "a-building-of-our-own").get_parent()
    assert client.get(add_url(LearningPathPage, path_index)).status_code == 200


def test_trainer_edits_own_workshop_but_not_anothers_and_never_publishes(client):
    own, other = source(WorkshopPage, BUDGET), source(WorkshopPage, TWO_DAYS)
    lejla = user("trainer-lejla")
    client.force_login(lejla)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code in (302, 403)
    assert not own.permissions_for_user(lejla).can_publish()


def test_trainer_cannot_touch_organisation_content(client):
    client.force_login(user("trainer-lejla"))
    profile = OrganisationPage.objects.filter(organisation__slug="kulturni-centar-most").first()
    assert client.get(add_url(GoodPracticePage, profile)).status_code in (302, 403)
    practice = GoodPracticePage.objects.child_of(profile).first()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).status_code in (302, 403)


def test_organisation_editor_cannot_create_workshops(client, editor_of):
    client.force_login(editor_of("kulturni-centar-most"))
    index_page = WorkshopIndexPage.objects.filter(locale__language_code="en").get()
    assert client.get(add_url(WorkshopPage, index_page)).status_code in (302, 403)


# --- learning paths ----------------------------------------------------------------------------


def test_path_page_lists_steps_that_remember_the_path(client):
    path = source(LearningPathPage, "money-without-panic")
    html = client.get(path.url).content.decode()
    assert len(path.path_steps) >= 4
    for step in path.path_steps:
        assert f"{step.item.url}?path={path.pk}" in html
        assert escape(step.note) in html


def test_each_step_shows_where_the_path_goes_next(client):
    path = source(LearningPathPage, "money-without-panic").localized  # links stay in the reader's language
    steps = path.path_steps
    html = client.get(f"{steps[1].item.url}?path={path.pk}").content.decode()
    assert f"Step 2 of {len(steps)}" in html
    assert f"{steps[2].item.url}?path={path.pk}" in html
    assert f"{steps[0].item.url}?path={path.pk}" in html
    last = client.get(f"{steps[-1].item.url}?path={path.pk}").content.decode()
    assert "last step of the path" in last


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999", "0", "", "²", "٣", "１", "9" * 5000])
def test_bad_path_parameters_are_ignored(client, value):
    material = source(TrainingMaterialPage, "budget-planning-small-orgs")
    response = client.get(material.url, {"path": value})
    assert response.status_code == 200
    assert "in the learning path" not in response.content.decode()


def test_path_id_in_digits_of_another_script_is_ignored(client):
    path = source(LearningPathPage, "money-without-panic").localized
    step = path.path_steps[1]
    other_digits = str(path.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = client.get(step.item.url, {"path": other_digits})
    assert response.status_code == 200
    assert "Step 2 of" not in response.content.decode()


def test_path_parameter_of_a_path_without_the_page_is_ignored(client):
    path = source(LearningPathPage, "money-without-panic")
    in_path = {step.item.page.translation_key for step in path.path_steps}
    elsewhere = TrainingMaterialPage.objects.live().exclude(translation_key__in=in_path).first()
    response = client.get(elsewhere.url, {"path": path.pk})
    assert response.status_code == 200
    assert "in the learning path" not in response.content.decode()


# --- listings ----------------------------------------------------------------------------------


def test_workshop_listing_filters_by_format(client):
    listing = WorkshopIndexPage.objects.filter(locale__language_code="en").get()
    everything = client.get(listing.url).content.decode()
    online = client.get(listing.url, {"delivery": "online"}).content.decode()
    in_person = WorkshopPage.objects.live().filter(delivery="in-person", locale__language_code="en").first()
    assert escape(in_person.title) in everything
    assert escape(in_person.title) not in online
    assert "these filters" in online


def test_path_listing_renders_every_path(client):
    listing = source(LearningPathPage, "money-without-panic").get_parent().localized
    html = client.get(listing.url).content.decode()
    for path in LearningPathPage.objects.live().filter(locale=listing.locale):
        assert escape(path.title) in html


# --- the editor's form -------------------------------------------------------------------------


def workshop_form(client, workshop, sessions, **fields):
    """The edit form of ``workshop`` as its trainer sees it, with this agenda and these fields."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[workshop.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        nested_form_data(
            {
                "objectives": streamfield([("outcome", block.value) for block in workshop.objectives]),
                "agenda": streamfield(
                    [
                        (
                            "session",
                            {
                                "title": title,
                                "duration": str(minutes),
                                "method": "input",
                                "starts_new_day": "",
                                "description": rich_text(""),
                                "items": streamfield([]),
                            },
                        )
                        for title, minutes in sessions
                    ]
                ),
            }
        )
    )
    for name, value in fields.items():
        data[name] = value
    return data


@pytest.mark.parametrize(
    ("sessions", "fields", "message"),
    [
        ([("Opening", 0)], {}, "greater than or equal to 5"),
        ([("Marathon", 481)], {}, "less than or equal to 480"),
        ([("Opening", "soon")], {}, "Enter a whole number"),
        ([("Evening", 240), ("Night", 120)], {"day_starts_at": "20:00"}, "after midnight"),
        ([("Opening", 30)], {"starts_on": "2027-03-12", "ends_on": "2027-03-10"}, "cannot be before"),
    ],
)
def test_bad_agendas_get_form_errors_and_nothing_is_saved(client, sessions, fields, message):
    workshop = source(WorkshopPage, BUDGET)
    client.force_login(user("trainer-lejla"))
    data = workshop_form(client, workshop, sessions, **fields)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[workshop.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert workshop.get_latest_revision().pk == WorkshopPage.objects.get(pk=workshop.pk).latest_revision_id


def test_a_good_agenda_is_saved_as_a_draft(client):
    workshop = source(WorkshopPage, BUDGET)
    client.force_login(user("trainer-lejla"))
    data = workshop_form(client, workshop, [("Opening", 30), ("Exercise", 90)])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[workshop.pk]), data)
    assert response.status_code == 302
    draft = WorkshopPage.objects.get(pk=workshop.pk).get_latest_revision_as_object()
    assert [slot.title for slot in draft.slots] == ["Opening", "Exercise"]
    assert draft.total_minutes == 120


def test_kit_lists_a_file_missing_from_storage_instead_of_breaking(client, moderator):
    workshop = in_english(source(WorkshopPage, BUDGET))
    lost = Document(title="Lost sign-up sheet", collection=Collection.get_first_root_node())
    lost.file.save("sign-up.pdf", ContentFile(b"%PDF-1.4 lost"), save=False)
    lost.save()
    raw = list(workshop.agenda.raw_data)
    raw[0]["value"]["items"].append(
        {"type": "handout", "value": {"document": lost.pk, "title": "", "description": ""}}
    )
    workshop.agenda = raw
    publish(workshop, moderator)
    lost.file.storage.delete(lost.file.name)
    archive = kit_archive(client, WorkshopPage.objects.get(pk=workshop.pk))
    assert archive.testzip() is None
    assert not any(name.endswith(".pdf") and "sign-up" in name for name in archive.namelist())
    assert "unpublished or removed" in archive.read(f"{workshop.slug}/index.html").decode()
