import pytest

from tests.factories import block, make_article

pytestmark = pytest.mark.django_db


def test_article_page_shows_title_author_and_date(client, blog, clinician):
    import datetime

    article = make_article(blog, title="5 Signs", authors=[clinician], date=datetime.date(2025, 8, 18))
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 Signs" in html
    assert "Dr. Jason Cooper, PT, DPT, CSCS, ART" in html
    assert "August 18, 2025" in html
