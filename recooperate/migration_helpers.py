"""Helpers for data migrations (kept stable: migrations import them)."""

from django.contrib.auth.management import create_permissions


def create_permissions_now(apps):
    """Create every app's model permissions, which Django normally makes only after all migrations have run."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
