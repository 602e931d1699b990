"""Uploaded files are exactly as private as the pages and collections they belong to."""

import uuid

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from demo.assets import logo_png
from practices.models import TrainingMaterialPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def file_on_disk():
    """Writes a file under MEDIA_ROOT, where a production server keeps uploads, and removes it after."""
    written = []

    def write(folder, suffix, content, name=None):
        path = settings.MEDIA_ROOT / folder / (name or f"probe-{uuid.uuid4().hex}{suffix}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
        return f"{settings.MEDIA_URL}{folder}/{path.name}"

    yield write
    for path in written:
        path.unlink(missing_ok=True)


def test_document_files_are_never_served_from_the_media_folder(client, file_on_disk):
    url = file_on_disk("documents", ".pdf", b"%PDF-1.4 members only")
    assert client.get(url).status_code == 404


def test_images_are_served_from_the_media_folder(client, file_on_disk):
    url = file_on_disk("original_images", ".png", logo_png("probe"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def restricted_collection():
    collection = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_documents_in_a_restricted_collection_need_a_login(client, moderator):
    content = b"%PDF-1.4 minutes"
    document = Document.objects.create(
        title="Board minutes",
        file=ContentFile(content, name=f"minutes-{uuid.uuid4().hex}.pdf"),
        collection=restricted_collection(),
    )
    assert document.url.startswith("/documents/"), "documents go through Wagtail's view"
    assert client.get(document.url).status_code == 302
    client.force_login(moderator)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


# --- the read API ----------------------------------------------------------------------------


def listed_ids(client, endpoint):
    ids, offset = set(), 0
    while True:
        response = client.get(f"/api/v2/{endpoint}/", {"limit": 20, "offset": offset})
        assert response.status_code == 200
        data = response.json()
        ids.update(item["id"] for item in data["items"])
        offset += 20
        if offset >= data["meta"]["total_count"]:
            return ids


def publish_material_with(document):
    """A live, public English material whose files are just this document."""
    page = TrainingMaterialPage.objects.live().public().filter(locale__language_code="en").first()
    page.files = [("document", {"document": document, "title": "", "description": ""})]
    page.save_revision().publish()
    return page


def new_document(title):
    return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4 text", name=f"{title}.pdf"))


def test_the_api_lists_documents_that_public_pages_use(client):
    document = new_document("seating-plan")
    publish_material_with(document)
    assert document.pk in listed_ids(client, "documents")
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 200


def test_the_api_searches_only_documents_that_public_pages_use(client):
    used = new_document("seating-plan")
    publish_material_with(used)
    new_document("seating-draft")
    response = client.get("/api/v2/documents/", {"search": "seating", "fields": "title"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["seating-plan"]


def test_the_api_hides_uploads_that_no_public_page_uses(client):
    stray_document = new_document("draft-budget")
    stray_image = Image.objects.create(
        title="Unused photo", file=ContentFile(logo_png("unused"), name="unused.png"), width=1, height=1
    )
    assert stray_document.pk not in listed_ids(client, "documents")
    assert stray_image.pk not in listed_ids(client, "images")
    assert client.get(f"/api/v2/documents/{stray_document.pk}/", follow=True).status_code == 404


def test_the_api_hides_files_of_private_pages(client):
    document = new_document("members-handbook")
    page = publish_material_with(document)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert document.pk not in listed_ids(client, "documents")


def test_the_api_lists_images_that_public_pages_show(client):
    assert listed_ids(client, "images"), "organisation logos and page images are public"


def test_the_api_answers_json_only_in_production(client):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
