"""What patients send: appointment requests, their history, and the /book/ page."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from recooperate.models import BasePage
from recooperate.validators import PlaceholderValidator

from . import validators
from .blocks import AnswerTextBlock, DayNameBlock, QuestionTextBlock
from .crypto import EncryptedTextField
from .privacy import mark_sensitive

# Unambiguous when read out on the phone: no 0/O, 1/I/L or U.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "RC"
MAX_PREFERRED_DATES = 3
# What staff read where a visitor skipped an optional question.
NOT_GIVEN = _("Not given")
NO_CONTACT_PREFERENCE = _("No preference: phone or email")


def generate_reference():
    """A short random code such as RC-7K3M-9QXP: 40 bits, so guessing one is hopeless."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"


class Reason(models.TextChoices):
    RECURRING_INJURY = "recurring_injury", _("A running injury that keeps coming back")
    LINGERING_PAIN = "lingering_pain", _("Pain that lingers after runs")
    GAIT_ANALYSIS = "gait_analysis", _("Uneven form: I would like a gait analysis")
    PERFORMANCE_PLATEAU = "performance_plateau", _("A performance plateau")
    INJURY_PREVENTION = "injury_prevention", _("I am new to running and want to prevent injury")
    OTHER = "other", _("Something else")


class BodyArea(models.TextChoices):
    FOOT_ANKLE = "foot_ankle", _("Foot or ankle")
    SHIN_CALF = "shin_calf", _("Shin or calf")
    KNEE = "knee", _("Knee")
    THIGH_HAMSTRING = "thigh_hamstring", _("Thigh or hamstring")
    HIP_GROIN = "hip_groin", _("Hip or groin")
    LOWER_BACK = "lower_back", _("Lower back")
    OTHER = "other", _("Somewhere else, or more than one place")
    NONE = "none", _("No pain: I want to run better")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class PatientType(models.TextChoices):
    NEW = "new", _("I am a new patient")
    RETURNING = "returning", _("I have been treated at the clinic before")


class Payment(models.TextChoices):
    INSURANCE = "insurance", _("Health insurance")
    SELF_PAY = "self_pay", _("Self-pay")
    NO_FAULT_WORKERS_COMP = "no_fault_workers_comp", _("No-fault or workers' compensation")
    MEDICARE = "medicare", _("Medicare")


class Referral(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


# The clinic sees patients Monday to Saturday; Saturday ends early (see Clinic settings).
DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
]
PARTS_OF_DAY = [("morning", _("Morning")), ("afternoon", _("Afternoon")), ("evening", _("Evening"))]
CLOSED_SLOTS = {"sat-evening"}
PREFERRED_TIME_CHOICES = [
    (
        day_label,
        [(f"{day}-{part}", part_label) for part, part_label in PARTS_OF_DAY if f"{day}-{part}" not in CLOSED_SLOTS],
    )
    for day, day_label in DAYS
]
PREFERRED_TIME_LABELS = {
    value: f"{day_label} {part_label.lower()}"
    for day_label, slots in PREFERRED_TIME_CHOICES
    for value, part_label in slots
}


class AppointmentRequestQuerySet(models.QuerySet):
    def not_spam(self):
        return self.exclude(status=AppointmentRequest.Status.SPAM)

    def notification_due(self, *, now=None, force=False):
        """Requests whose mail has not all gone out and may be tried now.

        ``force`` includes those waiting for their next attempt and those that
        used up their attempts.
        """
        now = now or timezone.now()
        Notification = AppointmentRequest.Notification
        waiting = models.Q(notification_status__in=[Notification.PENDING, Notification.FAILED])
        if not force:
            waiting &= models.Q(notification_attempts__lt=settings.BOOKING_NOTIFICATION_MAX_ATTEMPTS) & (
                models.Q(notification_next_attempt_at__isnull=True) | models.Q(notification_next_attempt_at__lte=now)
            )
        # A worker that died mid-send leaves "sending" behind; after a while it is fair game.
        abandoned = models.Q(
            notification_status=Notification.SENDING,
            notification_last_attempt_at__lt=now - datetime.timedelta(minutes=15),
        )
        return self.filter(waiting | abandoned, anonymised_at__isnull=True)


