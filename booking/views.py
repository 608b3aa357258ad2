"""The booking form's request handling, the thank-you page and the friendly CSRF failure page.

BookingPage routes its URLs here; the page holds the editors' texts, these
functions the request/response steps, and services.py every write.
"""

import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from recooperate.pagelinks import live_public_pages
from recooperate.security import client_ip

from . import services
from .formkeys import form_key_id, issue_form_key
from .models import AppointmentRequest
from .privacy import mark_sensitive

logger = logging.getLogger(__name__)


def source_page_for(value, booking_page):
    """The live, public page a visitor came from (?from=<id>), or None for anything else."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**62 or pk == booking_page.pk:
        return None
    # Live and public: a page behind a view restriction is not recorded, nor does it suggest a reason.
    page = live_public_pages().filter(pk=pk).first()
    return page.specific if page is not None else None


def reissued_form_key(page):
    """A fresh key for a form whose own key was forged or expired.

    The visitor has already filled this form in and only has to press Send
    again, so the key is dated as if shown BOOKING_MIN_SECONDS ago (plus a
    second, as the key rounds its time): dated "now", that second Send would
    be filed as too-fast spam, with no mail and a normal thank-you page.
    """
    return issue_form_key(
        privacy_version=page.privacy_version, issued_at=time.time() - settings.BOOKING_MIN_SECONDS - 1
    )


def render_booking_form(request, page, form, *, form_key=None, status=200):
    """The form page; ``form_key`` is the key the form carries, by default the one it was sent with."""
    if form_key is None:
        form_key = form.data.get("form_key", "")
    context = page.get_context(request)
    context.update({"form": form, "form_key": form_key, "error_summary": form.error_summary() if form.is_bound else []})
    return TemplateResponse(request, "booking/booking_page.html", context, status=status)


def initial_answers(request, page):
    """The source page a visitor came from, and the reason it suggests, for a form being shown."""
    source = source_page_for(request.GET.get("from"), page)
    return {"source": source.pk if source else "", "reason": page.reason_for_source(source)}


def store_request(request, page, form):
    """Store the request a valid form holds (or find the one it already stored) and return it."""
    form_key = form.cleaned_data["form_key"]
    appointment_request, _created = services.appointment_request_create(
        data=form.request_data(),
        form_key=form_key.key,
        privacy_notice_version=form_key.privacy_version,
        source_page=source_page_for(form.cleaned_data["source"], page),
        client_ip=client_ip(request),
        spam_reason=form.spam_reason,
    )
    return appointment_request


def explain_not_stored(page, form, error):
    """Tell the visitor, on the form and in the page's words, why their valid request was not stored;
    return the status to show it with.

    Whatever went wrong, they get their answers back, never a 500.
    """
    if isinstance(error, services.RateLimitExceeded):
        form.add_error(None, page.rate_limited_message)
        return 429
    if isinstance(error, OperationalError):
        # SQLite gave up waiting for the write lock: rare, and the visitor must not lose what they typed.
        logger.warning("Could not save an appointment request: the database was busy.")
        form.add_error(None, page.database_busy_message)
        return 503
    # A ValidationError: the model refused what the form accepted. The form checks the
    # model's rules too, so this is a bug to fix. Only field names are logged: the
    # messages can quote what the visitor typed.
    refused = sorted(getattr(error, "error_dict", {}))
    logger.warning("The booking form let through what the model refused (fields: %s).", ", ".join(refused) or "none")
    for name in refused:
        if name in form.fields:
            form.add_error(name, page.check_answer_message)
    form.add_error(None, page.not_saved_message)
    return 200


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_form(request, page):
    """GET shows the form; POST stores a valid request and redirects to its thank-you page."""
    mark_sensitive(request)
    form_class = page.get_form_class()
    if request.method != "POST":
        form = form_class(initial=initial_answers(request, page), auto_id="id_%s", **page.form_kwargs())
        return render_booking_form(request, page, form, form_key=issue_form_key(privacy_version=page.privacy_version))
    # The same form sent again (double click, back and resubmit) shows the first one's thank-you page.
    sent_before = services.appointment_request_for_form_key(form_key_id(request.POST.get("form_key")))
    if sent_before is not None:
        return redirect(page.get_thank_you_url(sent_before))
    form = form_class(request.POST, auto_id="id_%s", **page.form_kwargs())
    if not form.is_valid():
        return render_booking_form(request, page, form, form_key=reissued_form_key(page) if form.key_error else None)
    try:
        appointment_request = store_request(request, page, form)
    except (ValidationError, services.RateLimitExceeded, OperationalError) as error:
        status = explain_not_stored(page, form, error)
        return render_booking_form(request, page, form, status=status)
    return redirect(page.get_thank_you_url(appointment_request))


@never_cache
@require_http_methods(["GET", "HEAD"])
def booking_thank_you(request, page, reference):
    """The reference and what happens next; nothing the visitor wrote."""
    if not services.thank_you_lookup_allowed(client_ip=client_ip(request)):
        context = page.get_context(request)
        return TemplateResponse(request, "booking/thank_you_limited.html", context, status=429)
    appointment_request = AppointmentRequest.objects.filter(reference=reference).only("reference").first()
    if appointment_request is None:
        raise Http404
    context = page.get_context(request)
    context["reference"] = appointment_request.reference
    return TemplateResponse(request, "booking/thank_you.html", context)


@never_cache
def csrf_failure(request, reason=""):
    """A 403 that explains what happened and how to reach the clinic, in the site's own look."""
    mark_sensitive(request)
    return TemplateResponse(request, "booking/csrf_failure.html", {"reason": reason}, status=403)
