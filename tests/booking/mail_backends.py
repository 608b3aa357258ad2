"""Mail backends that fail the ways real mail servers do."""

import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(BaseEmailBackend):
    """The server refuses every recipient, quoting the address back (as SMTP servers do)."""

    def send_messages(self, email_messages):
        recipients = {address: (550, b"mailbox unavailable") for message in email_messages for address in message.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


class DownBackend(BaseEmailBackend):
    """No server listening at all."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()


class PatientRefusedBackend(LocmemBackend):
    """Delivers staff mail but refuses the patient's address: the retry must not resend the staff mail."""

    refused = "maya.okafor@example.com"

    def send_messages(self, email_messages):
        for message in email_messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"no such user")})
        return super().send_messages(email_messages)


class ExplodingBackend(BaseEmailBackend):
    """Fails the test if anything tries to send mail (used where a request must not wait on mail)."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("Mail was sent while handling a visitor's request")


def outbox():
    return getattr(mail, "outbox", [])
