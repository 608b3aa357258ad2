"""The demo site on a scratch database, set up in this process for the measuring scripts (bench, scale).

Your db.sqlite3, media and caches are not touched: everything lives under ``scratch``.
"""

import os
from pathlib import Path


def set_up_scratch_site(scratch: Path, *, load_demo=True):
    """Point Django at ``scratch`` with DEBUG off, then migrate, collect static files and load the demo."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="recooperate.settings.dev",
        DJANGO_DEBUG="0",
        DJANGO_SQLITE_PATH=str(scratch / "site.sqlite3"),
        DJANGO_MEDIA_ROOT=str(scratch / "media"),
        DJANGO_CACHE_DIR=str(scratch / "cache"),
        DJANGO_STATIC_ROOT=str(scratch / "static"),
        DJANGO_LOG_LEVEL="ERROR",
    )
    import django

    django.setup()
    from django.core.management import call_command

    from recooperate.demo.loader import load_demo_content

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    if load_demo:
        load_demo_content()
