"""Media on S3-compatible storage, end to end against a real S3 server (moto's, on 127.0.0.1).

With the storage the production settings build from DJANGO_S3_* (recooperate.settings.base.
s3_media_storage), an image uploaded in the admin is stored in the bucket, its renditions are made
there when the article is published, the article links them and the bucket serves them; a document
is streamed through Wagtail's view, never linked from the bucket.
"""

import re
import types
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from moto.server import ThreadedMotoServer

from recooperate.models import CustomImage
from recooperate.settings.base import s3_media_storage
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BUCKET = "clinic-media"
REGION = "us-east-1"


@pytest.fixture
def s3(monkeypatch, settings):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
    }.items():
        monkeypatch.setenv(name, value)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": s3_media_storage(BUCKET, endpoint, REGION, "")}
    yield types.SimpleNamespace(endpoint=endpoint, keys=lambda: bucket_keys(client))
    server.stop()


def bucket_keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


def test_an_uploaded_image_and_its_renditions_live_in_the_bucket_and_are_served_from_it(
    s3, admin_client, client, blog, clinician
):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Knee on the treatment table",
            "description": "A physical therapist examines a runner's knee",
            "credit": "Photo by ReCOOPERate PT",
            "file": ContentFile(jpeg(), name="knee.jpg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = CustomImage.objects.get(title="Knee on the treatment table")
    assert f"original_images/{image.file.name.rsplit('/', 1)[1]}" in s3.keys()

    article = make_article(blog, title="Knee pain on the run", author=clinician, listing_image=image)
    # Publishing made the article's renditions in the bucket (blog/signals.py), before any visitor.
    renditions = {key for key in s3.keys() if key.startswith("images/")}
    assert renditions and all(key.endswith((".webp", ".jpg")) for key in renditions)

    html = admin_client.get(article.url).content.decode()
    sources = re.findall(r'(?:src|srcset)="(' + re.escape(s3.endpoint) + r'/[^" ]+)', html)
    assert sources, "the article links no image in the bucket"
    status, content_type, body = fetch(sources[0].replace("&amp;", "&"))
    assert status == 200 and content_type.startswith("image/") and len(body) > 100

    # Link previews and search engines get the bucket's address as it is, not glued to the site's.
    html = client.get(article.url).content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert og_image.startswith(s3.endpoint + "/"), og_image
    ld_images = re.findall(r'"image": "([^"]+)"', html)
    assert ld_images and all(url.startswith(s3.endpoint + "/") for url in ld_images), ld_images


def test_a_document_is_streamed_through_wagtails_view_not_linked_from_the_bucket(s3, admin_client, client):
    from wagtail.documents import get_document_model

    content = b"%PDF-1.4 exercise sheet for runners"
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Exercise sheet", "file": ContentFile(content, name="exercises.pdf")}
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Exercise sheet")
    assert document.file.name in s3.keys()

    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content
    assert document.url.startswith("/documents/")  # Wagtail's view, never the bucket's URL


def jpeg():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (11, 93, 87)).save(buffer, "JPEG")
    return buffer.getvalue()
