"""Which pages anyone may see: live, and not under a view restriction (a password, a group or a
login).

Wagtail's ``.public()`` reads every restriction each time a list of pages is built, and a page of
the hub builds several; here the restricted sections are read once a request
(practices/per_request.py). The condition stays one Wagtail's search can read (a path prefix), as
the database search filters these lists too.
"""

from django.db.models import Q
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .per_request import once_per_request


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


class HubPageQuerySet(PageQuerySet):
    def public(self):
        restricted = Q()
        for path in once_per_request("restricted-paths", _restricted_paths):
            restricted |= Q(path__startswith=path)
        return self.exclude(restricted) if restricted else self


class HubPageManager(PageManager.from_queryset(HubPageQuerySet)):
    pass
