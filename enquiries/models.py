"""Messages visitors send to the organisation behind a practice or material ("Ask about this
practice"). They hold the sender's personal data, so they are kept for ENQUIRY_RETENTION_DAYS only
(``prune_enquiries``) and read only by the editors of the organisation they were written to."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnquiryQuerySet(models.QuerySet):
    def for_organisations(self, organisations):
        """Messages to any translation of these organisations (a message keeps the copy it was sent to)."""
        return self.filter(organisation__translation_key__in=[org.translation_key for org in organisations])

    def older_than_retention(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=settings.ENQUIRY_RETENTION_DAYS)
        return self.filter(created_at__lt=cutoff)


class Enquiry(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The practice or material the message is about."),
    )
    page_title = models.CharField(_("page title"), max_length=255)
    organisation = models.ForeignKey(
        "practices.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    sender_name = models.CharField(_("name"), max_length=200)
    sender_email = models.EmailField(_("email"))
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    emailed = models.BooleanField(
        _("emailed"), default=False, help_text=_("Whether the message reached the mail server.")
    )

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self):
        return f"{self.sender_name}: {self.page_title}"
