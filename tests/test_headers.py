"""The headers every answer carries: a Content-Security-Policy (the admin's looser, for what Wagtail
needs), a Permissions-Policy, compression of text, caching that never keeps a logged-in person's
page, and document downloads with honest headers. Browsers enforce them in
tests/test_browser_headers.py."""

import base64
import gzip
import hashlib
import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Collection

from practices.models import GoodPracticePage, WorkshopPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

Document = get_document_model()
HOME = "/en/"


def directives(response):
    """The response's Content-Security-Policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def style_hash(css):
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


def test_public_pages_allow_only_the_hubs_own_scripts_styles_and_images(client):
    policy = directives(client.get(HOME))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in policy["style-src"][1:])
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_a_pages_inline_styles_are_allowed_by_their_hash_and_nothing_else(client):
    response = client.get(HOME)
    inline = re.findall(r"<style[^>]*>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert inline, "the home page prints link addresses after its origin, set in an inline style"
    assert directives(response)["style-src"] == ["'self'", *map(style_hash, inline)]


def test_the_printable_handouts_inline_stylesheet_is_allowed(client):
    workshop = WorkshopPage.objects.live().filter(locale__language_code="en").first()
    response = client.get(workshop.url + "print/")
    assert response.status_code == 200
    inline = re.findall(r"<style[^>]*>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert inline, "the handout has its stylesheet inline, as the kit's copy of it does"
    assert set(map(style_hash, inline)) <= set(directives(response)["style-src"])


@pytest.mark.parametrize("path", ["/api/search/?q=festival", "/en/no-such-page/", "/api/v2/pages/"])
def test_every_answer_has_a_policy(client, path):
    response = client.get(path)
    assert directives(response)["script-src"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_has_the_policy_wagtail_needs_and_may_frame_its_own_preview(client, moderator):
    client.force_login(moderator)
    practice = GoodPracticePage.objects.live().filter(locale__language_code="en").first()
    response = client.get(f"/admin/pages/{practice.pk}/edit/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


@pytest.mark.parametrize("feature", ["camera", "microphone", "geolocation", "payment", "usb"])
def test_powerful_browser_features_are_off(client, feature):
    policy = client.get(HOME)["Permissions-Policy"]
    assert f"{feature}=()" in [item.strip() for item in policy.split(",")]


def test_the_home_page_is_sent_gzipped_to_browsers_that_ask(client):
    plain = client.get(HOME)
    packed = client.get(HOME, headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3


def test_a_page_every_reader_is_sent_alike_is_compressed_once(client, database_search):
    """Django adds random bytes to every compressed response: the same bytes twice were kept."""
    first = client.get(HOME, headers={"accept-encoding": "gzip"})
    again = client.get(HOME, headers={"accept-encoding": "gzip"})
    assert again.content == first.content
    assert gzip.decompress(again.content) == client.get(HOME).content
    assert again["ETag"] == first["ETag"] and again["ETag"].startswith('W/"')
    assert again["Content-Length"] == str(len(again.content))


def test_a_page_with_a_form_is_compressed_for_each_reader(client):
    """Its form's CSRF token is masked afresh for every response."""
    practices = GoodPracticePage.objects.live().filter(locale__language_code="en")
    url = practices.exclude(organisation__email="", organisation__enquiries_email="").first().url
    first = client.get(url, headers={"accept-encoding": "gzip"})
    again = client.get(url, headers={"accept-encoding": "gzip"})
    assert b"csrfmiddlewaretoken" in gzip.decompress(again.content)
    assert again.content != first.content


def test_anonymous_pages_are_revalidated_and_answered_304_when_unchanged(client):
    response = client.get(HOME)
    assert response["Cache-Control"] == "no-cache"
    assert "Cookie" in response["Vary"]
    assert response["ETag"]
    again = client.get(HOME, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_a_logged_in_persons_pages_are_never_stored(client, moderator):
    client.force_login(moderator)
    response = client.get(HOME)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "no-cache"} <= cache_control
    assert "Cookie" in response["Vary"]
    assert "ETag" not in response


@pytest.fixture
def document_without_hash():
    """A document saved without Wagtail's form, as the demo loader and imports save them."""
    document = Document.objects.create(
        title="Minutes",
        file=ContentFile(b"%PDF-1.4 minutes of the assembly", name="minutes.pdf"),
        collection=Collection.get_first_root_node(),
    )
    assert document.file_hash == ""
    yield document
    document.file.delete(save=False)


def test_documents_have_a_real_etag_and_no_content_encoding(client, document_without_hash):
    response = client.get(document_without_hash.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes of the assembly"
    assert "Content-Encoding" not in response
    document_without_hash.refresh_from_db()
    assert document_without_hash.file_hash
    assert response["ETag"] == f'"{document_without_hash.file_hash}"'
    assert (
        client.get(document_without_hash.url, headers={"if-none-match": response["ETag"]}).status_code == 304
    )


def test_documents_are_not_gzipped_and_keep_their_length(client, document_without_hash):
    response = client.get(document_without_hash.url, headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(len(b"%PDF-1.4 minutes of the assembly"))
    assert response["Content-Security-Policy"] == "default-src 'none'"  # Wagtail's own, kept


PLAYER = "https://www.youtube.com/embed/kooperativa"


def test_an_embedded_video_plays_in_its_frame_with_no_inline_style(client):
    address = "https://www.youtube.com/watch?v=kooperativa"
    Embed.objects.create(
        url=address,
        hash=get_embed_hash(address),
        html=f'<iframe width="200" height="113" src="{PLAYER}" title="Stage"></iframe>',
        type="video",
        width=200,
        height=113,
    )
    practice = GoodPracticePage.objects.live().filter(locale__language_code="en").first()
    practice.media.append(("video", {"video": address, "caption": "The first night"}))
    practice.save_revision().publish()
    response = client.get(practice.url)
    video = re.search(r'<figure class="block-video">.*?</figure>', response.content.decode(), re.DOTALL)
    assert f'src="{PLAYER}"' in video.group()
    assert "style=" not in video.group()
    assert "https://www.youtube.com" in directives(response)["frame-src"]
