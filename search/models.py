from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """A page whose search document could not be updated because the engine was unreachable."""

    page_id = models.PositiveIntegerField(_("page id"), unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending search index update")
        ordering = ["queued_at"]

    def __str__(self):
        return f"page {self.page_id}"
