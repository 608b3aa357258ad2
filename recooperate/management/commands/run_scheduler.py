import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled every --interval seconds until stopped (SIGTERM or Ctrl-C), "
        "so pages and snippets go live and expire when editors scheduled them. --once runs it a single time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60, help="Seconds between runs (default: 60).")
        parser.add_argument("--once", action="store_true", help="Run once and exit, as cron would.")

    def handle(self, *args, interval, once, **options):
        if once:
            # An error escapes: cron and monitors see a non-zero exit.
            call_command("publish_scheduled")
            return
        self.stopping = False
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not self.stopping:
                self.run_once(interval)
                self.sleep(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def stop(self, signum, frame):
        # Only a flag: a run in progress finishes, then the loop ends.
        self.stopping = True

    def run_once(self, interval):
        try:
            call_command("publish_scheduled")
        except Exception:
            # One failed run (a locked database, a broken page) must not end scheduled publishing.
            logger.exception("publish_scheduled failed; trying again in %s seconds", interval)
        finally:
            close_old_connections()

    def sleep(self, seconds):
        """Sleep in short steps, so a stop request is seen within a second."""
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 1))
