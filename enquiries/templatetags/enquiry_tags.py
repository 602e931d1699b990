from django import template
from django.utils.safestring import mark_safe

from ..forms import EnquiryForm
from ..protection import FORM_TOKENS_MARK
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
        **notice_context(),
    }


@register.simple_tag
def enquiry_form_tokens(page_id):
    """The place of the form's per-reader fields, which the site fills in for each response
    (``protection.fill_form_tokens``)."""
    return mark_safe(FORM_TOKENS_MARK.format(page_id=int(page_id)))  # noqa: S308 (a number in our own text)
