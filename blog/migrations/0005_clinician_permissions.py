"""Editors and Site managers manage clinicians (the roles themselves come from recooperate 0006)."""

from django.db import migrations

from recooperate.migration_helpers import create_permissions_now

GROUPS = ["Editors", "Site managers"]


def grant(apps, schema_editor):
    create_permissions_now(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="blog",
        content_type__model="clinician",
        codename__in=["add_clinician", "change_clinician", "delete_clinician", "view_clinician"],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="blog", content_type__model="clinician")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_article_single_author"),
        ("recooperate", "0006_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
