"""The home page tells search engines and maps what the clinic is, where, and when it is open."""

import datetime
import json
import re

import pytest
from wagtail.blocks import StreamBlockValidationError

from recooperate.blocks import OpeningHoursBlock
from recooperate.demo.loader import load_demo_content
from recooperate.models import ClinicSettings

pytestmark = pytest.mark.django_db


def clinic_json_ld(html):
    found = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    clinics = [data for data in found if data.get("@type") == "MedicalClinic"]
    assert len(clinics) == 1, found
    return clinics[0]


def test_the_home_page_describes_the_clinic_with_its_hours_and_position(client, site_tree):
    clinic = ClinicSettings.load()
    clinic.phone = "(212) 555-0147"
    clinic.address = "123 Example Street\nNew York, NY 10010"
    clinic.latitude, clinic.longitude = "40.741100", "-73.989700"
    clinic.opening_hours_specification = [
        ("hours", {"days": ["Friday", "Monday"], "opens": datetime.time(7), "closes": datetime.time(20)}),
        ("hours", {"days": ["Saturday"], "opens": datetime.time(8), "closes": datetime.time(14)}),
    ]
    clinic.save()

    data = clinic_json_ld(client.get("/").content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["name"] == clinic.clinic_name and data["telephone"] == "(212) 555-0147"
    assert data["address"]["streetAddress"] == "123 Example Street New York, NY 10010"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 40.7411, "longitude": -73.9897}
    assert data["openingHoursSpecification"] == [
        # days in the week's order, whatever order they were ticked in
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Friday"], "opens": "07:00", "closes": "20:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Saturday"], "opens": "08:00", "closes": "14:00"},
    ]


def test_without_hours_or_position_the_clinic_is_described_without_them(client, site_tree):
    data = clinic_json_ld(client.get("/").content.decode())
    assert "geo" not in data and "openingHoursSpecification" not in data


def test_hours_that_close_before_they_open_are_refused():
    block = OpeningHoursBlock()
    value = block.to_python({"days": ["Monday"], "opens": "20:00", "closes": "07:00"})
    with pytest.raises(Exception) as raised:
        block.clean(value)
    assert "Closing time must be after opening time." in str(raised.value.block_errors["closes"])
    assert not isinstance(raised.value, StreamBlockValidationError)


def test_the_demo_clinic_has_its_hours_and_position(client):
    load_demo_content()
    data = clinic_json_ld(client.get("/").content.decode())
    assert data["geo"]["latitude"] == 40.7411
    assert [spec["dayOfWeek"] for spec in data["openingHoursSpecification"]] == [
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        ["Saturday"],
    ]
