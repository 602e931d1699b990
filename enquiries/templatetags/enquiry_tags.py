from django import template

from ..forms import EnquiryForm
from ..views import ASKABLE_PAGE_TYPES, notice_context

register = template.Library()


@register.inclusion_tag("enquiries/section.html", takes_context=True)
def enquiry_section(context, page):
    """The "Ask about this practice" section, for a practice or material whose organisation takes
    enquiries (nothing otherwise: there is no one to send them to)."""
    organisation = getattr(page, "organisation", None)
    if not (isinstance(page, ASKABLE_PAGE_TYPES) and page.pk and page.live and organisation) or not (
        organisation.enquiry_address
    ):
        return {"asked_about": None}
    return {
        "asked_about": page,
        "organisation": organisation.localized,
        "form": EnquiryForm(page_id=page.pk),
        "csrf_token": context.get("csrf_token"),
        **notice_context(),
    }
