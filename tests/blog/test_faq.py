"""Editors can add questions and answers to an article; search engines read them as an FAQPage."""

import json
import re

import pytest

from blog.blocks import ArticleBodyBlock
from tests.factories import block, make_article

pytestmark = pytest.mark.django_db

FAQ = {
    "heading": "Questions runners ask us",
    "questions": [
        {
            "question": "Do I need a referral?",
            "answer": '<p>No: in New York you can <a href="/book/">book</a> directly.</p>',
        },
        {"question": "Should I stop running?", "answer": "<p>Usually <b>not</b>: we adjust your training instead.</p>"},
    ],
}


def json_ld_objects(html):
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_an_faq_block_shows_its_questions_and_gives_search_engines_an_faqpage(client, blog, clinician):
    article = make_article(blog, author=clinician, body=[block("paragraph", "<p>Intro words.</p>"), block("faq", FAQ)])
    html = client.get(article.url).content.decode()

    assert '<h2 id="faq-questions-runners-ask-us">Questions runners ask us</h2>' in html
    assert '<h3 class="faq__question">Do I need a referral?</h3>' in html
    assert 'in New York you can <a href="/book/">book</a> directly.' in html
    (faq_page,) = [data for data in json_ld_objects(html) if data.get("@type") == "FAQPage"]
    assert faq_page == {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "Do I need a referral?",
                "acceptedAnswer": {"@type": "Answer", "text": "No: in New York you can book directly."},
            },
            {
                "@type": "Question",
                "name": "Should I stop running?",
                "acceptedAnswer": {"@type": "Answer", "text": "Usually not: we adjust your training instead."},
            },
        ],
    }


def test_an_article_without_questions_has_no_faqpage(client, blog, clinician):
    article = make_article(blog, author=clinician)
    html = client.get(article.url).content.decode()
    types = [data["@type"] for data in json_ld_objects(html)]
    assert "BlogPosting" in types and "FAQPage" not in types


def test_an_faq_needs_at_least_one_question():
    from wagtail.blocks import StreamBlockValidationError

    body = ArticleBodyBlock()
    value = body.to_python([{"type": "faq", "value": {"heading": "FAQ", "questions": []}}])
    with pytest.raises(StreamBlockValidationError):
        body.clean(value)
