"""The snippet choosers of themes, countries, formats and member organisations (a ForeignKey's
"Choose" button): each once, in the editor's language, as in the page forms (``forms.py``)."""

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from .language_versions import in_editor_language


class OneCopyEachChooseMixin:
    """Lists each object once, in the editor's language. A search matches the name in any
    language. No locale column or filter: every row is in the editor's language, or the nearest."""

    i18n_enabled = False

    def filter_object_list(self, objects):
        matches = super().filter_object_list(objects)
        if not self.filter_form.is_searching:
            return in_editor_language(self.model_class.objects.all())
        keys = {match.translation_key for match in matches}
        return in_editor_language(self.model_class.objects.filter(translation_key__in=keys))


class OneCopyEachChooseView(OneCopyEachChooseMixin, ChooseView):
    pass


class OneCopyEachChooseResultsView(OneCopyEachChooseMixin, ChooseResultsView):
    pass


class OneCopyEachChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OneCopyEachChooseView
    choose_results_view_class = OneCopyEachChooseResultsView
