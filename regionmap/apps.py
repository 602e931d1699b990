from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionMapConfig(AppConfig):
    name = "regionmap"
    verbose_name = _("Map of the region")

    def ready(self):
        from . import signals

        signals.connect()
