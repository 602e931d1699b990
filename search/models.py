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


class LearnedEquivalent(models.Model):
    """A word of the region's languages and the English word the hub's translations pair it with
    (``search/lexicon.py``)."""

    language_group = models.CharField(_("language group"), max_length=8)
    word = models.CharField(_("word"), max_length=100)
    english = models.CharField(_("English word"), max_length=100)
    strength = models.FloatField(_("strength"))

    class Meta:
        verbose_name = _("learned equivalent")
        constraints = [
            models.UniqueConstraint(fields=["language_group", "word"], name="one_equivalent_per_word")
        ]

    def __str__(self):
        return f"{self.word} → {self.english}"
