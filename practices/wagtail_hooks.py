from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import dashboard, views
from .choosers import OneCopyEachChooserViewSet
from .models import Country, MaterialFormat, Organisation, Theme
from .roles import UnpublishedWorkPolicy

# Registered before any admin view asks for the page policy (Wagtail's documented place for it).
page_policy = UnpublishedWorkPolicy(Page)
register_permission_policy(Page, page_policy)


@hooks.register("construct_homepage_panels")
def add_trainer_panel(request, panels):
    if dashboard.is_trainer(request.user):
        panels.append(dashboard.TrainerPanel(request))


@hooks.register("construct_page_chooser_queryset")
def hide_others_unpublished_pages_in_chooser(pages, request):
    return page_policy.without_others_unpublished(request.user, pages)


# --- workshops: trainers start from a copy of someone else's ----------------------------------


@hooks.register("register_admin_urls")
def register_duplicate_workshop_urls():
    return [
        path(
            "workshops/<int:page_id>/duplicate/",
            views.duplicate_workshop,
            name="practices_duplicate_workshop",
        )
    ]


@hooks.register("register_page_header_buttons")
def duplicate_workshop_header_button(page, user, view_name, next_url=None):
    yield views.DuplicateWorkshopMenuItem(page=page, priority=70)


@hooks.register("register_page_listing_more_buttons")
def duplicate_workshop_listing_button(page, user, next_url=None):
    yield views.DuplicateWorkshopMenuItem(page=page, priority=70)


# --- snippets: member organisations and taxonomies --------------------------------------------


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = OneCopyEachChooserViewSet
    icon = "group"
    menu_label = _("Member organisations")
    list_display = ["name", "city", "country", "founding_member", "year_joined"]
    search_fields = ["name", "city"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    chooser_viewset_class = OneCopyEachChooserViewSet
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class MaterialFormatViewSet(SnippetViewSet):
    model = MaterialFormat
    chooser_viewset_class = OneCopyEachChooserViewSet
    icon = "doc-full"
    list_display = ["name", "slug", "sort_order"]


class CountryViewSet(SnippetViewSet):
    model = Country
    chooser_viewset_class = OneCopyEachChooserViewSet
    icon = "site"
    list_display = ["name", "slug", "sort_order"]


class KnowledgeBaseSnippets(SnippetViewSetGroup):
    items = [OrganisationViewSet, ThemeViewSet, MaterialFormatViewSet, CountryViewSet]
    menu_icon = "folder-open-inverse"
    menu_label = _("Organisations and taxonomy")
    menu_name = "knowledge-base"


register_snippet(KnowledgeBaseSnippets)
