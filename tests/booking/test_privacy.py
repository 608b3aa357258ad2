"""Patients' details stay out of error reports and logs, wherever an error happens."""

import logging
import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from booking.privacy import (
    WITHHELD,
    PatientDataExceptionReporter,
    PatientDataExceptionReporterFilter,
    PatientDataLogFilter,
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
    assert PatientDataExceptionReporterFilter().get_post_parameters(request) == {"reason_details": "********************"}
    assert "kneecap" not in report_text(request)


def test_a_sensitive_requests_report_withholds_the_message_and_local_variables():
    request = RequestFactory().get("/book/")
    mark_sensitive(request)
    text = report_text(request)
    assert "ValueError" in text and "raise_with" in text
    assert WITHHELD in text
    assert SECRET not in text


def test_other_requests_keep_their_messages_for_developers():
    request = RequestFactory().get("/blog/")
    assert "could not mail" in report_text(request)


def test_local_variables_in_booking_code_are_withheld_even_without_a_request():
    from booking import services

    tb_frame = type("Frame", (), {"f_globals": vars(services), "f_locals": {"email": SECRET}})()
    variables = PatientDataExceptionReporterFilter().get_traceback_frame_variables(None, tb_frame)
    assert variables == [("email", "********************")]


def test_the_default_reporter_is_ours(settings):
    from django.views.debug import get_default_exception_reporter_filter
    from django.utils.module_loading import import_string

    assert issubclass(import_string(settings.DEFAULT_EXCEPTION_REPORTER), ExceptionReporter)
    assert isinstance(get_default_exception_reporter_filter(), PatientDataExceptionReporterFilter)


def make_record(name, request=None):
    record = logging.LogRecord(name, logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/book/",), exc_info_for())
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
    assert SECRET in formatted(make_record("blog.services"))
