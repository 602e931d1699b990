"""Sending an enquiry to its organisation by email. The message is stored before it is sent, so a
mail server that is down loses nothing: the editors still find it in the admin's inbox."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def send_enquiry(enquiry, page_url):
    """Emails the enquiry to its organisation with Reply-To the sender; records whether it went."""
    organisation = enquiry.organisation
    # Written in the organisation's own language, whichever language the visitor wrote in.
    with translation.override(organisation.locale.language_code):
        context = {
            "enquiry": enquiry,
            "page_url": page_url,
            "inbox_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("enquiries_inbox:index"),
            "language_name": translation.get_language_info(enquiry.language)["name_translated"],
            "retention_days": settings.ENQUIRY_RETENTION_DAYS,
        }
        subject = " ".join(render_to_string("enquiries/email_subject.txt", context).split())
        body = render_to_string("enquiries/email_body.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[organisation.enquiry_address],
        reply_to=[enquiry.sender_email],
    )
    try:
        message.send()
    except Exception:
        logger.exception("Enquiry %s to %s was stored but not emailed", enquiry.pk, organisation.slug)
        return False
    enquiry.emailed = True
    enquiry.save(update_fields=["emailed"])
    return True
