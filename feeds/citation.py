"""The suggested citation of a practice or material, in the manner of APA: who, when, what, where,
and the page's persistent link (``/<lang>/p/<id>/``). The date the reader read it is theirs to add."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from practices.models import TrainingMaterialPage


@dataclass
class Citation:
    author: str
    year: int | None
    title: str
    kind: str
    publisher: str
    url: str

    def as_html(self):
        parts = {
            "author": conditional_escape(self.author),
            "year": self.year or _("n.d."),
            "title": format_html("<cite>{}</cite>", self.title),
            "kind": conditional_escape(self.kind),
            "publisher": conditional_escape(self.publisher),
        }
        # Translators may order the parts as their language's citation style does.
        text = _("%(author)s (%(year)s). %(title)s [%(kind)s]. %(publisher)s.") % parts
        return format_html('{} <a href="{}">{}</a>', mark_safe(text), self.url, self.url)  # noqa: S308 - every part escaped above


def citation(page, request):
    organisation = page.organisation.localized.name if page.organisation else ""
    hub = _("Kooperativa Knowledge Hub")
    if isinstance(page, TrainingMaterialPage):
        author = page.authors or organisation
        year = page.published_year
        kind = _("Training material")
        publisher = f"{organisation}, {hub}" if page.authors else hub
    else:
        author = organisation
        year = timezone.localtime(page.first_published_at).year if page.first_published_at else None
        kind = _("Good practice")
        publisher = hub
    url = request.build_absolute_uri(reverse("persistent_link", args=[page.pk]))
    return Citation(author, year, page.title, kind, publisher, url)
