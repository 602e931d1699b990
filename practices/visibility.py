"""Which pages anyone may see: live, and not under a view restriction (a password, a group or a
login), decided in the same query as the pages themselves.

Wagtail's ``.public()`` reads every restriction first, one more query each time a list of pages is
built; a page of the hub builds several. Here the restriction is a condition of the query.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def _restricted_at_or_above(path):
    """A view restriction on the page at ``path`` or on one of its ancestors."""
    return Exists(PageViewRestriction.objects.filter(page__path=Substr(path, 1, Length("page__path"))))


class HubPageQuerySet(PageQuerySet):
    def public(self):
        return self.exclude(_restricted_at_or_above(OuterRef("path")))


class HubPageManager(PageManager.from_queryset(HubPageQuerySet)):
    pass
