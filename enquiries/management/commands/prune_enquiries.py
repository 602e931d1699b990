from django.conf import settings
from django.core.management.base import BaseCommand

from enquiries.models import Enquiry

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Deletes the enquiries (and with them their senders' names and addresses) sent more than "
        "ENQUIRY_RETENTION_DAYS days ago. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would be deleted, and delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        expired = Enquiry.objects.older_than_retention()
        total = expired.count()
        days = settings.ENQUIRY_RETENTION_DAYS
        if dry_run:
            self.stdout.write(f"{total} enquiries are older than {days} days; none deleted (--dry-run).")
            return
        deleted = 0
        # In batches, so a long backlog never holds one long transaction.
        while ids := list(expired.values_list("pk", flat=True)[:BATCH]):
            deleted += Enquiry.objects.filter(pk__in=ids).delete()[0]
            self.stdout.write(f"Deleted {deleted} of {total}")
        self.stdout.write(self.style.SUCCESS(f"{deleted} enquiries older than {days} days deleted."))
