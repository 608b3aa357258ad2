"""The admin's roles, as the README describes them.

- "Editors" write and publish pages, and manage images, documents, topics and
  calls to action (blog's migration adds clinicians).
- "Site managers" can do all of that and also change Clinic settings (the
  clinic's facts, footer and site texts) and redirects; the main navigation is
  the pages marked "Show in menus", which they edit as pages.
- "Booking staff" (booking's migration) see appointment requests; no other role does.

Wagtail's default "Moderators" group is left as Wagtail made it.
"""

from django.db import migrations

from recooperate.migration_helpers import create_permissions_now

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPETS = [("recooperate", "topic"), ("recooperate", "calltoaction")]
SITE_MANAGER_ONLY = [
    ("recooperate", "clinicsettings", "change_clinicsettings"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
]


def model_permissions(Permission, app_label, model):
    return Permission.objects.filter(
        content_type__app_label=app_label,
        content_type__model=model,
        codename__in=[f"{action}_{model}" for action in ("add", "change", "delete", "view")],
    )


def create_roles(apps, schema_editor):
    create_permissions_now(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    editors, _ = Group.objects.get_or_create(name="Editors")
    managers, _ = Group.objects.get_or_create(name="Site managers")
    # Site managers start with everything Editors have (Wagtail's admin access, images, documents).
    managers.permissions.add(*editors.permissions.all())
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for permission in GroupCollectionPermission.objects.filter(group=editors):
        GroupCollectionPermission.objects.get_or_create(
            group=managers, collection=permission.collection, permission=permission.permission
        )

    root = Page.objects.filter(depth=1).first()
    page_permissions = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    for group in (editors, managers):
        for (app_label, model) in SNIPPETS:
            group.permissions.add(*model_permissions(Permission, app_label, model))
        if root is not None:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    for app_label, model, codename in SITE_MANAGER_ONLY:
        managers.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)
        )


def remove_site_managers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Site managers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recooperate", "0005_search_texts"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_site_managers)]
