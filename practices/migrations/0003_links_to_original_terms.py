"""Pages and organisations link to the original copy of each theme, country, format and organisation.

The admin used to offer every language's copy and stored the one ticked; it now stores the original
(the first created of its translations, practices/forms.py). This points the links made before at
the originals too, and drops the doubles where two copies of one term were ticked. Pages show and
filter the same either way: they read a term in the reader's language and match its slug.
Revisions keep the copies they were saved with; the edit form reads them by their translation.
"""

from django.db import migrations

MANY_TO_MANY = [
    ("goodpracticepage", "themes"),
    ("goodpracticepage", "countries"),
    ("goodpracticepage", "partners"),
    ("trainingmaterialpage", "themes"),
    ("workshoppage", "themes"),
    ("workshoppage", "partners"),
    ("learningpathpage", "themes"),
    ("organisation", "themes"),
]
FOREIGN_KEYS = [
    ("goodpracticepage", "organisation"),
    ("trainingmaterialpage", "organisation"),
    ("trainingmaterialpage", "material_format"),
    ("workshoppage", "organisation"),
    ("learningpathpage", "organisation"),
    ("organisationpage", "organisation"),
    ("organisation", "country"),
]


def original_of(model):
    """Every copy's original: the first created copy of its translation group."""
    originals, first_in_group = {}, {}
    for pk, key in model.objects.order_by("pk").values_list("pk", "translation_key"):
        originals[pk] = first_in_group.setdefault(key, pk)
    return originals


def link_to_originals(apps, schema_editor):
    originals = {}

    def originals_for(model):
        return originals.setdefault(model, original_of(model))

    for model_name, field_name in FOREIGN_KEYS:
        model = apps.get_model("practices", model_name)
        field = model._meta.get_field(field_name)
        for copy, original in originals_for(field.related_model).items():
            if copy != original:
                model.objects.filter(**{field.attname: copy}).update(**{field.attname: original})

    for model_name, field_name in MANY_TO_MANY:
        field = apps.get_model("practices", model_name)._meta.get_field(field_name)
        through = field.remote_field.through
        source = f"{field.m2m_field_name()}_id"
        target = f"{field.m2m_reverse_field_name()}_id"
        copies = {
            copy: original
            for copy, original in originals_for(field.related_model).items()
            if copy != original
        }
        for link in through.objects.filter(**{f"{target}__in": list(copies)}):
            original = copies[getattr(link, target)]
            if through.objects.filter(**{source: getattr(link, source), target: original}).exists():
                link.delete()
            else:
                setattr(link, target, original)
                link.save(update_fields=[target])


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_workshops_and_learning_paths")]

    operations = [migrations.RunPython(link_to_originals, migrations.RunPython.noop, elidable=True)]
