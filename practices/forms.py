"""Page and snippet forms that offer themes, countries, formats and member organisations each
once, in the editor's language.

They are translatable snippets, one copy per language, and Wagtail's form offers every copy
(https://github.com/wagtail/wagtail-localize/issues/534). A page links to the *original* copy of each
(the first created, which the others translate): wagtail-localize copies a page's links unchanged
into its translations, public pages show each term in the reader's language (``.localized``), and
filters match its slug, which every copy shares. So the admin offers one choice per term, named in
the editor's language (the first copy of their reading order, ``language_versions``), and stores
the original whichever copy was picked. Their "Choose" buttons (snippet choosers) do the same
(``choosers.py``).
"""

from django import forms
from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin

from .language_versions import in_editor_language


def is_translatable_snippet(model):
    return issubclass(model, TranslatableMixin) and not issubclass(model, Page)


class OneCopyEach:
    """What a choice field of a translatable snippet needs to offer the copies in the editor's
    language and hand over the originals: every copy's group, and each group's original."""

    def __init__(self, model, offered):
        self.model = model
        self.group_of = dict(model.objects.order_by("pk").values_list("pk", "translation_key"))
        self.original_of = {}
        for pk, key in self.group_of.items():
            self.original_of.setdefault(key, pk)
        self.offered_of = {key: pk for pk, key in offered.values_list("pk", "translation_key")}

    def group(self, value):
        try:
            return self.group_of.get(int(value))
        except (TypeError, ValueError):
            return None

    def offered(self, value):
        """The copy offered for the group of ``value`` (a primary key of any copy); what is not one
        stays as it is, for the field to reject."""
        key = self.group(value)
        return self.offered_of.get(key, value) if key else value

    def originals(self, objects):
        return self.model.objects.filter(pk__in=[self.original_of[obj.translation_key] for obj in objects])


class OneCopyEachMixin:
    """A choice of a translatable snippet that shows the stored originals as the copies it offers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.copies = OneCopyEach(self.queryset.model, self.queryset)

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        if isinstance(prepared, list):
            return [self.copies.offered(item) for item in prepared]
        return self.copies.offered(prepared)


class OneCopyEachChoiceField(OneCopyEachMixin, forms.ModelChoiceField):
    def clean(self, value):
        chosen = super().clean(self.copies.offered(value))
        return self.copies.originals([chosen]).get() if chosen else chosen


class OneCopyEachMultipleChoiceField(OneCopyEachMixin, forms.ModelMultipleChoiceField):
    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [self.copies.offered(item) for item in value]
        return self.copies.originals(super().clean(value))


class OneCopyEachFormMixin:
    """Turns a model form's choices of translatable snippets into one choice per object, in the
    editor's language, that stores the original."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and is_translatable_snippet(field.queryset.model):
                field_class = (
                    OneCopyEachMultipleChoiceField
                    if isinstance(field, forms.ModelMultipleChoiceField)
                    else OneCopyEachChoiceField
                )
                self.fields[name] = field_class(
                    queryset=in_editor_language(field.queryset.model.objects.all()),
                    required=field.required,
                    label=field.label,
                    help_text=field.help_text,
                    widget=field.widget,
                    initial=field.initial,
                    disabled=field.disabled,
                )


class HubPageForm(OneCopyEachFormMixin, WagtailAdminPageForm):
    def defer_required_fields(self):
        """Saving a draft checks what submitting it for review checks: each required field left
        empty is named at the field while the editor writes, not first when they submit (Wagtail
        lets a draft leave text and StreamField content out). The form comes back with everything
        typed, so nothing is lost."""

    def clean(self):
        cleaned_data = super().clean()
        # An empty rich text editor sends an empty paragraph, which passes as a value.
        for model_field in self._meta.model._meta.get_fields():
            field = self.fields.get(model_field.name)
            value = cleaned_data.get(model_field.name)
            empty = isinstance(value, str) and not strip_tags(value).strip()
            if isinstance(model_field, RichTextField) and field is not None and field.required and empty:
                self.add_error(model_field.name, field.error_messages["required"])
        return cleaned_data


class HubSnippetForm(OneCopyEachFormMixin, WagtailAdminModelForm):
    pass
