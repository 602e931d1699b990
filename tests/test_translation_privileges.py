"""wagtail-localize's routes held to the hub's rules: editors never change privacy, never change a
live page without review, and a new route in an upgrade cannot slip past the guards."""

import pytest
from django.urls import URLPattern, URLResolver, resolve, reverse
from wagtail.models import Locale, PageViewRestriction
from wagtail.signals import page_published
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

from practices.models import GoodPracticePage
from translation import localize_fixes

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

ORGANISATION = "kulturni-centar-most"
PRACTICE = "mostar-shared-youth-stage"  # written in Bosnian, translated into English and more
OTHER_ORGANISATIONS_PRACTICE = "tuzla-alternative-scene-oral-history-archive"


def source_page():
    return GoodPracticePage.objects.get(slug=PRACTICE, locale__language_code="bs")


def english_translation():
    return GoodPracticePage.objects.get(slug=PRACTICE, locale__language_code="en")


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def restrict(page, restriction_type=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="members"
    )


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def sync(client, user, page, publish=False):
    client.force_login(user)
    data = {"publish_translations": "on"} if publish else {}
    return client.post(reverse("wagtail_localize:update_translations", args=[source_of(page).pk]), data)


# --- privacy ---------------------------------------------------------------------------------


def test_an_editors_sync_keeps_a_translations_restriction(client, editor_of):
    translation = english_translation()
    restrict(translation)

    response = sync(client, editor_of(ORGANISATION), source_page())

    assert response.status_code == 302
    assert translation.view_restrictions.count() == 1
    client.logout()
    assert translation.summary not in client.get(translation.url).content.decode()


def test_a_published_sync_keeps_a_translations_restriction(client, moderator):
    translation = english_translation()
    restrict(translation, PageViewRestriction.LOGIN)

    assert sync(client, moderator, source_page(), publish=True).status_code == 302

    restriction = translation.view_restrictions.get()
    assert restriction.restriction_type == PageViewRestriction.LOGIN, "a sync never loosens privacy"


def test_a_translation_becomes_as_private_as_its_source(client, editor_of):
    source = source_page()
    restrict(source, PageViewRestriction.LOGIN)
    translation = english_translation()
    assert not translation.view_restrictions.exists()

    sync(client, editor_of(ORGANISATION), source)

    assert translation.view_restrictions.get().restriction_type == PageViewRestriction.LOGIN


# --- convert to alias ------------------------------------------------------------------------


def test_an_editor_cannot_turn_a_live_translation_into_an_alias(client, editor_of):
    translation = english_translation()
    live_title = translation.title
    client.force_login(editor_of(ORGANISATION))

    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[translation.pk]))

    assert refused(response)
    translation.refresh_from_db()
    assert translation.alias_of_id is None
    assert translation.title == live_title


def test_a_moderators_conversion_tells_the_search_index(client, moderator):
    translation = english_translation()
    announced = []

    def listen(sender, instance, **kwargs):
        announced.append(instance.pk)

    page_published.connect(listen)
    try:
        client.force_login(moderator)
        response = client.post(reverse("wagtail_localize:convert_to_alias", args=[translation.pk]))
    finally:
        page_published.disconnect(listen)

    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.alias_of_id == source_page().pk
    assert translation.pk in announced, "the page's live content changed: search and caches must hear of it"


# --- every route of wagtail-localize is accounted for ----------------------------------------


def localize_routes():
    """(name, example path) of every route wagtail-localize registers in the admin."""
    (localize,) = localize_hooks.register_admin_urls()
    routes = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                routes.append(pattern)

    walk(localize.url_patterns)
    return routes


def example_path(pattern):
    values = {"str": "1", "int": "1", "slug": "practices"}
    route = str(pattern.pattern)
    for converter, value in values.items():
        while f"<{converter}:" in route:
            start = route.index(f"<{converter}:")
            route = route[:start] + value + route[route.index(">", start) + 1 :]
    return f"/admin/localize/{route}"


def test_every_wagtail_localize_route_is_classified():
    names = {pattern.name for pattern in localize_routes()}
    classified = set(localize_fixes.GUARDED_ROUTES) | set(localize_fixes.UPSTREAM_CHECKED_ROUTES)
    assert names == classified, (
        "wagtail-localize's routes changed: decide for each new route whether it changes a page "
        "(then guard it in practices/localize_fixes.py) or only reads or edits translation memory"
    )


def test_guarded_routes_reach_the_guards():
    for pattern in localize_routes():
        if pattern.name in localize_fixes.GUARDED_ROUTES:
            assert resolve(example_path(pattern)).url_name == f"guarded_{pattern.name}", pattern.name


def test_upstream_checked_routes_refuse_other_organisations(client, editor_of, settings):
    """The routes left to wagtail-localize check edit rights on the translated page themselves."""
    page = GoodPracticePage.objects.get(slug=OTHER_ORGANISATIONS_PRACTICE, locale__language_code="en")
    translation = source_of(page.get_translation(Locale.objects.get(language_code="bs"))).translations.get(
        target_locale=page.locale
    )
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
    client.force_login(editor_of(ORGANISATION))
    for name in ("download_pofile", "preview_translation"):
        assert refused(client.get(reverse(f"wagtail_localize:{name}", args=[translation.pk]))), name
    for name in ("upload_pofile", "stop_translation", "machine_translate"):
        assert refused(client.post(reverse(f"wagtail_localize:{name}", args=[translation.pk]))), name
    assert translation.enabled
