"""The translation status report (translation/status.py): statuses, filters, who sees what."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from practices.models import GoodPracticePage, Theme
from translation.status import (
    MISSING,
    OUTDATED,
    SOURCE,
    TRANSLATED,
    can_view_translation_status,
    translation_status,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

ORG_A = "udruga-tvornica"
ORG_B = "centar-dorcol"
REPORT = reverse("translation_status:index")
RESULTS = reverse("translation_status:index_results")


def source_practice(organisation_slug):
    """A practice of the organisation in the language it was written in, with its translations."""
    for page in GoodPracticePage.objects.filter(organisation__slug=organisation_slug).order_by("pk"):
        if TranslationSource.objects.filter(
            object_id=page.translation_key, locale_id=page.locale_id
        ).exists():
            return page.specific
    raise AssertionError(f"{organisation_slug} has no translated practice in the demo")


def row_for(report, instance):
    rows = [row for row in report.rows if row.object.translation_key == instance.translation_key]
    assert len(rows) == 1, rows
    return rows[0]


def translated_codes(page):
    return {translation.locale.language_code for translation in page.get_translations()}


def statuses(row):
    return {cell.locale.language_code: cell.status for cell in row.cells}


@pytest.fixture
def practice():
    return source_practice(ORG_A)


# --- statuses ----------------------------------------------------------------------------------


def test_demo_translations_read_translated_and_the_rest_missing(practice):
    report = translation_status()
    row = row_for(report, practice)
    existing = translated_codes(practice)
    assert existing, "the demo practice should have translations"
    assert row.source_locale == practice.locale
    assert row.organisation.slug == ORG_A
    for code, status in statuses(row).items():
        if code == practice.locale.language_code:
            assert status == SOURCE
        elif code in existing:
            assert status == TRANSLATED
        else:
            assert status == MISSING
    # Fresh demo: nothing anywhere is outdated, every page and snippet has exactly one source.
    assert report.totals[OUTDATED] == 0
    assert all(sum(cell.status == SOURCE for cell in row.cells) == 1 for row in report.rows)


def test_rows_cover_pages_and_snippets_and_counts_add_up():
    report = translation_status()
    types = {row.type_key for row in report.rows}
    assert {"home.homepage", "practices.goodpracticepage", "practices.trainingmaterialpage"} <= types
    assert {
        "practices.organisation",
        "practices.theme",
        "practices.materialformat",
        "practices.country",
    } <= types
    assert len(report.locales) == 9
    for locale in report.locales:
        counts = report.counts[locale.language_code]
        assert sum(counts.values()) == len(report.rows)
    assert report.counts["en"][MISSING] == 0  # the demo has everything in English


def test_links_lead_into_the_translation_editor_or_to_translate(practice):
    row = row_for(translation_status(), practice)
    translated = practice.get_translations().first()
    cell = row.cell(translated.locale.language_code)
    assert cell.url == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    missing = next(cell for cell in row.cells if cell.status == MISSING)
    submit = reverse("wagtail_localize:submit_page_translation", args=[practice.pk])
    assert missing.url == f"{submit}?select_locale={missing.locale.language_code}"
    assert row.edit_url == reverse("wagtailadmin_pages:edit", args=[practice.pk])


def test_publishing_a_changed_source_makes_its_translations_outdated(practice):
    other = row_for(translation_status(), source_practice(ORG_B))
    practice.title = "Autobus do Tvornice, drugo izdanje"
    practice.save_revision().publish()

    report = translation_status()
    row = row_for(report, practice)
    existing = translated_codes(practice)
    for code, status in statuses(row).items():
        if code in existing:
            assert status == OUTDATED
            assert "source changed" in row.cell(code).note
    assert row.source_changed
    assert row.sync_url.startswith(
        reverse("wagtail_localize:update_translations", args=[_source(practice).pk])
    )
    # Other objects are untouched.
    assert statuses(row_for(report, other.object)) == statuses(other)


def test_a_synced_source_stays_outdated_until_the_new_strings_are_translated(practice):
    practice.title = "Autobus do Tvornice, drugo izdanje"
    practice.save_revision().publish()
    source = _source(practice)
    source.update_from_db()  # what "Sync translated pages" does first

    row = row_for(translation_status(), practice)
    code = sorted(translated_codes(practice))[0]
    cell = row.cell(code)
    assert cell.status == OUTDATED
    assert "1 string untranslated" in cell.note
    assert not row.source_changed

    segment = StringSegment.objects.get(source=source, string__data="Autobus do Tvornice, drugo izdanje")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=Locale.objects.get(language_code=code),
        context=segment.context,
        data="Bus to the Factory, second edition",
    )
    assert row_for(translation_status(), practice).cell(code).status == TRANSLATED


def test_a_draft_or_an_unchanged_republication_is_not_a_change(practice):
    republished = [source_practice(ORG_A), source_practice(ORG_B)]
    for page in republished:
        page.save_revision().publish()  # nothing changed: the timestamps move, the content does not
    practice.refresh_from_db()
    practice.title = "A draft nobody has published"
    practice.save_revision()  # a sync takes the live page, so a draft changes nothing yet
    report = translation_status()
    for page in [*republished, practice]:
        assert OUTDATED not in statuses(row_for(report, page)).values()


def test_a_changed_snippet_makes_its_translations_outdated():
    theme = Theme.objects.filter(locale__language_code="en").order_by("pk").first()
    theme.name = f"{theme.name} and more"
    theme.save()
    row = row_for(translation_status(), theme)
    assert set(statuses(row).values()) == {SOURCE, OUTDATED}


def test_the_whole_site_takes_a_handful_of_queries():
    translation_status()  # warm Django's content type cache
    with CaptureQueriesContext(connection) as queries:
        report = translation_status()
    assert len(report.rows) > 100
    assert len(queries) <= 15, [query["sql"][:120] for query in queries.captured_queries]


# --- filters -----------------------------------------------------------------------------------


def test_filters_by_organisation_type_locale_and_status(practice):
    by_organisation = translation_status(organisation=ORG_A)
    assert by_organisation.rows
    assert {row.organisation_slug for row in by_organisation.rows} == {ORG_A}
    assert any(row.type_key == "practices.organisation" for row in by_organisation.rows)

    by_type = translation_status(type="practices.goodpracticepage")
    assert {row.type_key for row in by_type.rows} == {"practices.goodpracticepage"}

    croatian = translation_status(locale="hr")
    assert [locale.language_code for locale in croatian.locales] == ["hr"]
    assert all(len(row.cells) == 1 for row in croatian.rows)
    assert set(croatian.counts) == {"hr"}
    assert croatian.counts["hr"] == translation_status().counts["hr"]

    missing_in_hr = translation_status(locale="hr", status=MISSING)
    assert missing_in_hr.rows
    assert all(row.cells[0].status == MISSING for row in missing_in_hr.rows)
    assert len(missing_in_hr.rows) == croatian.counts["hr"][MISSING]

    needs_work = translation_status(status="needs-work")
    assert all({OUTDATED, MISSING} & set(statuses(row).values()) for row in needs_work.rows)


# --- the admin -----------------------------------------------------------------------------------


def test_report_renders_for_the_moderator_with_counts(client, moderator, practice):
    client.force_login(moderator)
    response = client.get(REPORT)
    assert response.status_code == 200
    report = response.context["report"]
    content = response.content.decode()
    assert "Per language" in content
    assert f">{report.counts['hr'][MISSING]}</a>" in content
    assert 'class="tstatus tstatus--missing"' in content
    assert "Translated" in content and "Missing" in content and "Source" in content
    assert response.context["paginator"].count == len(translation_status(moderator).rows)


def test_report_filters_in_the_view(client, moderator, practice):
    client.force_login(moderator)
    other = source_practice(ORG_B)
    response = client.get(REPORT, {"organisation": ORG_A, "type": "practices.goodpracticepage"})
    assert response.status_code == 200
    titles = {row.title for row in response.context["report"].rows}
    assert practice.title in titles
    assert other.title not in titles
    assert practice.title in response.content.decode()

    response = client.get(RESULTS, {"locale": "mk", "status": MISSING})
    assert response.status_code == 200
    report = response.context["report"]
    assert [locale.language_code for locale in report.locales] == ["mk"]
    assert all(row.cells[0].status == MISSING for row in report.rows)
    assert '<abbr title="Macedonian">mk</abbr>' in response.content.decode()


def test_report_exports_a_spreadsheet(client, moderator):
    client.force_login(moderator)
    response = client.get(REPORT, {"export": "csv", "locale": "sq"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Title", "Type", "Organisation", "Source language", "Albanian"]
    assert len(rows) == len(translation_status(moderator).rows) + 1


def test_dashboard_shows_the_panel(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="translation-status-heading"' in content
    assert f'href="{REPORT}?locale=hr&amp;status=missing"' in content
    assert "Translation status" in content  # the panel, and the Reports menu item


def test_an_organisation_editor_sees_only_their_organisations_pages(client, editor_of):
    editor = editor_of(ORG_A)
    report = translation_status(editor)
    assert report.rows
    assert {row.organisation_slug for row in report.rows} == {ORG_A}
    assert {row.type_key for row in report.rows} <= {
        "practices.organisationpage",
        "practices.goodpracticepage",
        "practices.trainingmaterialpage",
    }
    assert report.organisation_choices == [(ORG_A, row_for(report, source_practice(ORG_A)).organisation.name)]

    other = source_practice(ORG_B)
    client.force_login(editor)
    for params in ({}, {"organisation": ORG_B}, {"type": "practices.theme"}):
        response = client.get(REPORT, params)
        assert response.status_code == 200
        assert other.title not in response.content.decode()
        assert {row.organisation_slug for row in response.context["report"].rows} == {ORG_A}
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-status-heading"' in dashboard


def test_admin_user_without_anything_to_edit_gets_no_menu_item_and_an_empty_report(client):
    user = get_user_model().objects.create_user("reader", password="x")
    group = Group.objects.create(name="Admin readers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    assert not can_view_translation_status(user)
    assert translation_status(user).rows == []
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert not response.context["report"].rows
    assert 'id="translation-status-heading"' not in client.get(reverse("wagtailadmin_home")).content.decode()


def _source(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale_id=page.locale_id)
