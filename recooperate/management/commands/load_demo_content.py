import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from recooperate.demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Create the demo site's missing parts: home page, blog, articles, clinician and booking page. "
        "What exists is left as editors made it (restore_demo_content puts the demo back)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-username",
            default="admin",
            help="Staff account to create with a random password if the site has no superuser yet.",
        )
        parser.add_argument("--no-admin", action="store_true", help="Do not create a staff account.")

    def handle(self, *args, admin_username, no_admin, **options):
        pages = load_demo_content()
        if pages["created"]:
            self.stdout.write(
                f"Created {len(pages['created'])} missing demo objects; existing ones were left as they are."
            )
        else:
            self.stdout.write("Nothing to create: the demo content is left as editors made it.")
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {len(pages['articles'])} articles."))
        if not no_admin:
            self.ensure_admin(admin_username)

    @property
    def admin_url(self):
        return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"

    def ensure_admin(self, username):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Admin: {self.admin_url} (existing account; forgot the password? "
                f"run: .venv/bin/python manage.py changepassword {username})"
            )
            return
        # No fixed default password: a new random one, shown once.
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.WARNING(
                f"Created the admin account.\n  URL:      {self.admin_url}\n  Username: {username}\n"
                f"  Password: {password}\n(Shown only this once; change it with manage.py changepassword {username}.)"
            )
        )
