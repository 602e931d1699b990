"""Which pages anyone may see: live, and not under a view restriction (a password, a group or a
login).

Wagtail's ``.public()`` reads every restriction each time a list of pages is built, and a page of
the hub builds several; and before it serves a page, Wagtail reads the restrictions of the page
and its ancestors (two queries). Here the restricted sections, and the pages that are aliases of
others (which take their restrictions from the page they copy), are read once per content version
(practices/content_version.py): restrictions are content, and changing one changes the version. The
condition stays one Wagtail's search can read (a path prefix), as the database search filters these
lists too.
"""

from django.db.models import Q
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .content_version import once_per_content_version


def restricted_paths():
    """The paths of the pages under a view restriction (their descendants are restricted too)."""
    return once_per_content_version(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct()),
    )


def _alias_paths():
    aliases = Page.objects.filter(alias_of__isnull=False)
    return once_per_content_version("alias-paths", lambda: list(aliases.values_list("path", flat=True)))


def only_public(pages):
    """``pages`` (a queryset of any page type) without those under a view restriction."""
    restricted = Q()
    for path in restricted_paths():
        restricted |= Q(path__startswith=path)
    return pages.exclude(restricted) if restricted else pages


class HubPageQuerySet(PageQuerySet):
    def public(self):
        return only_public(self)


class HubPageManager(PageManager.from_queryset(HubPageQuerySet)):
    pass


class RestrictionsReadOnce:
    """For page types: Wagtail's check before serving a page, answered without a query for a page
    outside every restricted section and every alias (Wagtail's own reading otherwise)."""

    def get_view_restrictions(self):
        if any(self.path.startswith(path) for path in (*restricted_paths(), *_alias_paths())):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
