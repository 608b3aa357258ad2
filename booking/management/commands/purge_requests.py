from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from booking.services import appointment_requests_purge


class Command(BaseCommand):
    help = (
        "Anonymise closed and spam appointment requests older than a number of days (counted from their last "
        "status change): names, contact details, free text and staff notes are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            dest="days",
            default=None,
            metavar="DAYS",
            help="Age in days (default: the BOOKING_RETENTION_DAYS setting).",
        )

    def handle(self, *args, days, **options):
        days = settings.BOOKING_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--older-than must be at least 1 day.")
        count = appointment_requests_purge(older_than_days=days)
        self.stdout.write(
            f"Anonymised {count} appointment request(s) closed or marked as spam more than {days} days ago."
        )
