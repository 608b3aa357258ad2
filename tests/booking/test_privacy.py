"""Patients' details stay out of error reports and logs, wherever an error happens."""

import logging
import sys
from unittest import mock

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views.debug import ExceptionReporter

from booking.privacy import (
    WITHHELD,
    PatientDataExceptionReporter,
    PatientDataExceptionReporterFilter,
    PatientDataLogFilter,
    is_sensitive,
    mark_sensitive,
)

SECRET = "xanthippe.q@example.org"


def raise_with(secret):
    local_secret = secret  # noqa: F841 (a local variable a traceback would show)
    raise ValueError(f"could not mail {secret}")


def exc_info_for(secret=SECRET):
    try:
        raise_with(secret)
    except ValueError:
        return sys.exc_info()


def report_text(request):
    return PatientDataExceptionReporter(request, *exc_info_for()).get_traceback_text()


def test_post_data_is_withheld_from_every_report():
    request = RequestFactory().post("/anything/", {"reason_details": "kneecap pain"})
    assert PatientDataExceptionReporterFilter().get_post_parameters(request) == {
        "reason_details": "********************"
    }
    assert "kneecap" not in report_text(request)


def test_a_sensitive_requests_report_withholds_the_message_and_local_variables():
    request = RequestFactory().get("/book/")
    mark_sensitive(request)
    text = report_text(request)
    assert "ValueError" in text and "raise_with" in text
    assert WITHHELD in text
    assert SECRET not in text


# What staff type into the admin's search box: a patient's name.
SEARCH = "Xanthippe Okafor"
SEARCH_PARTS = ("Xanthippe", "Okafor")


def search_request(path, **meta):
    """A GET carrying the search in its query string, in the Referer and where some servers copy the URI."""
    query = "q=Xanthippe+Okafor&status=new"
    return RequestFactory().get(
        path,
        {"q": SEARCH, "status": "new"},
        HTTP_REFERER=f"http://testserver/admin/booking/requests/?{query}",
        REQUEST_URI=f"{path}?{query}",
        RAW_URI=f"{path}?{query}",
        **meta,
    )


@pytest.mark.parametrize("is_email", [True, False], ids=["mail", "debug-page"])
@pytest.mark.parametrize("render", ["get_traceback_text", "get_traceback_html"])
@pytest.mark.parametrize("marked", [True, False], ids=["marked", "by-path"])
def test_a_sensitive_requests_report_withholds_its_query_string(render, is_email, marked):
    request = search_request("/admin/booking/requests/")
    if marked:
        mark_sensitive(request)
    report = getattr(PatientDataExceptionReporter(request, *exc_info_for(), is_email=is_email), render)()
    assert "/admin/booking/requests/" in report  # still useful to a developer
    assert WITHHELD in report or WITHHELD.replace(":", "&#x3A;") in report
    for part in SEARCH_PARTS:
        assert part not in report


def test_other_requests_keep_their_query_string_for_developers():
    request = RequestFactory().get("/blog/", {"page": "7", "topic": "knees"})
    report = PatientDataExceptionReporter(request, *exc_info_for()).get_traceback_text()
    assert "topic = 'knees'" in report
    assert "/blog/?page=7&topic=knees" in report


@pytest.mark.django_db
@override_settings(ADMINS=[("Ops", "ops@example.com")])
def test_a_server_error_on_the_admin_search_mails_no_patient_name(booking_staff):
    from booking.viewsets import AppointmentRequestIndexView

    client = Client(raise_request_exception=False)
    client.force_login(booking_staff)
    with mock.patch.object(AppointmentRequestIndexView, "get_base_queryset", side_effect=ValueError(f"no {SEARCH}")):
        response = client.get("/admin/booking/requests/", {"q": SEARCH})
    assert response.status_code == 500
    [report] = [message for message in mail.outbox if message.to == ["ops@example.com"]]
    text = report.subject + report.body + "".join(str(alternative[0]) for alternative in report.alternatives)
    assert "ValueError" in text and "/admin/booking/requests/" in text  # still useful to a developer
    for part in SEARCH_PARTS:
        assert part not in text


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("appointment_requests:index", []),
        ("appointment_requests:index_results", []),
        ("appointment_requests:inspect", [1]),
        ("appointment_requests:edit", [1]),
        ("appointment_requests:delete", [1]),
        ("booking_requests_by_source", []),
        ("booking_requests_by_source_results", []),
    ],
)
def test_every_booking_admin_url_is_sensitive_before_any_view_runs(url_name, args):
    """An error in a middleware or an admin decorator, before the view marks the request, is covered too."""
    assert is_sensitive(RequestFactory().get(reverse(url_name, args=args), {"q": SEARCH}))


def test_the_rest_of_the_admin_is_not_sensitive_by_path():
    assert not is_sensitive(RequestFactory().get(reverse("wagtailadmin_home")))
    assert not is_sensitive(RequestFactory().get("/blog/booking/"))


@pytest.mark.django_db
def test_the_booking_page_and_its_thank_you_page_mark_their_requests_sensitive(booking_page):
    for path, components in (("/book/", []), ("/book/thanks/RC-AAAA-AAAA/", ["thanks", "RC-AAAA-AAAA"])):
        request = RequestFactory().get(path)
        booking_page.route(request, components)
        assert is_sensitive(request), path


def test_other_requests_keep_their_messages_for_developers():
    request = RequestFactory().get("/blog/")
    assert "could not mail" in report_text(request)


def test_local_variables_in_booking_code_are_withheld_even_without_a_request():
    from booking import services

    tb_frame = type("Frame", (), {"f_globals": vars(services), "f_locals": {"email": SECRET}})()
    variables = PatientDataExceptionReporterFilter().get_traceback_frame_variables(None, tb_frame)
    assert variables == [("email", "********************")]


def test_the_default_reporter_is_ours(settings):
    from django.utils.module_loading import import_string
    from django.views.debug import get_default_exception_reporter_filter

    assert issubclass(import_string(settings.DEFAULT_EXCEPTION_REPORTER), ExceptionReporter)
    assert isinstance(get_default_exception_reporter_filter(), PatientDataExceptionReporterFilter)


def make_record(name, request=None):
    record = logging.LogRecord(
        name, logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/book/",), exc_info_for()
    )
    if request is not None:
        record.request = request
    return record


def formatted(record):
    PatientDataLogFilter().filter(record)
    return logging.Formatter().format(record)


def test_log_records_about_sensitive_requests_lose_the_exception_message():
    request = RequestFactory().post("/book/")
    mark_sensitive(request)
    text = formatted(make_record("django.request", request))
    assert "Internal Server Error: /book/" in text
    assert "raise_with" in text and "builtins.ValueError" in text
    assert SECRET not in text


def test_log_records_from_booking_code_lose_the_exception_message():
    assert SECRET not in formatted(make_record("booking.services"))


def test_other_log_records_are_left_alone():
    assert SECRET in formatted(make_record("blog.models"))
