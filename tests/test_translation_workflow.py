"""Translating content: drafts until reviewed, PO files for offline translators, Serbian in both scripts."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from practices.models import GoodPracticePage
from translation.transliteration import cyrillic_to_latin, derive_other_script, latin_to_cyrillic

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def original(slug):
    return GoodPracticePage.objects.filter(slug=slug).order_by("pk").first()


def test_a_new_translation_is_a_draft_until_reviewed(client, moderator):
    practice = original("kotor-winter-programme-for-residents")
    slovenian = Locale.objects.get(language_code="sl")
    assert practice.get_translation_or_none(slovenian) is None
    client.force_login(moderator)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[practice.pk]), {"locales": [slovenian.pk]}
    )
    assert response.status_code == 302
    translated = practice.get_translation(slovenian)
    assert not translated.live
    assert client.get(f"/sl/organisations/{practice.get_parent().slug}/{practice.slug}/").status_code != 200


def test_po_export_edit_import_round_trip(client, editor_of, moderator):
    practice = original("mostar-shared-youth-stage")
    translation = Translation.objects.get(
        source__object_id=practice.translation_key, target_locale__language_code="en"
    )
    client.force_login(editor_of("kulturni-centar-most"))

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    title_entry = next(entry for entry in po if entry.msgctxt == "title")
    title_entry.msgstr = "Shared Stage: youth theatre across a divided city"

    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("shared-stage-en.po", str(po).encode(), content_type="text/x-gettext")},
    )
    assert upload.status_code == 302
    assert StringTranslation.objects.filter(
        locale__language_code="en", data="Shared Stage: youth theatre across a divided city"
    ).exists()

    live_title = practice.get_translation(Locale.objects.get(language_code="en")).title
    translation.save_target(publish=False)
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    assert (
        english.get_latest_revision_as_object().title == "Shared Stage: youth theatre across a divided city"
    )
    assert english.title == live_title, "the imported text waits for review"
    assert client.get(english.url).content.decode().count("divided city") == 0

    workflow_state = english.get_workflow().start(english, editor_of("kulturni-centar-most"))
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    english.refresh_from_db()
    assert english.title == "Shared Stage: youth theatre across a divided city"


def test_serbian_demo_text_survives_the_round_trip_through_cyrillic():
    texts = [
        text
        for page in GoodPracticePage.objects.filter(locale__language_code="sr-latn")
        for text in (page.title, page.summary, page.team_size, page.funding_sources)
    ]
    assert texts
    for text in texts:
        assert cyrillic_to_latin(latin_to_cyrillic(text)) == text


def test_transliteration_derives_the_cyrillic_page_from_the_latin_one():
    practice = original("novi-sad-culture-grants-monitoring")
    assert practice.locale.language_code == "sr-latn"
    cyrillic = derive_other_script(practice)
    draft = cyrillic.get_latest_revision_as_object()
    assert cyrillic.locale.language_code == "sr"
    assert not cyrillic.live
    assert draft.title == latin_to_cyrillic(practice.title)
    assert "@" in draft.contact and draft.contact.split()[-1].isascii(), "addresses stay in Latin"
    assert draft.slug == practice.slug
    with pytest.raises(ValueError, match="original"):
        derive_other_script(cyrillic)


def test_transliteration_refreshes_an_existing_translation_from_a_translated_latin_version():
    practice = original("nis-digital-security-after-phishing")
    assert practice.locale.language_code == "en"
    latin = practice.get_translation(Locale.objects.get(language_code="sr-latn"))
    cyrillic = derive_other_script(latin)
    assert cyrillic.get_latest_revision_as_object().title == latin_to_cyrillic(latin.title)


def test_the_admin_action_is_offered_to_the_owning_editor_only(client, editor_of):
    practice = original("novi-sad-culture-grants-monitoring")
    url = reverse("translation_derive_script", args=[practice.pk])
    client.force_login(editor_of("kulturni-centar-most"))
    assert client.get(url).status_code in (302, 403)

    client.force_login(editor_of("novosadska-scena"))
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[practice.get_parent().pk])).content.decode()
    assert url in edit_page and url in explorer
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    cyrillic = practice.get_translation(Locale.objects.get(language_code="sr"))
    assert not cyrillic.live


def test_an_editor_cannot_translate_another_organisations_page(client, editor_of):
    practice = original("kotor-winter-programme-for-residents")
    slovenian = Locale.objects.get(language_code="sl")
    client.force_login(editor_of("udruga-tvornica"))
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[practice.pk]), {"locales": [slovenian.pk]}
    )
    assert response.status_code in (302, 403)
    assert practice.get_translation_or_none(slovenian) is None

    client.force_login(editor_of("kolektiv-obala"))
    assert (
        client.get(reverse("wagtail_localize:submit_page_translation", args=[practice.pk])).status_code == 200
    )


def test_an_editors_sync_never_publishes_without_review(client, editor_of):
    practice = original("kotor-winter-programme-for-residents")
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    live_revision = english.live_revision_id
    practice.title = "Winter in Kotor, revised by the editor"
    practice.save_revision().publish()
    source = TranslationSource.objects.get(object_id=practice.translation_key)

    client.force_login(editor_of("kolektiv-obala"))
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live_revision_id == live_revision


def test_only_moderators_read_the_sitewide_translations_report(client, editor_of, moderator):
    client.force_login(editor_of("udruga-tvornica"))
    assert client.get(reverse("wagtail_localize:translations_report")).status_code in (302, 403)
    client.force_login(moderator)
    assert client.get(reverse("wagtail_localize:translations_report")).status_code == 200


def test_moderators_edit_organisations_and_taxonomies_as_snippets(client, moderator):
    client.force_login(moderator)
    for model in ("organisation", "theme", "materialformat", "country"):
        assert client.get(reverse(f"wagtailsnippets_practices_{model}:list")).status_code == 200


def refused(response):
    """Wagtail's admin answers a refused action with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def retitle_in_translation_memory(translation, title):
    segment = translation.source.stringsegment_set.select_related("string", "context").get(
        context__path="title"
    )
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": title},
    )


