"""Patient stories, footer links, and general pages built from blocks.

A general page's body was one rich-text field; it becomes a StreamField. The
column cannot simply change type (PostgreSQL refuses to read HTML as JSON), so
the old text moves aside, is copied into the new body (each <h2> a section
heading, the text between them text blocks), and is then dropped; the saved
revisions (drafts, history) are converted the same way: no page loses a word.
Back, headings, text and quotes become rich text again, and any other block
stops the migration with its name rather than vanish. Editors and Site managers manage
patient stories.
"""

import json

import wagtail.fields
from django.db import migrations, models

from recooperate import migration_helpers
from recooperate.migration_helpers import create_permissions_now, html_to_body_blocks


def standard_page_revisions(apps):
    return apps.get_model("wagtailcore", "Revision").objects.filter(
        content_type__app_label="recooperate", content_type__model="standardpage"
    )


def body_html_to_blocks(apps, schema_editor):
    StandardPage = apps.get_model("recooperate", "StandardPage")
    for page in StandardPage.objects.exclude(body_html=""):
        StandardPage.objects.filter(pk=page.pk).update(body=html_to_body_blocks(page.body_html))
    # The drafts and history editors open hold the body too: Wagtail would read their HTML as an empty body.
    for revision in standard_page_revisions(apps):
        body = revision.content.get("body")
        if isinstance(body, str) and not body.lstrip().startswith("["):
            revision.content["body"] = json.dumps(html_to_body_blocks(body))
            revision.save(update_fields=["content"])


def body_blocks_to_html(apps, schema_editor):
    StandardPage = apps.get_model("recooperate", "StandardPage")
    for page in StandardPage.objects.all():
        StandardPage.objects.filter(pk=page.pk).update(body_html=migration_helpers.body_blocks_to_html(page.body.raw_data))
    for revision in standard_page_revisions(apps):
        body = revision.content.get("body")
        blocks = json.loads(body) if isinstance(body, str) and body.lstrip().startswith("[") else body
        if isinstance(blocks, list):
            revision.content["body"] = migration_helpers.body_blocks_to_html(blocks)
            revision.save(update_fields=["content"])


