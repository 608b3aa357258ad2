"""Every field an editor fills in says what it does and where visitors see it.

The fields are found the way the admin finds them, so a field or block added
later without help text fails here, by name: each page type's edit handler
(Content, Promote and Settings tabs, and the rows of its inline panels), each
snippet's and each setting's panels, the image form's own fields, the form
staff use on an appointment request, and every block inside each StreamField.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from booking.notifications import staff_address
from booking.viewsets import appointment_request_viewset
from recooperate.models import ClinicSettings

# Wagtail's own page fields that Wagtail gives no help text (Settings tab, "Publishing" panel).
# Wagtail owns them: our page models cannot reword them without replacing Wagtail's panels.
# Every other field of Wagtail's (title, slug, seo_title, search_description, show_in_menus)
# carries Wagtail's help text and is checked like ours.
WAGTAIL_PAGE_FIELDS_WITHOUT_HELP_TEXT = {"go_live_at", "expire_at"}


def project_app_labels():
    """The apps of this project (top-level packages beside manage.py), so a new app is checked too."""
    return {app.label for app in apps.get_app_configs() if Path(app.path).parent == Path(settings.BASE_DIR)}


def block_help_text(block):
    """The help the admin shows with a block: a field block's form field's, else the block's Meta's."""
    field = getattr(block, "field", None)
    return (field.help_text if field is not None else "") or getattr(block.meta, "help_text", None) or ""


def blocks_without_help_text(block, where, described=False):
    """Paths of the blocks under ``block`` that an editor fills in and that say nothing about themselves.

    Each child of a StructBlock needs its own help text. A block offered on its
    own in a StreamBlock needs one too, unless it is a StructBlock (whose
    fields are checked). The items of a ListBlock are explained by the list's
    help text.
    """
    if isinstance(block, blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            yield from blocks_without_help_text(child, f"{where} > {name}")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            path = f"{where} > {name}"
            if not block_help_text(child):
                yield path
            yield from blocks_without_help_text(child, path, described=True)
    elif isinstance(block, blocks.ListBlock):
        yield from blocks_without_help_text(
            block.child_block, f"{where} > item", described=described or bool(block_help_text(block))
        )
    elif not described and not block_help_text(block):
        yield where


def panel_fields(panel, form_class, where):
    """(path, help text, form field) for each FieldPanel under ``panel``, inline panels' rows included."""
    if isinstance(panel, InlinePanel):
        row_form_class = form_class.formsets[panel.relation_name].form
        yield from panel_fields(panel.child_edit_handler, row_form_class, f"{where}.{panel.relation_name}")
    elif isinstance(panel, FieldPanel):
        field = form_class.base_fields[panel.field_name]
        yield f"{where}.{panel.field_name}", panel.help_text or field.help_text, field
    else:
        for child in getattr(panel, "children", ()):
            yield from panel_fields(child, form_class, where)


def form_fields(form_class, where, names=None):
    """(path, help text, form field) for the fields of a form that has no panels."""
    for name, field in form_class.base_fields.items():
        if names is None or name in names:
            yield f"{where}.{name}", field.help_text, field


def offenders(fields, allowed=()):
    """Paths of fields, and of blocks in their StreamFields, that carry no help text."""
    missing = []
    for path, help_text, field in fields:
        if not help_text and path.rpartition(".")[2] not in allowed:
            missing.append(path)
        block = getattr(field, "block", None)  # a StreamField's form field holds its StreamBlock
        if isinstance(block, blocks.Block):
            missing.extend(blocks_without_help_text(block, path))
    return missing


def page_fields():
    for model in get_page_models():
        if model._meta.app_label in project_app_labels():
            edit_handler = model.get_edit_handler()
            yield from panel_fields(edit_handler, edit_handler.get_form_class(), model.__name__)


def snippet_fields():
    for model in get_snippet_models():
        if model._meta.app_label in project_app_labels():
            edit_handler = model.snippet_viewset.get_edit_handler()
            yield from panel_fields(edit_handler, edit_handler.get_form_class(), model.__name__)


def setting_fields():
    for model in settings_registry:
        if model._meta.app_label in project_app_labels():
            edit_handler = get_setting_edit_handler(model)
            yield from panel_fields(edit_handler, edit_handler.get_form_class(), model.__name__)


def image_fields():
    """The fields our image model adds to Wagtail's image form; Wagtail's own (Image.admin_form_fields) are its to word."""
    model = get_image_model()
    form_class = get_image_form(model)
    ours = [name for name in form_class.base_fields if name not in Image.admin_form_fields]
    return form_fields(form_class, model.__name__, names=ours)


