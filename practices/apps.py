from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Knowledge base")

    def ready(self):
        from . import signals, spreadsheet_safety

        signals.connect()
        spreadsheet_safety.install()