class AppointmentRequest(models.Model):
    """A prospective patient's request to be called back for an appointment."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        SCHEDULED = "scheduled", _("Scheduled")
        DECLINED = "declined", _("Declined")
        SPAM = "spam", _("Spam")
        CLOSED = "closed", _("Closed")

    class Notification(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will retry")
        SKIPPED = "skipped", _("Not sent (spam)")

    class SpamReason(models.TextChoices):
        HONEYPOT = "honeypot", _("Filled in the hidden field")
        TOO_FAST = "too_fast", _("Sent too quickly after opening the form")

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    # One per rendered form: the same form sent twice finds the first request.
    form_key = models.UUIDField(_("form key"), unique=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        help_text=_(
            "Where the request stands; each change is recorded in its history. Closed and spam requests lose the "
            "patient's details once the retention period after their last change has passed. Moving a request "
            "out of Spam sends the emails it never got."
        ),
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    spam_reason = models.CharField(_("why it looks like spam"), max_length=16, choices=SpamReason.choices, blank=True)

    first_name = models.CharField(_("first name"), max_length=100, validators=[validators.validate_name])
    last_name = models.CharField(_("last name"), max_length=100, validators=[validators.validate_name])
    email = models.EmailField(_("email"), max_length=254, validators=[validators.validate_single_line])
    phone = models.CharField(_("phone"), max_length=40, validators=[validators.validate_stored_phone])
    # Optional questions store "" when the visitor skipped them; staff read "Not given" (see answer_text()).
    # No preferred contact method means staff may call or email.
    preferred_contact = models.CharField(
        _("preferred contact method"), max_length=16, choices=ContactMethod.choices, blank=True
    )
    patient_type = models.CharField(_("new or returning"), max_length=16, choices=PatientType.choices, blank=True)
    reason = models.CharField(_("reason for visit"), max_length=32, choices=Reason.choices)
    # Health details in the patient's words: encrypted at rest (booking/crypto.py).
    reason_details = EncryptedTextField(
        _("more about the reason"), max_length=1000, blank=True, validators=[validators.validate_multi_line]
    )
    body_area = models.CharField(_("body area"), max_length=32, choices=BodyArea.choices, blank=True)
    payment = models.CharField(_("how they will pay"), max_length=32, choices=Payment.choices, blank=True)
    has_referral = models.CharField(_("physician's referral"), max_length=16, choices=Referral.choices, blank=True)
    preferred_times = models.JSONField(_("preferred times"), default=list, blank=True)
    preferred_dates = models.JSONField(_("preferred dates"), default=list, blank=True)
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    privacy_notice_version = models.CharField(_("privacy notice version accepted"), max_length=64)
    source_page = models.ForeignKey(
        Page,
        verbose_name=_("source article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page whose booking link the visitor followed."),
    )

    # The mail trail: a request is stored first and mailed after, so this says how that went.
    notification_status = models.CharField(
        _("notification"), max_length=16, choices=Notification.choices, default=Notification.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(_("notification attempts"), default=0)
    notification_last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    notification_next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The error's class name only: its message may quote an address.
    notification_last_error = models.CharField(_("last error"), max_length=200, blank=True)
    staff_notified_at = models.DateTimeField(_("staff notified"), null=True, blank=True)
    patient_acknowledged_at = models.DateTimeField(_("patient acknowledged"), null=True, blank=True)

    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["-created_at", "-pk"]
        permissions = [("export_appointmentrequest", "Can export appointment requests")]
        indexes = [
            models.Index(
                fields=["notification_status", "notification_next_attempt_at"], name="booking_notification_due"
            ),
            models.Index(fields=["source_page", "created_at"], name="booking_source_created"),
        ]

    def __str__(self):
        # Only the reference: this string reaches admin messages, logs and history.
        return self.reference

    def clean(self):
        errors = {}
        allowed = set(PREFERRED_TIME_LABELS)
        if not isinstance(self.preferred_times, list) or not set(self.preferred_times) <= allowed:
            errors["preferred_times"] = _("Choose times from the list.")
        dates = self.preferred_dates
        if not isinstance(dates, list) or len(dates) > MAX_PREFERRED_DATES:
            errors["preferred_dates"] = _("Give up to three dates.")
        else:
            try:
                [datetime.date.fromisoformat(value) for value in dates]
            except (TypeError, ValueError):
                errors["preferred_dates"] = _("Dates must be written as YYYY-MM-DD.")
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def phone_display(self):
        return validators.format_phone(self.phone) if self.phone else ""

    @property
    def phone_href(self):
        number, _sep, extension = self.phone.partition(" ext. ")
        return f"tel:{number};ext={extension}" if extension else f"tel:{number}"

    @property
    def source_title(self):
        return self.source_page.title if self.source_page_id and self.source_page else ""

    def answer_text(self, name):
        """The answer to optional question ``name`` as staff read it: its label, or what skipping it means."""
        if getattr(self, name):
            return getattr(self, f"get_{name}_display")()
        return NO_CONTACT_PREFERENCE if name == "preferred_contact" else NOT_GIVEN

    @property
    def preferred_contact_text(self):
        return self.answer_text("preferred_contact")

    @property
    def patient_type_text(self):
        return self.answer_text("patient_type")

    @property
    def body_area_text(self):
        return self.answer_text("body_area")

    @property
    def payment_text(self):
        return self.answer_text("payment")

    @property
    def has_referral_text(self):
        return self.answer_text("has_referral")

    @property
    def preferred_times_text(self):
        return ", ".join(self.preferred_times_display) or self._scheduling_not_given

    @property
    def preferred_dates_text(self):
        return ", ".join(self.preferred_dates) or self._scheduling_not_given

    @property
    def _scheduling_not_given(self):
        # Anonymising blanks the times and dates: they were given, then removed, like the name.
        return "" if self.is_anonymised else NOT_GIVEN

    @property
    def preferred_times_display(self):
        return [PREFERRED_TIME_LABELS.get(value, value) for value in self.preferred_times]

    @property
    def preferred_dates_display(self):
        return [datetime.date.fromisoformat(value) for value in self.preferred_dates]

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None


class AppointmentRequestEventQuerySet(models.QuerySet):
    def record_access(self, *, kind, user, appointment_request_ids, now=None):
        """Record that ``user`` saw these requests' health details (``kind`` VIEWED or EXPORTED), one event each.

        One INSERT per batch, however many requests an export holds.
        """
        now = now or timezone.now()
        return self.bulk_create(
            (
                self.model(appointment_request_id=pk, kind=kind, user=user, created_at=now)
                for pk in appointment_request_ids
            ),
            batch_size=500,
        )


class AppointmentRequestEvent(models.Model):
    """One line of a request's history: received, a status change, a staff note, or who saw its details."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note")
        ANONYMISED = "anonymised", _("Anonymised")
        # Who read a patient's health details, and when: the admin's detail page, or a download that included them.
        VIEWED = "viewed", _("Details viewed")
        EXPORTED = "exported", _("Exported with health details")

    appointment_request = models.ForeignKey(
        AppointmentRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("appointment request")
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=AppointmentRequest.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=AppointmentRequest.Status.choices, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True, validators=[validators.validate_multi_line])

    objects = AppointmentRequestEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment request event")
        verbose_name_plural = _("appointment request events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class BookingRateLimitHit(models.Model):
    """One booking attempt, counted against a limit. Keys are keyed hashes, never addresses."""

    class Scope(models.TextChoices):
        IP = "ip", _("IP address")
        EMAIL = "email", _("Email address")

    scope = models.CharField(max_length=8, choices=Scope.choices)
    key_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key_digest", "created_at"], name="booking_ratelimit_lookup")]

    def __str__(self):
        return f"{self.scope} {self.key_digest[:8]}"


ACKNOWLEDGEMENT_TEXT = """Hello,

Thank you for asking for an appointment at {clinic}. We have your request.

Your reference: {reference}

What happens next: a member of our team will contact you within one working day, by the contact method you chose (or by phone or email if you did not choose one), to find a time that suits you.

To protect your privacy, we do not repeat the details of your request by email. If you need to change anything, or if you did not send this request, please call us on {phone} and give your reference.

{clinic}
"""


class BookingPage(RoutablePageMixin, BasePage):
    """The /book/ page: editors write its texts; the form and its rules live in the booking app.

    GET shows the form, POST validates it and stores the request, then redirects
    to the thank-you page (``thanks/<reference>/``); booking/views.py handles
    both, asking the page for its form class and texts.
    """

    intro = models.TextField(
        _("intro"),
        max_length=600,
        blank=True,
        help_text=_(
            "A sentence or two under the title, above the booking form; also the page's description in search "
            "results when the Promote tab gives none."
        ),
    )
    privacy_text = RichTextField(
        _("privacy notice"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown above the consent boxes: how the clinic uses and keeps what patients send."),
    )
    privacy_notice_version = models.CharField(
        _("privacy notice version"),
        max_length=40,
        default="1",
        help_text=_(
            "Change this when the privacy notice changes: each request records the version its sender accepted."
        ),
    )
    thank_you_heading = models.CharField(
        _("thank-you heading"),
        max_length=120,
        default="Thank you: we have your request",
        help_text=_("The heading (and browser tab title) of the page patients see after sending the form."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_("What happens next. Shown after the reference code; never repeat health details here."),
    )

    # What a visitor reads when a filled-in form was not sent; their answers are always kept.
    NOT_SENT_TEXT_FIELDS = (
        "form_key_invalid_message",
        "form_key_expired_message",
        "rate_limited_message",
        "database_busy_message",
        "not_saved_message",
        "check_answer_message",
    )
    form_key_invalid_message = models.CharField(
        _("not sent: form could not be checked"),
        max_length=300,
        default="We could not check this form, so it was not sent. Your answers are still here: "
        "please check them and send the form again.",
        help_text=_("When the form's one-time key was altered or missing."),
    )
    form_key_expired_message = models.CharField(
        _("not sent: form open too long"),
        max_length=300,
        default="This form was open for a long time, so it was not sent. Your answers are still here: "
        "please check them and send the form again.",
        help_text=_("When the form was sent long after it was opened."),
    )
    rate_limited_message = models.CharField(
        _("not sent: too many requests"),
        max_length=300,
        default="We have received several requests from you in the last hour, so this one was not sent. "
        "Your answers are still here: please try again later, or call us.",
        help_text=_("When one address or connection sent more requests than the limits allow."),
    )
    database_busy_message = models.CharField(
        _("not sent: site busy"),
        max_length=300,
        default="We could not save your request just now. Your answers are still here: please send the form again "
        "in a moment, or call us.",
        help_text=_("When the site could not save the request in time; rare."),
    )
    not_saved_message = models.CharField(
        _("not sent: could not be saved as written"),
        max_length=300,
        default="We could not save your request as written. Your answers are still here: please check the ones "
        "marked and send the form again, or call us.",
        help_text=_("Above the form when an answer could not be stored as written."),
    )
    check_answer_message = models.CharField(
        _("not sent: answer to check"),
        max_length=200,
        default="Check this answer: we could not save it as written.",
        help_text=_("Beside each answer that could not be stored as written."),
    )

    # The form's own texts, each with the wording the page had before editors could change it.
    FORM_TEXT_FIELDS = (
        "form_intro",
        "contact_heading",
        "optional_heading",
        "optional_intro",
        "running_heading",
        "visit_heading",
        "times_heading",
        "times_intro",
        "times_help",
        "privacy_heading",
        "submit_label",
        "submit_note",
        "required_marker",
        "optional_marker",
        "skip_choice_label",
        "error_heading",
        "error_summary_intro",
        "error_prefix",
        "error_call_text",
    )
    form_intro = models.TextField(
        _("form intro"),
        max_length=400,
        default="Only the questions marked (required) need an answer: that takes a minute or two. The others help "
        "us prepare for your visit, and you may skip any of them.",
        help_text=_("The first words of the form: how long it takes and which questions matter."),
    )
    contact_heading = models.CharField(
        _("contact section heading"),
        max_length=120,
        default="So that we can call you back",
        help_text=_("Above the name, email, phone and reason questions."),
    )
    optional_heading = models.CharField(
        _("optional section heading"),
        max_length=120,
        default="Optional: help us prepare for your visit",
        help_text=_("Above the questions a visitor may skip; say that they are optional."),
    )
    optional_intro = models.TextField(
        _("optional section intro"),
        max_length=400,
        default="Answer as many of these as you like, or none: we will ask what we need when we call.",
        help_text=_("Under the optional section's heading."),
    )
    running_heading = models.CharField(
        _("running questions heading"),
        max_length=120,
        default="About your running",
        help_text=_("Above the questions on where it hurts and what brings them in."),
    )
    visit_heading = models.CharField(
        _("visit questions heading"),
        max_length=120,
        default="Your visit and paying for it",
        help_text=_("Above the new-or-returning, payment and referral questions."),
    )
    times_heading = models.CharField(
        _("times heading"),
        max_length=120,
        default="When you could come in",
        help_text=_("Above the times of the week and the preferred dates."),
    )
    times_intro = models.TextField(
        _("times intro"),
        max_length=400,
        default="All times are New York time. Tick any times of the week that usually suit you, or suggest up to "
        "three dates, or both.",
        help_text=_("Under the times heading."),
    )
    times_help = models.CharField(
        _("times of day explained"),
        max_length=200,
        default="Mornings are 7am to noon, afternoons noon to 5pm, evenings 5pm to 8pm.",
        help_text=_("What morning, afternoon and evening mean; keep it in step with the clinic's hours."),
    )
    privacy_heading = models.CharField(
        _("privacy section heading"),
        max_length=120,
        default="Your privacy",
        help_text=_("Above the privacy notice and the two consent boxes."),
    )
    submit_label = models.CharField(
        _("send button"),
        max_length=40,
        default="Send request",
        help_text=_("The words on the button that sends the form."),
    )
    submit_note = models.CharField(
        _("note by the send button"),
        max_length=200,
        default="We reply within one working day. Nothing is booked until we have spoken.",
        help_text=_("What happens after sending; keep the promise the clinic can keep."),
    )
    error_heading = models.CharField(
        _("error summary heading"),
        max_length=120,
        default="Your request has not been sent yet",
        help_text=_("Above the list of answers to check, when a sent form has mistakes."),
    )
    required_marker = models.CharField(
        _("required marker"),
        max_length=30,
        default="(required)",
        help_text=_("After the label of each question that needs an answer."),
    )
    optional_marker = models.CharField(
        _("optional marker"),
        max_length=30,
        default="(optional)",
        help_text=_("After the label of each question that may be left blank."),
    )
    question_texts = StreamField(
        [("question", QuestionTextBlock()), ("answer", AnswerTextBlock()), ("day", DayNameBlock())],
        blank=True,
        verbose_name=_("questions' wording"),
        help_text=_(
            "Reword any question of the form, its hint and its messages, any answer of a multiple-choice "
            "question, or a day's name over the time grid: choose it, then write what the form should say. "
            "What is not listed keeps its wording."
        ),
    )
    skip_choice_label = models.CharField(
        _('"skip" answer'),
        max_length=60,
        default="Skip this question",
        help_text=_(
            "The last answer of each optional multiple-choice question: a ticked answer cannot be unticked, so "
            "this one takes it back."
        ),
    )
    error_summary_intro = models.CharField(
        _("error summary: before the list"),
        max_length=80,
        default="Please check:",
        help_text=_("Between the error summary's heading and the list of answers to check."),
    )
    error_prefix = models.CharField(
        _("error prefix"),
        max_length=30,
        default="Error:",
        help_text=_(
            "Starts the browser tab's title when a sent form has mistakes, and is read out by screen readers "
            "before each mistake."
        ),
    )
    error_call_text = models.CharField(
        _("error summary: call us"),
        max_length=120,
        default="Or call us on",
        help_text=_("Before the clinic's phone number, under the list of answers to check."),
    )
    # The thank-you page's own texts, besides its heading and text above.
    THANK_YOU_TEXT_FIELDS = ("reference_label", "reference_note", "thank_you_call_text", "thank_you_home_link")
    # The page shown instead when one address has opened too many thank-you pages (it also has the home link above).
    LIMITED_TEXT_FIELDS = ("limited_heading", "limited_lead", "limited_text", "limited_call_text")
    reference_label = models.CharField(
        _("reference label"),
        max_length=60,
        default="Your reference",
        help_text=_("Above the request's reference code on the thank-you page."),
    )
    reference_note = models.CharField(
        _("reference note"),
        max_length=200,
        default="Please keep it: quote it if you call us about your request.",
        help_text=_("Under the reference code."),
    )
    thank_you_call_text = models.CharField(
        _("thank-you page: call us"),
        max_length=200,
        default="Need to change something, or is it urgent? Call us on",
        help_text=_("Before the clinic's phone number on the thank-you page."),
    )
    thank_you_home_link = models.CharField(
        _("thank-you page: home link"),
        max_length=60,
        default="Back to the home page",
        help_text=_("The button back to the home page."),
    )
    limited_heading = models.CharField(
        _("too many lookups: heading"),
        max_length=120,
        default="Please try again later",
        help_text=_("Shown instead of a thank-you page opened too many times from one connection in an hour."),
    )
    limited_lead = models.CharField(
        _("too many lookups: first paragraph"),
        max_length=300,
        default=(
            "This confirmation page has been opened many times from your connection in the last hour, "
            "so we are not showing it for now."
        ),
        help_text=_("Under that heading: why the reference is not shown."),
    )
    limited_text = models.CharField(
        _("too many lookups: reassurance"),
        max_length=300,
        default="Your request is safe: if you sent it, we have it, and we will contact you as we said.",
        help_text=_("After the first paragraph: that nothing is lost."),
    )
    limited_call_text = models.CharField(
        _("too many lookups: call us"),
        max_length=200,
        default="To check on it now, call us on",
        help_text=_("Before the clinic's phone number."),
    )

    # The email a patient gets after sending the form: plain text, editors' words, no health details.
    acknowledgement_subject = models.CharField(
        _("confirmation email: subject"),
        max_length=150,
        default="Your appointment request to {clinic} ({reference})",
        validators=[PlaceholderValidator("clinic", "reference")],
        help_text=_(
            "The subject of the email a patient gets after sending the form. {clinic} is the clinic's name, "
            "{reference} the request's reference."
        ),
    )
    acknowledgement_text = models.TextField(
        _("confirmation email: text"),
        default=ACKNOWLEDGEMENT_TEXT,
        validators=[PlaceholderValidator("clinic", "reference", "phone")],
        help_text=_(
            "Plain text. {clinic}, {reference} and {phone} (the clinic's) are filled in. Keep the promise the "
            "form's note makes, and never repeat or ask for health details: email is not private."
        ),
    )

    EMAIL_TEXT_FIELDS = ("acknowledgement_subject", "acknowledgement_text")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [*[FieldPanel(name) for name in FORM_TEXT_FIELDS], FieldPanel("question_texts")],
            heading=_("Form texts"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in NOT_SENT_TEXT_FIELDS],
            heading=_("When a form is not sent"),
            classname="collapsed",
        ),
        MultiFieldPanel([FieldPanel("privacy_text"), FieldPanel("privacy_notice_version")], heading=_("Privacy")),
        MultiFieldPanel(
            [
                FieldPanel("thank_you_heading"),
                FieldPanel("thank_you_text"),
                *[FieldPanel(name) for name in THANK_YOU_TEXT_FIELDS],
                *[FieldPanel(name) for name in LIMITED_TEXT_FIELDS],
            ],
            heading=_("Thank-you page"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in EMAIL_TEXT_FIELDS],
            heading=_("Confirmation email"),
            classname="collapsed",
        ),
        InlinePanel(
            "reason_topics",
            label=_("Reason for a topic"),
            heading=_("Preselected reasons (a visitor coming from an article with this topic sees this reason chosen)"),
        ),
    ]

    parent_page_types = ["recooperate.HomePage"]
    subpage_types = []
    max_count = 1
    # The form is sent back to the page itself.
    allowed_http_methods = ("GET", "HEAD", "POST")

    class Meta:
        verbose_name = _("booking page")

    @property
    def privacy_version(self):
        """The version label with a digest of the text, so an unlabelled edit is still told apart."""
        digest = hashlib.sha256(self.privacy_text.encode()).hexdigest()[:8]
        return f"{self.privacy_notice_version}:{digest}"

    def reason_for_source(self, source_page):
        """The reason to preselect for a visitor coming from ``source_page``, or ""."""
        # Any page filed under topics (articles today, programs later) can preselect a reason. Asked of
        # the page rather than read from a "topics" attribute: the blog's page has a topics() method.
        if not isinstance(source_page, BasePage):
            return ""
        topic_ids = source_page.filed_topic_ids()
        if not topic_ids:
            return ""
        for link in self.reason_topics.all():
            if link.topic_id in topic_ids:
                return link.reason
        return ""

    def route(self, request, path_components):
        # Everything under this page (the form, the thank-you pages) handles patients'
        # data: marked as soon as Wagtail picks the page, so a failure before the
        # view runs is reported without it too.
        mark_sensitive(request)
        return super().route(request, path_components)

    def form_kwargs(self):
        """What the form takes from this page besides the visitor's answers: the editors' wording."""
        texts, answers, days = {}, {}, {}
        for item in self.question_texts:
            value = item.value
            if item.block_type == "answer":
                question, _colon, answer = value["answer"].partition(":")
                answers.setdefault(question, {})[answer] = value["label"]
                continue
            if item.block_type == "day":
                days[value["day"]] = value["label"]
                continue
            texts[value["question"]] = (
                value["label"],
                value["help_text"],
                value.get("required_message") or "",
                value.get("wrong_answer_message") or "",
            )
        key_errors = {"invalid": self.form_key_invalid_message, "expired": self.form_key_expired_message}
        return {
            "skip_label": self.skip_choice_label,
            "question_texts": texts,
            "answer_labels": answers,
            "day_labels": days,
            "key_errors": key_errors,
        }

    def get_form_class(self):
        """The form visitors fill in; override to add or change fields."""
        from .forms import BookingForm

        return BookingForm

    @path("")
    def booking_form(self, request):
        from .views import booking_form

        return booking_form(request, self)

    @path("thanks/<str:reference>/", name="thank_you")
    def thank_you(self, request, reference):
        from .views import booking_thank_you

        return booking_thank_you(request, self, reference)

    def get_thank_you_url(self, appointment_request):
        return self.url + self.reverse_subpage("thank_you", kwargs={"reference": appointment_request.reference})


class BookingReasonForTopic(Orderable):
    """Which reason to preselect for visitors who arrive from an article with a given topic."""

    page = ParentalKey(BookingPage, on_delete=models.CASCADE, related_name="reason_topics")
    topic = models.ForeignKey(
        "recooperate.Topic",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("topic"),
        help_text=_("Visitors who reach the booking form from a page filed under this topic get the reason below."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=32,
        choices=Reason.choices,
        help_text=_(
            "Already chosen on the booking form for those visitors; they can change it. "
            "Where a page has several topics, the first matching row wins."
        ),
    )

    panels = [FieldPanel("topic"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("reason for a topic")
        verbose_name_plural = _("reasons for topics")
