"""An editor's images and documents: their organisation's collection and the shared one, through
Wagtail's own choosers and upload views."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from demo.assets import logo_png
from practices import roles
from tests.factories import OrganisationPageFactory, UserFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


def image_in(collection, title):
    return Image.objects.create(
        title=title, file=ContentFile(logo_png(title), name=f"{title}.png"), collection=collection
    )


def document_in(collection, title):
    return Document.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 " + title.encode(), name=f"{title}.pdf"),
        collection=collection,
    )


@pytest.fixture
def organisations():
    """Two member organisations, each with its editors group and collection (made with its profile)."""
    return [OrganisationPageFactory().organisation for _ in range(2)]


@pytest.fixture
def editor(organisations):
    group = Group.objects.get(name=roles.editors_group_name(organisations[0]))
    return UserFactory(groups=[group])


@pytest.fixture
def files(organisations):
    own, other = (roles.organisation_collection(organisation) for organisation in organisations)
    shared = roles.shared_collection()
    return {
        "own": (image_in(own, "unit-own-poster"), document_in(own, "unit-own-budget")),
        "other": (image_in(other, "unit-other-poster"), document_in(other, "unit-other-budget")),
        "shared": (image_in(shared, "unit-network-logo"), document_in(shared, "unit-network-statute")),
    }


def chooser(client, url_name, **params):
    """The chooser modal's HTML, and the names of the collections its filter offers."""
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    select = BeautifulSoup(html, "html.parser").find("select", {"name": "collection_id"})
    offered = {
        option.get_text(strip=True).lstrip("↳ ") for option in select.find_all("option") if option["value"]
    }
    return html, offered


@pytest.mark.parametrize(
    ("url_name", "kind"), [("wagtailimages_chooser:choose", 0), ("wagtaildocs_chooser:choose", 1)]
)
def test_the_chooser_offers_the_editors_organisation_and_the_shared_collection_only(
    client, editor, organisations, files, url_name, kind
):
    client.force_login(editor)
    html, offered = chooser(client, url_name)
    assert offered == {organisations[0].name, roles.SHARED_COLLECTION}
    assert files["own"][kind].title in html
    assert files["shared"][kind].title in html
    assert files["other"][kind].title not in html

    other_collection = roles.organisation_collection(organisations[1])
    html, _offered = chooser(client, url_name, collection_id=other_collection.pk)
    assert files["other"][kind].title not in html


def test_an_upload_from_the_image_chooser_lands_in_the_editors_collection(client, editor, organisations):
    client.force_login(editor)
    upload_form = BeautifulSoup(
        json.loads(client.get(reverse("wagtailimages_chooser:choose")).content)["html"], "html.parser"
    ).find("form", {"action": reverse("wagtailimages_chooser:create")})
    assert upload_form.find(attrs={"name": "image-chooser-upload-collection"}) is None, "nothing to pick"

    image_file = io.BytesIO(logo_png("unit-upload"))
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "unit-rehearsal-photo",
            "image-chooser-upload-file": SimpleUploadedFile(
                "rehearsal.png", image_file.getvalue(), "image/png"
            ),
        },
    )
    assert response.status_code == 200
    uploaded = Image.objects.get(title="unit-rehearsal-photo")
    assert uploaded.collection == roles.organisation_collection(organisations[0])


def test_an_upload_from_the_documents_menu_lands_in_the_editors_collection(client, editor, organisations):
    client.force_login(editor)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "unit-annual-report", "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report")},
    )
    assert response.status_code == 302
    uploaded = Document.objects.get(title="unit-annual-report")
    assert uploaded.collection == roles.organisation_collection(organisations[0])


def test_trainers_choose_handouts_and_shared_documents(client, organisations, files):
    trainers = roles.ensure_trainers()
    client.force_login(UserFactory(groups=[trainers]))
    html, offered = chooser(client, "wagtaildocs_chooser:choose")
    assert offered == {roles.HANDOUTS_COLLECTION, roles.SHARED_COLLECTION}
    assert files["shared"][1].title in html
    assert files["own"][1].title not in html


def test_trainers_upload_their_workshops_images_into_the_handouts_and_choose_shared_ones_too(
    client, organisations, files
):
    trainers = roles.ensure_trainers()
    client.force_login(UserFactory(groups=[trainers]))
    html, offered = chooser(client, "wagtailimages_chooser:choose")
    assert offered == {roles.HANDOUTS_COLLECTION, roles.SHARED_COLLECTION}
    assert files["shared"][0].title in html
    assert files["own"][0].title not in html
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "unit-workshop-photo",
            "image-chooser-upload-file": SimpleUploadedFile(
                "workshop.png", logo_png("unit-workshop"), "image/png"
            ),
        },
    )
    assert response.status_code == 200
    assert Image.objects.get(title="unit-workshop-photo").collection == roles.handouts_collection()


def test_setup_roles_takes_back_the_choice_of_every_collection(organisations):
    group = Group.objects.get(name=roles.editors_group_name(organisations[0]))
    root = Collection.get_first_root_node()
    GroupCollectionPermission.objects.create(
        group=group, collection=root, permission=Permission.objects.get(codename="choose_image")
    )
    roles.setup_roles()
    assert not GroupCollectionPermission.objects.filter(group=group, collection=root).exists()
    assert GroupCollectionPermission.objects.filter(
        group=group, collection=roles.shared_collection(), permission__codename="choose_image"
    ).exists()
