"""Every field an editor fills in says how translation treats it: translated or kept in step."""

import pytest
from django.apps import apps
from wagtail.models import Page, TranslatableMixin

OWN_APPS = ("home", "practices")
# Columns Wagtail and wagtail-localize manage themselves.
MANAGED = {"id", "translation_key", "locale", "page_ptr"}


def own_fields(model):
    """The fields an editor fills in that the model adds to Wagtail's page (or snippet) fields."""
    inherited = {field.name for field in Page._meta.get_fields()} if issubclass(model, Page) else set()
    return {
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many) and getattr(field, "editable", True)
        if field.name not in inherited | MANAGED and not field.name.endswith("_ptr")
    }


TRANSLATABLE = [
    model
    for app in OWN_APPS
    for model in apps.get_app_config(app).get_models()
    if issubclass(model, TranslatableMixin) and not model._meta.abstract
]


@pytest.mark.parametrize("model", TRANSLATABLE, ids=lambda model: model.__name__)
def test_every_field_is_declared_translated_or_synchronised(model):
    declared = {field.field_name for field in getattr(model, "override_translatable_fields", [])}
    missing = own_fields(model) - declared
    assert not missing, f"{model.__name__}: {sorted(missing)} not in override_translatable_fields"
