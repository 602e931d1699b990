import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.assets import MissingFont
from demo.loader import ADMIN_USERNAME, DEMO_PASSWORD, MODERATOR_USERNAME, DemoContentLoader


class Command(BaseCommand):
    help = "Load the demo organisations, practices, materials, users and translations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Required when DEBUG is off: the demo users have a published password.",
        )

    def handle(self, *args, allow_demo_users=False, **options):
        if not settings.DEBUG and not allow_demo_users:
            raise CommandError(
                "The demo content creates users with a published password. "
                "Pass --allow-demo-users to load it on a site that is not in DEBUG mode."
            )
        started = time.monotonic()
        try:
            created = DemoContentLoader(write=self.stdout.write).load()
        except MissingFont as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {created} objects created in {time.monotonic() - started:.1f} s."
            )
        )
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  user '{ADMIN_USERNAME}' or '{MODERATOR_USERNAME}', "
            f"password '{DEMO_PASSWORD}' (organisation editors: 'editor-<organisation slug>', same password)."
        )