def appointment_request_fields():
    """What staff change on a request in the inbox (booking/viewsets.py)."""
    form_class = appointment_request_viewset.get_form_class(for_update=True)
    return form_fields(form_class, appointment_request_viewset.model.__name__)


def assert_all_explained(missing):
    assert not missing, (
        "These fields editors see have no help text; say what each does and where visitors see it:\n"
        + "\n".join(f"  - {path}" for path in missing)
    )


def test_page_fields_say_what_they_do_and_where_they_show():
    """Content, Promote and Settings tabs of every page type, inline rows and StreamField blocks included."""
    assert_all_explained(offenders(page_fields(), allowed=WAGTAIL_PAGE_FIELDS_WITHOUT_HELP_TEXT))


def test_snippet_fields_say_what_they_do_and_where_they_show():
    assert_all_explained(offenders(snippet_fields()))


def test_setting_fields_say_what_they_do_and_where_they_show():
    assert_all_explained(offenders(setting_fields()))


def test_the_image_forms_own_fields_say_what_they_do():
    assert_all_explained(offenders(image_fields()))


def test_the_fields_staff_change_on_a_request_say_what_they_do():
    assert_all_explained(offenders(appointment_request_fields()))


def test_the_allowed_exceptions_are_wagtails_own_page_fields():
    """The allow-list cannot hide a field of ours: each name is a field Wagtail's Page defines."""
    for name in WAGTAIL_PAGE_FIELDS_WITHOUT_HELP_TEXT:
        assert Page._meta.get_field(name).model is Page
    for model in get_page_models():
        if model._meta.app_label in project_app_labels():
            for name in WAGTAIL_PAGE_FIELDS_WITHOUT_HELP_TEXT:
                assert model._meta.get_field(name).model is Page, f"{model.__name__}.{name} is not Wagtail's"


def block_paths(block, where):
    """The path of every block under ``block``, as blocks_without_help_text names them."""
    children = getattr(block, "child_blocks", {}).items()
    if isinstance(block, blocks.ListBlock):
        children = [("item", block.child_block)]
    for name, child in children:
        yield f"{where} > {name}"
        yield from block_paths(child, f"{where} > {name}")


def test_the_walk_reaches_inline_rows_stream_blocks_images_and_the_inbox():
    """A walk that missed whole kinds of field would pass for the wrong reason."""
    found = set()
    for path, _help_text, field in (
        *page_fields(),
        *snippet_fields(),
        *setting_fields(),
        *image_fields(),
        *appointment_request_fields(),
    ):
        found.add(path)
        block = getattr(field, "block", None)
        if isinstance(block, blocks.Block):
            found.update(block_paths(block, path))
    for expected in (
        "ArticlePage.related_picks.article",
        "BookingPage.reason_topics.reason",
        "ArticlePage.title",
        "ArticlePage.search_description",
        "ArticlePage.go_live_at",
        "ArticlePage.body > faq > questions > item > answer",
        "StandardPage.body > patient_stories > items > item",
        "ClinicSettings.opening_hours_specification > hours > opens",
        "PatientStory.consent_withdrawn_on",
        "CustomImage.credit",
        "CustomImage.source_url",
        "AppointmentRequest.status",
        "AppointmentRequest.note",
    ):
        assert expected in found


def test_a_block_without_help_text_is_named():
    body = blocks.StreamBlock(
        [
            ("plain", blocks.RichTextBlock()),
            ("explained", blocks.RichTextBlock(help_text="Shown as paragraphs.")),
            (
                "box",
                blocks.StructBlock(
                    [
                        ("heading", blocks.CharBlock(help_text="Shown at the top of the box.")),
                        ("items", blocks.ListBlock(blocks.CharBlock())),
                    ]
                ),
            ),
        ]
    )
    assert list(blocks_without_help_text(body, "Page.body")) == ["Page.body > plain", "Page.body > box > items"]


def test_the_clinic_email_says_it_receives_staff_notifications_without_health_details():
    help_text = str(ClinicSettings._meta.get_field("email").help_text)
    assert "Staff notifications of new appointment requests are sent here" in help_text
    assert "BOOKING_NOTIFICATION_EMAIL" in help_text
    assert "never the patient's name or health details" in help_text


@pytest.mark.django_db
def test_staff_notifications_go_where_the_clinic_email_help_text_says(settings):
    """To Clinic settings' email, unless BOOKING_NOTIFICATION_EMAIL names another address."""
    clinic = ClinicSettings.load()
    clinic.email = "hello@recooperatept.com"
    clinic.save()
    settings.BOOKING_NOTIFICATION_EMAIL = ""
    assert staff_address() == "hello@recooperatept.com"
    settings.BOOKING_NOTIFICATION_EMAIL = "team@recooperatept.com"
    assert staff_address() == "team@recooperatept.com"
