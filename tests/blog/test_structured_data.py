"""An article's JSON-LD says what the page shows: headline, dates, author, medical reviewer, image, clinic."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_article, make_clinician, make_image

pytestmark = pytest.mark.django_db


def json_ld(html):
    """The page's BlogPosting (the page also carries its BreadcrumbList)."""
    found = [
        json.loads(script) for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    postings = [data for data in found if data.get("@type") == "BlogPosting"]
    assert len(postings) == 1, found
    return postings[0]


@pytest.fixture
def reviewed(blog, clinician):
    reviewer = make_clinician(name="Dr. Ana Ruiz", credentials="PT, DPT, OCS")
    return make_article(
        blog,
        title="5 Signs You Might Need Running-Specific Physical Therapy",
        author=clinician,
        reviewer=reviewer,
        reviewed_on=datetime.date(2025, 9, 1),
        date=datetime.date(2025, 8, 18),
        listing_image=make_image(),
    )


def test_the_page_names_its_medical_reviewer(client, reviewed):
    html = client.get(reviewed.url).content.decode()
    assert re.search(r"Medically reviewed by .*Dr. Ana Ruiz, PT, DPT, OCS.* on .*September 1, 2025", html, re.S)


def test_json_ld_matches_the_visible_article(client, reviewed, clinician):
    html = client.get(reviewed.url).content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "BlogPosting"
    assert data["headline"] == reviewed.title and f'<h1 class="article__title">{reviewed.title}</h1>' in html
    assert data["datePublished"] == "2025-08-18" and 'datetime="2025-08-18"' in html
    assert data["author"] == {"@type": "Person", "name": clinician.name, "honorificSuffix": clinician.credentials} | (
        {"jobTitle": clinician.role} if clinician.role else {}
    )
    page = data["mainEntityOfPage"]
    assert page["@type"] == "MedicalWebPage" and page["@id"] == data["url"] == reviewed.full_url
    assert page["reviewedBy"]["name"] == "Dr. Ana Ruiz" and page["lastReviewed"] == "2025-09-01"
    assert data["publisher"]["@type"] == "MedicalClinic"
    assert data["image"].startswith("http") and data["image"].endswith(".webp")


def test_json_ld_cannot_end_its_script_early(client, blog, clinician):
    article = make_article(blog, title="Pain </script><script>alert(1)</script>", author=clinician)
    html = client.get(article.url).content.decode()
    assert json_ld(html)["headline"] == "Pain </script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_a_review_needs_both_a_reviewer_and_a_date(blog, clinician):
    article = make_article(blog, author=clinician)
    article.reviewer = clinician
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "reviewed_on" in error.value.message_dict
    article.reviewer, article.reviewed_on = None, datetime.date(2025, 9, 1)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "reviewer" in error.value.message_dict
