"""Whatever a visitor or an editor sends, the answer is a page, a 4xx with a message, never a 500."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from practices.blocks import StrictStreamBlock
from practices.models import GoodPracticePage, WorkshopPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

API_ENDPOINTS = ["pages", "images", "documents"]

BAD_API_QUERIES = [
    "offset=99999999999999999999999",
    "limit=99999999999999999999999",
    "offset=²",
    "limit=٣",
    "offset=" + "9" * 5000,
    "search=%00",
    "search=a%00b",
    "id=",
    "id=abc",
    "id=99999999999999999999999",
    "id=²",
    "title=%00",
    "first_published_at=x",
    "order=title&search=x",
    "fields=*",
    "fields=_,title(",
    "type=x.y",
    "child_of=99999999999999999999999",
    "descendant_of=²",
    "translation_of=%00",
    "locale=%00",
    "html_path=%00",
    "%00=x",
    "search=x&search_operator=xor",
    "first_published_at=2020-13-45",
    "type=practices.WorkshopPage&starts_on=x",
]


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
@pytest.mark.parametrize("query", BAD_API_QUERIES)
def test_bad_input_on_the_read_api_gives_a_clear_4xx(client, endpoint, query):
    for url in (f"/api/v2/{endpoint}/", f"/api/v2/{endpoint}/find/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 302, 400, 404), (url, query, response.content[:300])
        if response.status_code == 400:
            assert response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/pages/?search=%00",
        "/api/v2/pages/?first_published_at=x",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/images/find/?id=²",
        "/api/v2/documents/?limit=١",
    ],
)
def test_the_read_api_answers_bad_parameters_with_its_own_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"]


# --- the admin's edit form ---------------------------------------------------------------------


def edit_form(client, page, user, **stream_fields):
    """The edit form of ``page`` as ``user`` posts it, with these stream fields."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data(stream_fields))
    return data


def practice_form(client, editor_of):
    # The first is the original; translations open in wagtail-localize's editor instead.
    practice = (
        GoodPracticePage.objects.live().filter(organisation__slug="kulturni-centar-most").order_by("pk")[0]
    )
    return practice, edit_form(client, practice, editor_of("kulturni-centar-most"), media=streamfield([]))


def workshop_form(client):
    workshop = WorkshopPage.objects.live().get(
        slug="budget-that-survives-late-payments", locale__language_code="bs"
    )
    session = {
        "title": "Opening",
        "duration": "30",
        "method": "input",
        "starts_new_day": "",
        "description": rich_text(""),
        "items": streamfield([]),
    }
    data = edit_form(
        client,
        workshop,
        get_user_model().objects.get(username="trainer-lejla"),
        objectives=streamfield([("outcome", block.value) for block in workshop.objectives]),
        agenda=streamfield([("session", session)]),
    )
    return workshop, data


MALFORMED_STREAM_DATA = [
    ("practice", "media-count", None),
    ("practice", "media-count", "abc"),
    ("practice", "media-count", "²"),
    ("practice", "media-count", "1"),
    ("workshop", "agenda-count", None),
    ("workshop", "agenda-0-type", None),
    ("workshop", "agenda-0-order", "first"),
    ("workshop", "agenda-0-deleted", None),
    ("workshop", "agenda-0-value-items-count", None),
    ("workshop", "agenda-0-value-items-count", "3"),
]


@pytest.mark.parametrize(("kind", "name", "value"), MALFORMED_STREAM_DATA)
def test_malformed_stream_field_data_is_a_bad_request_not_a_500(client, editor_of, kind, name, value):
    page, data = practice_form(client, editor_of) if kind == "practice" else workshop_form(client)
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    latest_revision = type(page).objects.get(pk=page.pk).latest_revision_id
    if value is None:
        del data[name]
    else:
        data[name] = value
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
    ):
        assert client.post(url, data).status_code == 400, url
    assert type(page).objects.get(pk=page.pk).latest_revision_id == latest_revision


@pytest.mark.parametrize("search_backend", ["elasticsearch", "database_search"])
def test_an_editor_previews_a_practice_with_its_similar_practices(client, editor_of, request, search_backend):
    """The preview is of an unsaved copy of the page, whose themes are not in the database yet."""
    request.getfixturevalue(search_backend)
    practice, data = practice_form(client, editor_of)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[practice.pk])
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert practice.title in response.content.decode()


def blocks_within(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from blocks_within(child)
    if isinstance(block, blocks.ListBlock):
        yield from blocks_within(block.child_block)


def test_every_stream_field_of_the_site_reads_its_form_strictly():
    loose_blocks = [
        f"{model.__name__}.{field.name}: {type(block).__name__}"
        for model in apps.get_models()
        if model.__module__.startswith(("home.", "practices.", "search."))
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
        for block in blocks_within(field.stream_block)
        if isinstance(block, (blocks.StreamBlock, blocks.ListBlock))
        and not isinstance(block, StrictStreamBlock)
    ]
    assert loose_blocks == [], (
        "use practices.blocks.StrictStreamBlock (and no ListBlock, which reads its form alike)"
    )
