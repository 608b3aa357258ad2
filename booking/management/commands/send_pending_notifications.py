from django.core.management.base import BaseCommand

from booking.services import appointment_requests_notify_pending


class Command(BaseCommand):
    help = (
        "Send the mail of appointment requests whose notification is pending or failed and due for another "
        "attempt. Safe to run from cron while the worker runs: a request is only ever sent by one of them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Try every unsent request now, ignoring the wait between attempts and the attempt limit.",
        )

    def handle(self, *args, force, **options):
        outcomes = appointment_requests_notify_pending(force=force)
        self.stdout.write(f"Sent: {outcomes['sent']}. Failed (will retry): {outcomes['failed']}.")
        if outcomes["failed"]:
            # A non-zero exit lets cron or a monitor notice a mail server that stays down.
            raise SystemExit(1)
