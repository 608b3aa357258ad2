import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# How long the children get to finish after being asked to stop, before they are killed.
STOP_TIMEOUT = 10


class Command(BaseCommand):
    help = (
        "Serve the site for development with the booking mail worker and the scheduled-publishing "
        "scheduler running beside it. One Ctrl-C (or SIGTERM) stops all three; if one of them dies, "
        "the others are stopped and the command fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="Passed to runserver.")
        parser.add_argument(
            "--noreload",
            action="store_true",
            help="Passed to runserver: do not restart the web server when code changes (its file watcher "
            "keeps about a tenth of a core busy; the browser tests' server needs no reloading).",
        )

    def commands(self, addrport, options):
        """name -> argv of each process to run side by side (``options``: this command's)."""
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        return {
            "web server": [*manage, "runserver", addrport, *(["--noreload"] if options.get("noreload") else [])],
            # The "default" backend runs in-process in development; only booking mail is queued.
            "mail worker": [*manage, "db_worker", "--backend", "booking"],
            "scheduler": [*manage, "run_scheduler"],
        }

    def handle(self, *args, addrport, **options):
        commands = self.commands(addrport, options)
        self.stop_signal = None
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self.on_signal)
        self.children = {}
        try:
            for name, command in commands.items():
                self.children[name] = self.start(command)
            self.stdout.write(
                "Started "
                + ", ".join(f"the {name} (pid {p.pid})" for name, p in self.children.items())
                + ". One Ctrl-C stops all of them."
            )
            dead = self.wait_for_stop_or_exit()
        finally:
            self.stop_all(self.stop_signal or signal.SIGTERM)
        if dead:
            name, returncode = dead
            how = f"exited with code {returncode}"
            if returncode < 0:
                how = f"was killed by {signal.Signals(-returncode).name}"
            shown = " ".join("manage.py" if arg.endswith("manage.py") else arg for arg in commands[name][1:])
            raise CommandError(f"The {name} ({shown}) {how}; stopped the others.")

    def start(self, command):
        # Each child leads its own process group, so stopping it also stops what it started
        # (the autoreloader runs runserver and db_worker in a child process). The parent
        # therefore receives Ctrl-C alone and passes it on.
        return subprocess.Popen(command, process_group=0)

    def on_signal(self, signum, frame):
        if self.stop_signal is not None:
            # A second Ctrl-C: stop waiting for a graceful exit.
            self.signal_all(signal.SIGKILL)
        self.stop_signal = signum

    def wait_for_stop_or_exit(self):
        """Return (name, exit code) of the first child to exit on its own, or None once asked to stop."""
        while self.stop_signal is None:
            for name, process in self.children.items():
                if process.poll() is not None:
                    return name, process.returncode
            time.sleep(0.2)
        return None

    def signal_all(self, signum):
        for process in self.children.values():
            try:
                os.killpg(process.pid, signum)
            except ProcessLookupError:
                pass  # the whole group has exited already

    def stop_all(self, signum):
        self.signal_all(signum)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in self.children.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                pass
        # Whatever is left, including a grandchild whose parent died first.
        self.signal_all(signal.SIGKILL)
        for process in self.children.values():
            process.wait()
