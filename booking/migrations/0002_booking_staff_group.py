"""The "Booking staff" group: the only people (besides superusers) who see appointment requests.

Members can open the admin, read requests, change their status, add notes and
export them. Deleting is left to superusers: a request is closed or marked as
spam, and `purge_requests` anonymises it when its time is up.
"""

from django.db import migrations

from recooperate.migration_helpers import create_permissions_now

GROUP_NAME = "Booking staff"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("booking", "appointmentrequest", "view_appointmentrequest"),
    ("booking", "appointmentrequest", "change_appointmentrequest"),
    ("booking", "appointmentrequest", "export_appointmentrequest"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; this one needs them now.
    create_permissions_now(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename in PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
