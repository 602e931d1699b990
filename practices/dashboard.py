"""The trainer's corner of the admin dashboard: their own workshops and learning paths, and where
to start a new one, in the listing of their language."""

from django.urls import reverse
from django.utils import translation
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


def add_url(index_model, page_model):
    """The admin's "add" form under the listing in the editor's language (else the default one)."""
    language = content_language(translation.get_language())
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

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "workshops": own_pages(WorkshopPage, self.user),
            "paths": own_pages(LearningPathPage, self.user),
            "new_workshop_url": add_url(WorkshopIndexPage, WorkshopPage),
            "new_path_url": add_url(LearningPathIndexPage, LearningPathPage),
        }
