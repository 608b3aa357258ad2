"""The demo's illustrations: a committed file for every image, each its own picture, described and credited."""

import hashlib
from collections import defaultdict

from PIL import Image

from recooperate.demo import content, make_images

LANDSCAPE = {key for key in content.IMAGES if key != content.CLINICIAN["photo"]}


def image_file(key):
    return make_images.OUT / f"{key}.jpg"


def pages_showing_each_image():
    """Image key -> the demo pages that show it: hero, listing images, images in a body, the clinician's photo."""
    pages = defaultdict(set)
    pages[content.HOME_HERO_IMAGE].add("home")
    pages[content.CLINICIAN["photo"]].add("clinician")
    for kind, entries in (("program", content.PROGRAMS), ("article", content.ARTICLES)):
        for entry in entries:
            page = f"{kind}:{entry['slug']}"
            pages[entry["image"]].add(page)
            for block, value in entry["body"]:
                if block == "image":
                    pages[value["image"]].add(page)
    return pages


def test_every_demo_image_is_drawn_by_the_script_and_committed():
    assert set(make_images.DRAWINGS) == set(content.IMAGES)
    assert {path.stem for path in make_images.OUT.glob("*.jpg")} == set(content.IMAGES)


def test_every_page_names_a_demo_image():
    assert set(pages_showing_each_image()) <= set(content.IMAGES)


def test_each_image_is_a_different_picture_small_enough_to_serve():
    hashes = {hashlib.sha256(image_file(key).read_bytes()).hexdigest() for key in content.IMAGES}
    assert len(hashes) == len(content.IMAGES)
    for key in content.IMAGES:
        assert image_file(key).stat().st_size < 200 * 1024, key


def test_the_portrait_is_square_and_the_scenes_are_wide():
    with Image.open(image_file(content.CLINICIAN["photo"])) as portrait:
        assert portrait.width == portrait.height >= 480  # the profile shows it at up to 480 × 480
    for key in LANDSCAPE:
        with Image.open(image_file(key)) as scene:
            assert scene.size == make_images.LANDSCAPE, key


def test_no_image_is_shown_on_more_than_two_pages():
    for key, pages in pages_showing_each_image().items():
        assert len(pages) <= 2, (key, pages)


def test_every_article_and_program_has_its_own_listing_image():
    listed = [entry["image"] for entry in content.PROGRAMS + content.ARTICLES]
    assert len(set(listed)) == len(listed)


def test_every_image_is_described_and_credited():
    for key, meta in content.IMAGES.items():
        assert meta["title"].strip(), key
        assert meta["description"].strip(), key
        assert meta["credit"] == "Illustration by ReCOOPERate PT", key


def test_drawing_an_image_again_gives_the_same_file():
    """The script seeds its randomness, so running it again changes nothing in the repository."""
    assert make_images.render("jason-cooper") == make_images.render("jason-cooper")
