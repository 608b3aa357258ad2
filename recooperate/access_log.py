"""Request lines in access logs without their query strings.

The admin's search boxes put what staff typed (often a patient's name) in the
URL's query string; the booking form's ?from= and the site search's ?q= are a
visitor's too. Logged paths are enough to follow traffic. gunicorn's access log
format (recooperate/gunicorn.conf.py) prints the path only; this filter does the
same for the development server's "django.server" log.

Imported by the logging configuration, before the apps are ready: no models here.
"""

import logging
import re

# "GET /admin/booking/?q=Maya HTTP/1.1" -> "GET /admin/booking/?[…] HTTP/1.1"
QUERY = re.compile(r"\?\S*")


def strip_query(text):
    return QUERY.sub("?[…]", text)


class QueryStringFilter(logging.Filter):
    """Removes query strings from runserver's request lines (the first argument of its message)."""

    def filter(self, record):
        if record.args and isinstance(record.args, tuple) and isinstance(record.args[0], str):
            record.args = (strip_query(record.args[0]), *record.args[1:])
        elif isinstance(record.msg, str) and not record.args:
            record.msg = strip_query(record.msg)
        return True
