"""The trainer's corner of the admin dashboard: their own workshops and learning paths, and where
to start a new one, in the listing of their language."""

from django.urls import reverse
from django.utils.translation import get_language_from_request
from wagtail.admin.ui.components import Component

from .language_versions import content_language
from .models import LearningPathIndexPage, LearningPathPage, WorkshopIndexPage, WorkshopPage
from .roles import TRAINERS

SHOWN = 8


def is_trainer(user):
    return user.groups.filter(name=TRAINERS).exists()


def own_pages(model, user):
    return (
        model.objects.filter(owner=user)
        .select_related("locale")
        .order_by("-latest_revision_created_at", "-pk")[:SHOWN]
    )


def add_url(index_model, page_model, language):
    """The admin's "add" form under the listing in ``language`` (else the default one)."""
    index = index_model.objects.filter(locale__language_code=language).first() or index_model.objects.first()
    if index is None:
        return None
    meta = page_model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, index.pk])


class TrainerPanel(Component):
    """Dashboard panel: "My workshops", "My learning paths", and a new one of each."""

    name = "trainer"
    template_name = "practices/admin/trainer_panel.html"
    order = 90

    def __init__(self, request):
        self.user = request.user
        # The language the trainer reads and writes, as their browser says: the admin's own may be
        # another (it has no Macedonian, Albanian or Bosnian; translation/middleware.py).
        self.language = content_language(get_language_from_request(request))

    def get_context_data(self, parent_context):
        return {
            "workshops": own_pages(WorkshopPage, self.user),
            "paths": own_pages(LearningPathPage, self.user),
            "new_workshop_url": add_url(WorkshopIndexPage, WorkshopPage, self.language),
            "new_path_url": add_url(LearningPathIndexPage, LearningPathPage, self.language),
        }