def grant_patient_stories(apps, schema_editor):
    create_permissions_now(apps)
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="recooperate", content_type__model="patientstory")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Site managers"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('recooperate', '0008_clinic_hours_and_location'),
    ]

    operations = [
        migrations.CreateModel(
            name='PatientStory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='How the patient agreed to be named, for example "Maya R., Brooklyn".', max_length=80, verbose_name='name shown')),
                ('about', models.CharField(blank=True, help_text='Shown under the name, for example "Marathoner, back to racing after a stress fracture".', max_length=120, verbose_name='about the runner')),
                ('story', models.TextField(help_text="The patient's words, as they approved them.", max_length=800, verbose_name='story')),
                ('consent_given_on', models.DateField(help_text='The day the patient agreed in writing to this story being published. No consent, no story.', verbose_name='consent given on')),
                ('consent_record', models.CharField(help_text='For staff only, never shown: for example "Signed form, in the patient\'s file".', max_length=200, verbose_name='where the consent is kept')),
                ('consent_withdrawn_on', models.DateField(blank=True, help_text='If the patient withdraws consent, enter the day: the story leaves every page at once.', null=True, verbose_name='consent withdrawn on')),
            ],
            options={
                'verbose_name': 'patient story',
                'verbose_name_plural': 'patient stories',
                'ordering': ['-consent_given_on', 'name'],
            },
        ),
        migrations.AddField(
            model_name='clinicsettings',
            name='footer_links',
            field=wagtail.fields.StreamField([('link', 2)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave empty to use the page's title.", 'label': 'Label', 'max_length': 60, 'required': False}), 2: ('wagtail.blocks.StructBlock', [[('page', 0), ('label', 1)]], {})}, help_text='Pages listed in the footer of every page, in this order (about, privacy notice, contact...). The main menu lists the pages marked “Show in menus” (Promote tab).', verbose_name='footer links'),
        ),
        migrations.AlterField(
            model_name='clinicsettings',
            name='footer_text',
            field=models.TextField(blank=True, help_text='A line at the foot of every page.', verbose_name='footer text'),
        ),
        migrations.RenameField(model_name='standardpage', old_name='body', new_name='body_html'),
        migrations.AddField(
            model_name='standardpage',
            name='body',
            field=wagtail.fields.StreamField([('section_heading', 2), ('paragraph', 3), ('image', 6), ('quote', 9), ('faq', 15), ('call_to_action', 21), ('clinic_details', 24), ('patient_stories', 28)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 150}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Optional. Fixes the #link to this section so it survives a change of heading; letters, digits and hyphens.', 'label': 'Anchor', 'max_length': 80, 'required': False}), 2: ('wagtail.blocks.StructBlock', [[('heading', 0), ('anchor', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'description': 'Paragraphs of text with links and lists.', 'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3', 'h4'], 'icon': 'pilcrow', 'label': 'Text', 'preview_value': '<p>Recurring pain is a signal, not a rite of passage.</p>', 'template': 'blocks/paragraph_block.html'}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.blocks.TextBlock', (), {'label': 'Quote', 'max_length': 600}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 120, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('quote', 7), ('attribution', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'default': 'Frequently asked questions', 'label': 'Heading', 'max_length': 120}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'Question', 'max_length': 200}), 12: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'Answer'}), 13: ('wagtail.blocks.StructBlock', [[('question', 11), ('answer', 12)]], {}), 14: ('wagtail.blocks.ListBlock', (13,), {'label': 'Questions', 'min_num': 1}), 15: ('wagtail.blocks.StructBlock', [[('heading', 10), ('questions', 14)]], {}), 16: ('recooperate.blocks.CallToActionChooserBlock', ('recooperate.CallToAction',), {'help_text': 'Choose one, or leave empty and fill in the fields below.', 'label': 'Reusable call to action', 'required': False}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120, 'required': False}), 18: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'max_length': 500, 'required': False}), 19: ('wagtail.blocks.CharBlock', (), {'label': 'Button text', 'max_length': 40, 'required': False}), 20: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Leave empty to lead to the booking page of the site-wide call to action (Clinic settings).', 'label': 'Button page', 'required': False}), 21: ('wagtail.blocks.StructBlock', [[('call_to_action', 16), ('heading', 17), ('text', 18), ('button_text', 19), ('button_page', 20)]], {}), 22: ('wagtail.blocks.CharBlock', (), {'default': 'Find us', 'label': 'Heading', 'max_length': 80}), 23: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul'], 'help_text': 'How to get there (subway lines, entrance, bike parking); shown under the address.', 'label': 'Getting here', 'required': False}), 24: ('wagtail.blocks.StructBlock', [[('heading', 22), ('directions', 23)]], {}), 25: ('wagtail.blocks.CharBlock', (), {'default': 'Runners we have treated', 'label': 'Heading', 'max_length': 80}), 26: ('wagtail.snippets.blocks.SnippetChooserBlock', ('recooperate.PatientStory',), {}), 27: ('wagtail.blocks.ListBlock', (26,), {'help_text': "Only stories with the patient's consent recorded can be chosen; withdrawn ones are not shown.", 'label': 'Stories', 'min_num': 1}), 28: ('wagtail.blocks.StructBlock', [[('heading', 25), ('items', 27)]], {})}, verbose_name='body'),
        ),
        migrations.RunPython(body_html_to_blocks, body_blocks_to_html),
        migrations.RemoveField(model_name='standardpage', name='body_html'),
        migrations.RunPython(grant_patient_stories, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='standardpage',
            name='intro',
            field=models.TextField(blank=True, help_text="A sentence or two under the title; also the page's teaser.", max_length=500, verbose_name='intro'),
        ),
    ]
