from django.core.management.base import BaseCommand

from practices.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the hub's roles: the moderators and the review workflow, the trainers, "
        "the collection everyone chooses shared images and documents from, and each member "
        "organisation's editors group and collection. Safe to run again."
    )

    def handle(self, *args, **options):
        setup_roles()
        self.stdout.write(self.style.SUCCESS("Roles and the review workflow are in place."))
