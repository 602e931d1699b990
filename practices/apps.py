from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Knowledge base")

    def ready(self):
        from . import content_version, signals, spreadsheet_safety

        content_version.connect()
        signals.connect()
        spreadsheet_safety.install()
