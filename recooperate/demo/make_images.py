"""Draw the demo images that ship with the repository (run once; output is committed).

They are our own abstract illustrations, so the demo needs no downloaded or
licensed photo.  python recooperate/demo/make_images.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).with_name("images")
PALETTES = {
    "track": ("#0b5d57", "#13877e", "#f2b705", "#ffffff"),
    "park": ("#1f5130", "#3d8b4f", "#f6d365", "#fdfbf2"),
    "city": ("#1b2430", "#3b4c63", "#f2b705", "#e8edef"),
    "stretch": ("#5b2a86", "#8c52c7", "#ffd166", "#fff7e6"),
    "clinic": ("#0f4c75", "#3282b8", "#bbe1fa", "#ffffff"),
}


def gradient(size, top, bottom):
    img = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(img)
    t = Image.new("RGB", (1, 1), top).getpixel((0, 0))
    b = Image.new("RGB", (1, 1), bottom).getpixel((0, 0))
    for y in range(size[1]):
        mix = y / size[1]
        draw.line([(0, y), (size[0], y)], fill=tuple(int(t[i] + (b[i] - t[i]) * mix) for i in range(3)))
    return img


def runner(draw, x, y, scale, colour):
    """A simple stick runner mid-stride."""
    w = int(10 * scale)
    head = (x, y)
    draw.ellipse([x - 14 * scale, y - 14 * scale, x + 14 * scale, y + 14 * scale], fill=colour)
    hip = (x - 10 * scale, y + 80 * scale)
    draw.line([(x, y + 14 * scale), hip], fill=colour, width=w)
    draw.line(
        [hip, (x + 30 * scale, y + 120 * scale), (x + 20 * scale, y + 165 * scale)], fill=colour, width=w, joint="curve"
    )
    draw.line(
        [hip, (x - 45 * scale, y + 115 * scale), (x - 85 * scale, y + 130 * scale)], fill=colour, width=w, joint="curve"
    )
    shoulder = (x - 3 * scale, y + 35 * scale)
    draw.line(
        [shoulder, (x + 30 * scale, y + 55 * scale), (x + 50 * scale, y + 30 * scale)],
        fill=colour,
        width=w,
        joint="curve",
    )
    draw.line(
        [shoulder, (x - 35 * scale, y + 55 * scale), (x - 55 * scale, y + 80 * scale)],
        fill=colour,
        width=w,
        joint="curve",
    )
    return head


def draw_image(name, palette, seed, size=(1600, 900), with_runner=True):
    rng = random.Random(seed)
    dark, mid, accent, light = palette
    img = gradient(size, mid, dark)
    draw = ImageDraw.Draw(img)
    for i in range(6):
        y = size[1] * (0.55 + i * 0.08)
        amp = rng.uniform(10, 40)
        points = [(x, y + amp * math.sin(x / rng.uniform(80, 200) + i)) for x in range(0, size[0] + 20, 20)]
        draw.line(points, fill=light if i % 2 else accent, width=4)
    img = img.filter(ImageFilter.GaussianBlur(1))
    draw = ImageDraw.Draw(img)
    if with_runner:
        runner(draw, size[0] * 0.55, size[1] * 0.22, size[1] / 450, light)
    img.save(OUT / f"{name}.jpg", quality=78, optimize=True, progressive=True)


def draw_portrait(name, palette, size=(600, 600)):
    dark, mid, accent, light = palette
    img = gradient(size, mid, dark)
    draw = ImageDraw.Draw(img)
    cx = size[0] / 2
    draw.ellipse([cx - 110, 120, cx + 110, 340], fill=light)
    draw.pieslice([cx - 220, 360, cx + 220, 800], 180, 360, fill=accent)
    img.save(OUT / f"{name}.jpg", quality=80, optimize=True)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    draw_image("runner-on-track", PALETTES["track"], 1)
    draw_image("nyc-running-guide", PALETTES["city"], 2)
    draw_image("personalized-plan", PALETTES["clinic"], 3, with_runner=False)
    draw_image("mobility-exercises", PALETTES["stretch"], 4)
    draw_image("gait-analysis", PALETTES["park"], 5)
    draw_portrait("jason-cooper", PALETTES["clinic"])
