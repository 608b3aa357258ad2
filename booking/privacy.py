"""Keeps patients' details out of logs and error reports.

An appointment request is health information. Django's error reports (the
500 e-mail, the debug page) print POST data, every frame's local variables and
the exception's message; log handlers print the message too. A view that
handles patients' data marks its request with ``mark_sensitive()`` and the
classes here withhold all three for it. POST data is withheld for every request:
the site's only public form is the booking form, and a failure before the
booking view runs (in a middleware, say) would otherwise print it.

Imported by the logging configuration, before the apps are ready: no models here.
"""

import logging
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

SENSITIVE_ATTRIBUTE = "booking_sensitive"
WITHHELD = "[withheld: may contain patient data]"


def mark_sensitive(request):
    """Tell error reporting and logging that this request carries patients' data."""
    request.sensitive_post_parameters = "__ALL__"
    setattr(request, SENSITIVE_ATTRIBUTE, True)


def is_sensitive(request):
    return bool(request is not None and getattr(request, SENSITIVE_ATTRIBUTE, False))


def _is_booking_frame(tb_frame):
    module = tb_frame.f_globals.get("__name__", "")
    return module == "booking" or module.startswith("booking.")


class PatientDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Withholds POST data always, and local variables of booking code or booking requests."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {name: self.cleansed_substitute for name in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        if is_sensitive(request) or _is_booking_frame(tb_frame):
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)


class PatientDataExceptionReporter(ExceptionReporter):
    """Withholds the exception's message (and its causes') when the request is sensitive."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if is_sensitive(self.request):
            data["exception_value"] = WITHHELD
            for frame in data.get("frames", []):
                if frame.get("exc_cause") is not None:
                    frame["exc_cause"] = WITHHELD
            data.pop("exception_notes", None)
        return data


def _withheld_traceback(exc_info):
    exc_type, _exc_value, tb = exc_info
    lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}: {WITHHELD}")
    return "".join(lines).rstrip("\n")


class PatientDataLogFilter(logging.Filter):
    """Replaces the exception text of records about sensitive requests or from booking code.

    The frames (file, line, code) stay so a developer can find the fault; the
    exception's message, which may quote what a visitor typed, does not.
    """

    def filter(self, record):
        from_booking = record.name == "booking" or record.name.startswith("booking.")
        if record.exc_info and record.exc_info[0] is not None and (
            from_booking or is_sensitive(getattr(record, "request", None))
        ):
            record.exc_text = _withheld_traceback(record.exc_info)
            record.exc_info = None
        return True
