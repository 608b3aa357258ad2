import sys

from django.core.management.base import BaseCommand, CommandError

from recooperate.demo.loader import restore_demo_content

WARNING = (
    "This puts the demo back as it was first loaded: the demo's text goes back into every demo page, "
    "image, clinician, topic, the call to action and the clinic settings; every demo page is published "
    "(unpublished ones too), and demo objects editors deleted are made again. Editors' changes to them are lost. "
    "Pages, images and snippets that editors made themselves are not touched."
)


class Command(BaseCommand):
    help = "Overwrite editors' changes to the demo content with the demo's own, publishing every demo page."

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Overwrite without asking.")

    def handle(self, *args, yes, **options):
        self.stdout.write(WARNING)
        if not yes and not self.confirmed():
            raise CommandError("Nothing was changed. To restore the demo, run again with --yes.")
        pages = restore_demo_content()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content restored: {len(pages['articles'])} articles; "
                f"{len(pages['created'])} missing demo objects made again."
            )
        )

    def confirmed(self):
        """Ask at a terminal; a script must say --yes."""
        if not sys.stdin.isatty():
            return False
        return input("Type 'yes' to overwrite: ").strip().lower() == "yes"
