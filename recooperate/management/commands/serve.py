import sys

from django.conf import settings

from .rundev import Command as RunDevCommand


class Command(RunDevCommand):
    help = (
        "Serve the site as production does: gunicorn (recooperate/gunicorn.conf.py), the task worker "
        "(search index, renditions, CDN purges), the booking mail worker and the scheduler. One Ctrl-C "
        "(or SIGTERM) stops all four; if one dies, the others are stopped and the command fails."
    )

    def add_arguments(self, parser):
        # Not rundev's --noreload: gunicorn never reloads code.
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="Passed to gunicorn's --bind.")

    def commands(self, addrport, options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(settings.PROJECT_DIR / "gunicorn.conf.py")]
        return {
            "web server": [*gunicorn, "--bind", addrport, "recooperate.wsgi"],
            "task worker": [*manage, "db_worker"],
            "mail worker": [*manage, "db_worker", "--backend", "booking"],
            "scheduler": [*manage, "run_scheduler"],
        }