def test_an_editor_submits_a_translation_for_review_and_a_moderator_approves_it(client, editor_of, moderator):
    practice = original("mostar-shared-youth-stage")
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    translation = Translation.objects.get(
        source__object_id=practice.translation_key, target_locale=english.locale
    )
    live_title = english.title
    submit_url = reverse("translation_submit", args=[english.pk])
    editor = editor_of("kulturni-centar-most")
    client.force_login(editor)

    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert f'action="{submit_url}"' in editor_page
    retitle_in_translation_memory(translation, "Shared Stage: a youth theatre that crosses the city")
    assert client.post(submit_url).status_code == 302

    english.refresh_from_db()
    assert english.title == live_title, "the translation waits for review"
    assert (
        english.get_latest_revision_as_object().title == "Shared Stage: a youth theatre that crosses the city"
    )
    assert english.workflow_in_progress
    assert english.current_workflow_state.workflow.name == "Platform review"
    waiting = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert f'action="{submit_url}"' not in waiting
    assert "waiting for Platform review" in waiting
    assert refused(client.post(submit_url)), "submitted once"

    task_state = english.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    english.refresh_from_db()
    assert english.title == "Shared Stage: a youth theatre that crosses the city"
    assert english.live


def test_only_the_pages_own_editors_submit_its_translation_and_publishers_publish_it(
    client, editor_of, moderator
):
    practice = original("mostar-shared-youth-stage")
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    submit_url = reverse("translation_submit", args=[english.pk])
    client.force_login(editor_of("udruga-tvornica"))
    assert refused(client.post(submit_url))
    client.force_login(moderator)
    assert (
        f'action="{submit_url}"'
        not in client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    )
    assert refused(client.post(submit_url))
    assert client.get(submit_url).status_code == 405
