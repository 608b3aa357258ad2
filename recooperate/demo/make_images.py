"""Draw the demo images that ship with the repository (run once; output is committed).

They are our own flat illustrations, so the demo needs no downloaded or licensed photo:

    python recooperate/demo/make_images.py

Every random choice comes from a generator seeded with the image's key, so running this
again writes the same files, byte for byte. Pillow's ImageDraw does not antialias, so each
picture is drawn at twice its size and then shrunk.
"""

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

OUT = Path(__file__).with_name("images")
LANDSCAPE = (1600, 900)
SQUARE = (800, 800)
SUPERSAMPLE = 2
JPEG_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}

# One palette for every picture: the clinic's teal and deep blue, a warm accent, soft neutrals.
NAVY = "#17324d"
BLUE = "#24507a"
TEAL_DARK = "#0b5f5c"
TEAL = "#12807a"
TEAL_MID = "#2a9d8f"
TEAL_LIGHT = "#8fd3c8"
MINT = "#dcefeb"
CORAL = "#e76f51"
ORANGE = "#f4a261"
SUN = "#f6c667"
CREAM = "#fbf5ea"
SAND = "#efe2cc"
WOOD = "#d8b38c"
WOOD_DARK = "#b88a60"
GREY_LIGHT = "#e3e9ee"
GREY = "#9aabb9"
SLATE = "#4a5b6b"
INK = "#1f2a35"
WHITE = "#ffffff"
SKIN = ("#f3cfae", "#dca47b", "#b07148", "#7d4b2e")
HAIR = ("#2a1d15", "#5b3a24", "#b9792e", "#1b1b1f")


# Colours


def rgb(colour):
    return ImageColor.getrgb(colour)[:3] if isinstance(colour, str) else tuple(colour[:3])


def mix(a, b, t):
    """The colour a fraction `t` of the way from `a` to `b`."""
    a, b = rgb(a), rgb(b)
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def shade(colour, amount):
    """`colour` darkened (amount > 0) or lightened (amount < 0) by a fraction."""
    return mix(colour, "#000000", amount) if amount >= 0 else mix(colour, "#ffffff", -amount)


def clear(colour, opacity):
    return (*rgb(colour), round(255 * opacity))


# Geometry


def bezier(*points, steps=24):
    """Points along a quadratic or cubic Bézier curve through its end points."""
    out = []
    for i in range(steps + 1):
        t = i / steps
        if len(points) == 3:
            (x0, y0), (x1, y1), (x2, y2) = points
            out.append(
                (
                    (1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t * t * x2,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t * t * y2,
                )
            )
        else:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def place(points, origin, scale=1.0, flip=False):
    """Points drawn around (0, 0) moved to `origin`, scaled, and mirrored left to right if `flip`."""
    ox, oy = origin
    return [(ox + (-x if flip else x) * scale, oy + y * scale) for x, y in points]


class Canvas:
    """A picture drawn in output pixels on a surface SUPERSAMPLE times larger."""

    def __init__(self, size, background=WHITE):
        self.size = size
        self.image = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), rgb(background))
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    @staticmethod
    def scaled(points):
        return [(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points]

    @staticmethod
    def box(box):
        return [v * SUPERSAMPLE for v in box]

    def paint(self, colour):
        return colour if isinstance(colour, tuple) and len(colour) == 4 else rgb(colour)

    def rect(self, box, colour, radius=0):
        if radius:
            self.draw.rounded_rectangle(self.box(box), radius * SUPERSAMPLE, fill=self.paint(colour))
        else:
            self.draw.rectangle(self.box(box), fill=self.paint(colour))

    def ellipse(self, box, colour):
        self.draw.ellipse(self.box(box), fill=self.paint(colour))

    def circle(self, centre, radius, colour):
        x, y = centre
        self.ellipse((x - radius, y - radius, x + radius, y + radius), colour)

    def polygon(self, points, colour):
        self.draw.polygon(self.scaled(points), fill=self.paint(colour))

    def chord(self, box, start, end, colour):
        self.draw.chord(self.box(box), start, end, fill=self.paint(colour))

    def pieslice(self, box, start, end, colour):
        self.draw.pieslice(self.box(box), start, end, fill=self.paint(colour))

    def arc(self, box, start, end, colour, width):
        self.draw.arc(self.box(box), start, end, fill=self.paint(colour), width=round(width * SUPERSAMPLE))

    def line(self, points, colour, width, round_ends=True):
        self.draw.line(self.scaled(points), fill=self.paint(colour), width=round(width * SUPERSAMPLE), joint="curve")
        if round_ends:
            for point in (points[0], points[-1]):
                self.circle(point, width / 2, colour)

    def limb(self, points, radii, colour):
        """A rounded shape through `points`, as thick as 2 × `radii` at each of them (a tapered capsule)."""
        for (x1, y1), (x2, y2), r1, r2 in zip(points, points[1:], radii, radii[1:], strict=False):
            length = math.hypot(x2 - x1, y2 - y1) or 1
            nx, ny = -(y2 - y1) / length, (x2 - x1) / length
            self.polygon(
                [
                    (x1 + nx * r1, y1 + ny * r1),
                    (x2 + nx * r2, y2 + ny * r2),
                    (x2 - nx * r2, y2 - ny * r2),
                    (x1 - nx * r1, y1 - ny * r1),
                ],
                colour,
            )
        for point, radius in zip(points, radii, strict=True):
            self.circle(point, radius, colour)

    def gradient(self, box, stops):
        """A vertical gradient over `box` through `stops`, a list of (position 0..1, colour)."""
        x0, y0, x1, y1 = (round(v * SUPERSAMPLE) for v in box)
        for y in range(y0, y1):
            t = (y - y0) / max(1, y1 - y0 - 1)
            for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
                if p0 <= t <= p1:
                    colour = mix(c0, c1, (t - p0) / ((p1 - p0) or 1))
                    break
            else:
                colour = rgb(stops[-1][1])
            self.draw.line([(x0, y), (x1, y)], fill=colour)

    def shadow(self, centre, width, height, opacity=0.18):
        x, y = centre
        self.ellipse((x - width / 2, y - height / 2, x + width / 2, y + height / 2), clear(INK, opacity))

    def picture(self):
        return self.image.resize(self.size, Image.Resampling.LANCZOS)


# People. A pose gives each joint in head radii from the hip, x forward and y down; `person` draws it.

SEGMENTS = {"torso": 3.4, "neck": 1.5, "upper_arm": 2.0, "forearm": 1.8, "thigh": 2.9, "shin": 2.8, "foot": 1.05}


def step(start, angle, length):
    """The point `length` away from `start` at `angle` degrees: 0 straight down, 90 forward, 180 up."""
    a = math.radians(angle)
    return (start[0] + math.sin(a) * length, start[1] + math.cos(a) * length)


def pose(*, lean=0, nod=None, near_arm=(10, 0), far_arm=(-10, 0), near_leg=(0, 0, 90), far_leg=(0, 0, 90)):
    """Joints from the angle of each body part: arms are (upper arm, forearm), legs (thigh, shin, foot)."""
    s = SEGMENTS
    hip = (0.0, 0.0)
    shoulder = step(hip, 180 - lean, s["torso"])
    joints = {"hip": hip, "shoulder": shoulder, "head": step(shoulder, 180 - (lean if nod is None else nod), s["neck"])}
    for side, (upper, fore) in (("near", near_arm), ("far", far_arm)):
        joints[f"elbow_{side}"] = step(shoulder, upper, s["upper_arm"])
        joints[f"hand_{side}"] = step(joints[f"elbow_{side}"], fore, s["forearm"])
    for side, (thigh, shin, foot) in (("near", near_leg), ("far", far_leg)):
        joints[f"knee_{side}"] = step(hip, thigh, s["thigh"])
        joints[f"ankle_{side}"] = step(joints[f"knee_{side}"], shin, s["shin"])
        joints[f"toe_{side}"] = step(joints[f"ankle_{side}"], foot, s["foot"])
    return joints


RUNNING = pose(lean=10, nod=4, near_arm=(-50, 40), far_arm=(40, 150), near_leg=(62, -8, 100), far_leg=(-28, -85, -25))


def place_pose(joints, unit, facing=1, hip=None, ground=None, x=None):
    """`joints` in pixels: at `hip`, or standing at `x` with the lowest foot or knee on `ground`."""
    if hip is None:
        lowest = max(y for name, (_, y) in joints.items() if name.split("_")[0] in ("ankle", "toe", "knee"))
        hip = (x, ground - (lowest + 0.3) * unit)
    return {name: (hip[0] + jx * unit * facing, hip[1] + jy * unit) for name, (jx, jy) in joints.items()}


def reach(joints, side, target, unit, bend=1):
    """Bend the `side` arm so that its hand reaches `target` (or as near as the arm allows)."""
    first, second = SEGMENTS["upper_arm"] * unit, SEGMENTS["forearm"] * unit
    (sx, sy), (tx, ty) = joints["shoulder"], target
    distance = min(math.hypot(tx - sx, ty - sy), first + second - 0.01)
    direction = math.atan2(ty - sy, tx - sx)
    opening = math.acos(max(-1, min(1, (first**2 + distance**2 - second**2) / (2 * first * distance))))
    elbow = (sx + first * math.cos(direction + bend * opening), sy + first * math.sin(direction + bend * opening))
    joints[f"elbow_{side}"] = elbow
    joints[f"hand_{side}"] = (sx + distance * math.cos(direction), sy + distance * math.sin(direction))


def arm(c, joints, side, unit, *, skin, top, dark=0.0):
    shoulder, elbow, hand = joints["shoulder"], joints[f"elbow_{side}"], joints[f"hand_{side}"]
    c.limb([shoulder, elbow, hand], [0.3 * unit, 0.25 * unit, 0.2 * unit], shade(skin, dark))
    c.circle(hand, 0.26 * unit, shade(skin, dark))
    sleeve = (shoulder[0] + (elbow[0] - shoulder[0]) * 0.5, shoulder[1] + (elbow[1] - shoulder[1]) * 0.5)
    c.limb([shoulder, sleeve], [0.42 * unit, 0.36 * unit], shade(top, dark))


def person(
    c, joints, unit, *, skin, hair, top, bottom, shoes, facing=1, turn=0, hair_style="short", legs="shorts", arms=True
):
    """A flat figure: filled, tapered limbs (the far ones a shade darker), a torso, a head with hair."""
    u = unit
    far = 0.16

    def leg(side, dark):
        hip, knee, ankle, toe = joints["hip"], joints[f"knee_{side}"], joints[f"ankle_{side}"], joints[f"toe_{side}"]
        if legs == "shorts":
            c.limb([hip, knee, ankle], [0.48 * u, 0.36 * u, 0.24 * u], shade(skin, dark))
            end = (hip[0] + (knee[0] - hip[0]) * 0.55, hip[1] + (knee[1] - hip[1]) * 0.55)
            c.limb([hip, end], [0.6 * u, 0.5 * u], shade(bottom, dark))
        else:
            c.limb([hip, knee, ankle], [0.58 * u, 0.42 * u, 0.3 * u], shade(bottom, dark))
        dx, dy = toe[0] - ankle[0], toe[1] - ankle[1]
        length = math.hypot(dx, dy) or 1
        nx, ny = -dy / length * facing, dx / length * facing
        sole = [(ankle[0] + nx * 0.2 * u, ankle[1] + ny * 0.2 * u), (toe[0] + nx * 0.12 * u, toe[1] + ny * 0.12 * u)]
        c.limb([ankle, toe], [0.3 * u, 0.22 * u], shade(shoes, dark))
        c.limb(sole, [0.13 * u, 0.1 * u], shade(WHITE, dark + 0.04))

    if arms:
        arm(c, joints, "far", u, skin=skin, top=top, dark=far)
    leg("far", far)
    hip, shoulder, head = joints["hip"], joints["shoulder"], joints["head"]
    neck = (shoulder[0] + (head[0] - shoulder[0]) * 0.3, shoulder[1] + (head[1] - shoulder[1]) * 0.3)
    c.limb([neck, head], [0.27 * u, 0.27 * u], shade(skin, 0.12))
    c.limb([hip, shoulder], [0.66 * u, 0.78 * u], top)
    c.circle(hip, 0.66 * u, bottom)
    draw_head(c, head, u, skin=skin, hair=hair, facing=facing, turn=turn, style=hair_style)
    leg("near", 0)
    if arms:
        arm(c, joints, "near", u, skin=skin, top=top)


def draw_head(c, centre, u, *, skin, hair, facing=1, turn=0, style="short"):
    """A head in profile: hair over the top and the back, an ear, the face left plain."""
    x, y = centre

    def angle(a):  # an angle drawn for a figure facing right, turned to face its way
        return (a if facing == 1 else 180 - a) + turn * facing

    def towards(a, distance):
        return step_angle(centre, angle(a), distance * u)

    if style == "ponytail":
        c.limb([towards(200, 0.95), towards(150, 1.9)], [0.34 * u, 0.18 * u], hair)
    elif style == "bun":
        c.circle(towards(225, 1.05), 0.45 * u, hair)
    c.circle(centre, u, skin)
    r = 1.05 * u
    box = (x - r, y - r, x + r, y + r)
    for start, end, part in ((185, 335, c.chord), (112, 190, c.pieslice)):
        part(box, *((angle(start), angle(end)) if facing == 1 else (angle(end), angle(start))), hair)
    c.circle(towards(160, 0.12), 0.22 * u, shade(skin, 0.1))


def step_angle(centre, degrees, distance):
    """The point `distance` from `centre` at a PIL angle (degrees clockwise from three o'clock)."""
    a = math.radians(degrees)
    return (centre[0] + math.cos(a) * distance, centre[1] + math.sin(a) * distance)


# The pictures, one function each. Coordinates are output pixels.


def draw_runner_on_track(rng):
    """The home page's hero: a runner on the track of a stadium at sunrise."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    c.gradient((0, 0, w, 420), [(0, "#bfe2dc"), (0.6, "#f3e6cf"), (1, "#fbd7b0")])
    c.circle((1240, 250), 150, clear(SUN, 0.25))
    c.circle((1240, 250), 95, SUN)
    for x, y, size in ((180, 130, 1.0), (620, 90, 0.7), (1460, 160, 0.8)):
        cloud(c, x, y, size, clear(WHITE, 0.8))
    # The stands and their floodlights.
    c.polygon([(0, 330), (w, 300), (w, 470), (0, 470)], BLUE)
    for row in range(6):
        y0 = 348 + row * 20
        c.polygon([(0, y0), (w, y0 - 28 + row * 3), (w, y0 - 24 + row * 3), (0, y0 + 4)], shade(BLUE, 0.18))
    for x in (150, 1450):
        c.rect((x - 6, 120, x + 6, 330), NAVY)
        c.rect((x - 55, 90, x + 55, 135), NAVY, radius=6)
        for i in range(4):
            c.circle((x - 39 + i * 26, 112), 9, SUN)
    c.rect((0, 440, w, 470), shade(BLUE, 0.3))
    # The infield and the track.
    c.rect((0, 470, w, 560), TEAL_MID)
    for i in range(0, w + 160, 160):
        c.polygon([(i, 470), (i + 80, 470), (i + 60, 560), (i - 20, 560)], shade(TEAL_MID, 0.08))
    c.rect((0, 556, w, 900), "#cf5f45")
    lanes = [560, 588, 624, 670, 728, 800, 888]
    for i, y in enumerate(lanes):
        c.rect((0, y - 2 - i * 0.6, w, y + 2 + i * 0.6), WHITE)
    for i, (y0, y1) in enumerate(zip(lanes, lanes[1:], strict=False)):
        x = 170 - i * 30
        c.polygon(
            [(x, y0 + 6), (x + 14 + i * 3, y0 + 6), (x + 4, y1 - 6), (x - 10 - i * 3, y1 - 6)], clear(WHITE, 0.85)
        )
    # The runner, with a little motion behind her.
    unit = 34
    joints = place_pose(RUNNING, unit, x=800, ground=725)
    hip = joints["hip"]
    for i, (dx, dy, length) in enumerate(((-300, -150, 170), (-360, -50, 210), (-290, 50, 140))):
        c.line([(hip[0] + dx, hip[1] + dy), (hip[0] + dx + length, hip[1] + dy)], clear(WHITE, 0.7 - i * 0.1), 8)
    c.shadow((hip[0] + 10, 752), 300, 24, 0.22)
    person(c, joints, unit, skin=SKIN[2], hair=HAIR[0], top=SUN, bottom=NAVY, shoes=TEAL, hair_style="ponytail")
    return c.picture()


def cloud(c, x, y, size, colour):
    c.rect((x - 90 * size, y - 18 * size, x + 90 * size, y + 22 * size), colour, radius=20 * size)
    c.circle((x - 25 * size, y - 20 * size), 36 * size, colour)
    c.circle((x + 30 * size, y - 10 * size), 28 * size, colour)


def draw_nyc_skyline(rng):
    """The New York guide: the skyline at dawn behind a stone suspension bridge, a runner crossing it."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    horizon = 560
    c.gradient((0, 0, w, horizon), [(0, "#22476e"), (0.45, "#7d8fb0"), (0.8, "#f1ad8b"), (1, "#fbd49a")])
    c.circle((870, 340), 125, clear("#fbd3a8", 0.35))
    c.circle((870, 340), 80, SUN)
    for x, y, size in ((260, 170, 0.9), (820, 120, 0.6), (1380, 210, 0.75)):
        cloud(c, x, y, size, clear("#fbd7c0", 0.45))
    # Two rows of towers: far and pale, then near and dark with lit windows.
    skyline(c, rng, horizon, mix("#7d8fb0", "#f1ad8b", 0.35), (70, 190), windows=False)
    skyline(c, rng, horizon, "#2f4a6b", (50, 200), windows=True)
    # The river.
    c.gradient((0, horizon, w, h), [(0, "#4d6c91"), (1, "#1c3553")])
    for _ in range(70):
        x, y = rng.uniform(0, w), rng.uniform(horizon + 10, h)
        near_sun = abs(x - 870) < 150
        length = rng.uniform(20, 90) * (1 + (y - horizon) / 300)
        c.line([(x, y), (x + length, y)], clear(SUN if near_sun else "#a9bcd4", 0.55 if near_sun else 0.3), 3)
    # The bridge: stone towers with pointed arches, main cables, hangers and the deck.
    deck = 640
    towers = (470, 1230)
    top = 255
    cable_colour = "#1a2c42"
    spans = [(-80, towers[0], True), (towers[0], towers[1], False), (towers[1], w + 80, True)]
    for x0, x1, side in spans:
        points = []
        for i in range(41):
            t = i / 40
            x = x0 + (x1 - x0) * t
            if side:
                low = deck - 15
                y = (top + 20) + (low - top - 20) * ((1 - t) if x0 < 0 else t) ** 1.7
            else:
                y = (top + 20) + (deck - 25 - top - 20) * (1 - (2 * t - 1) ** 2)
            points.append((x, y))
        for x, y in points[1:-1:1]:
            c.line([(x, y), (x, deck)], clear(cable_colour, 0.55), 1.5, round_ends=False)
        c.line(points, cable_colour, 5)
    for tower in towers:
        for i in range(1, 9):
            for direction in (-1, 1):
                c.line(
                    [(tower, top + 40), (tower + direction * i * 38, deck)],
                    clear(cable_colour, 0.35),
                    1.5,
                    round_ends=False,
                )
    c.rect((-10, deck, w + 10, deck + 26), "#1a2c42")
    c.rect((-10, deck - 6, w + 10, deck), "#2e4763")
    for tower in towers:
        stone_tower(c, tower, top, deck)
    # Reflections of the towers, and a runner on the promenade.
    for tower in towers:
        c.rect((tower - 60, deck + 90, tower + 60, h), clear("#10243a", 0.25))
    unit = 8
    joints = place_pose(RUNNING, unit, x=680, ground=deck - 3)
    person(c, joints, unit, skin=SKIN[1], hair=HAIR[3], top=CORAL, bottom=INK, shoes=WHITE)
    return c.picture()


def skyline(c, rng, base, colour, heights, windows):
    x = -20
    while x < LANDSCAPE[0] + 20:
        width = rng.uniform(40, 110)
        height = rng.uniform(*heights)
        kind = rng.random()
        top = base - height
        c.rect((x, top, x + width, base), colour)
        if kind < 0.15:  # a stepped tower with a spire
            c.rect((x + width * 0.2, top - 40, x + width * 0.8, top), colour)
            c.rect((x + width * 0.35, top - 75, x + width * 0.65, top - 40), colour)
            c.rect((x + width * 0.47, top - 130, x + width * 0.53, top - 75), colour)
        elif kind < 0.3:  # a slanted crown
            c.polygon([(x, top), (x + width, top), (x + width, top - width * 0.5)], colour)
        elif kind < 0.4:  # an antenna
            c.rect((x + width / 2 - 2, top - 50, x + width / 2 + 2, top), colour)
        if windows:
            for wy in range(int(top + 14), int(base - 10), 18):
                for wx in range(int(x + 8), int(x + width - 12), 14):
                    if rng.random() < 0.12:
                        c.rect((wx, wy, wx + 6, wy + 9), clear(SUN, 0.85))
        x += width + rng.uniform(-8, 6)


def stone_tower(c, x, top, deck):
    stone, dark = "#b8a48c", "#8f7a63"
    half = 62
    c.rect((x - half - 10, deck + 26, x + half + 10, 780), dark)  # the pier in the river
    c.rect((x - half - 6, top - 18, x + half + 6, top + 4), stone)  # the cornice
    body = [(x - half, top), (x + half, top), (x + half, deck + 26), (x - half, deck + 26)]
    c.polygon(body, stone)
    for centre in (x - 31, x + 31):
        arch = bezier((centre - 17, top + 175), (centre - 17, top + 110), (centre, top + 95), steps=12)
        arch += bezier((centre, top + 95), (centre + 17, top + 110), (centre + 17, top + 175), steps=12)
        c.polygon([*arch, (centre + 17, deck), (centre - 17, deck)], "#e7b99a")
        c.polygon([*arch, (centre + 17, deck), (centre - 17, deck)], clear("#7d8fb0", 0.55))
    c.rect((x - half, top + 30, x + half, top + 40), dark)
    c.rect((x - half, deck - 60, x + half, deck - 52), dark)


def draw_treatment_room(rng):
    """The personal-plan article: a physical therapist bending a runner's knee on a treatment table."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    floor = 700
    c.gradient((0, 0, w, floor), [(0, "#e8f4f1"), (1, "#d3ebe6")])
    c.rect((0, floor - 14, w, floor), WHITE)
    c.rect((0, floor, w, h), WOOD)
    for i in range(9):
        y = floor + 14 + i * i * 3.2 + i * 6
        c.rect((0, y, w, y + 2), shade(WOOD, 0.1))
    # A window onto the street, a chart of the knee, a clock and a plant.
    c.rect((110, 110, 450, 470), WHITE, radius=8)
    c.gradient((130, 130, 430, 450), [(0, "#bfe0f0"), (1, "#eaf5f2")])
    for bx, bw, bh in ((140, 70, 150), (215, 50, 220), (270, 90, 120), (365, 55, 190)):
        c.rect((bx, 450 - bh, bx + bw, 450), mix("#bfe0f0", BLUE, 0.25))
    c.rect((276, 130, 284, 450), WHITE)
    c.rect((130, 286, 430, 294), WHITE)
    c.rect((95, 466, 465, 482), shade(WHITE, 0.05), radius=4)
    knee_chart(c, (1200, 130, 1420, 420))
    c.circle((760, 150), 46, NAVY)
    c.circle((760, 150), 38, WHITE)
    c.line([(760, 150), (760, 124)], NAVY, 5)
    c.line([(760, 150), (778, 160)], NAVY, 5)
    plant(c, 1500, floor + 30, 1.1)
    # The therapist stands behind the table; the patient lies on it, one knee bent.
    unit, table_top = 42, 500
    patient = place_pose(
        pose(lean=-90, nod=-76, near_arm=(95, 88), far_arm=(98, 92), near_leg=(138, 38, 92), far_leg=(90, 90, 175)),
        unit,
        hip=(840, table_top - 26),
    )
    therapist = place_pose(
        pose(lean=28, nod=36, near_leg=(-4, 2, 90), far_leg=(5, -2, 90)), unit, facing=-1, x=1090, ground=floor + 14
    )
    knee, ankle = patient["knee_near"], patient["ankle_near"]
    reach(therapist, "near", (knee[0] + 6, knee[1] - 10), unit, bend=-1)
    reach(therapist, "far", (ankle[0] + 12, ankle[1] - 22), unit, bend=-1)
    kit = {"skin": SKIN[1], "top": TEAL}
    person(c, therapist, unit, **kit, hair=HAIR[0], bottom=NAVY, shoes=WHITE, facing=-1, legs="trousers", arms=False)
    c.shadow((800, 800), 900, 40, 0.15)
    for x in (430, 1150):
        c.rect((x - 10, table_top + 30, x + 10, 790), GREY)
        c.rect((x - 30, 782, x + 30, 796), SLATE, radius=6)
    c.rect((440, 690, 1140, 704), GREY)
    c.rect((380, table_top + 24, 1220, table_top + 46), shade(TEAL_DARK, 0.1), radius=6)
    c.rect((380, table_top - 8, 1220, table_top + 32), TEAL_DARK, radius=14)
    c.rect((390, table_top - 8, 1210, table_top + 2), clear(WHITE, 0.18), radius=6)
    pillow = patient["head"][0]
    c.rect((pillow - 80, table_top - 38, pillow + 70, table_top - 8), WHITE, radius=15)
    person(c, patient, unit, skin=SKIN[0], hair=HAIR[2], top=CORAL, bottom=INK, shoes=SUN, turn=-90)
    arm(c, therapist, "far", unit, **kit, dark=0.16)
    arm(c, therapist, "near", unit, **kit)
    return c.picture()


def plant(c, x, base, size):
    pot = [
        (x - 45 * size, base - 90 * size),
        (x + 45 * size, base - 90 * size),
        (x + 34 * size, base),
        (x - 34 * size, base),
    ]
    leaves = [(-70, -230, 0.0), (60, -250, 0.08), (-20, -300, 0.16), (85, -170, 0.0), (-95, -160, 0.1), (20, -200, 0.2)]
    for dx, dy, dark in leaves:
        tip = (x + dx * size, base + dy * size)
        root = (x, base - 80 * size)
        mid = ((tip[0] + root[0]) / 2, (tip[1] + root[1]) / 2)
        nx, ny = (tip[1] - root[1]) * 0.22, -(tip[0] - root[0]) * 0.22
        leaf = bezier(root, (mid[0] + nx, mid[1] + ny), tip) + bezier(tip, (mid[0] - nx, mid[1] - ny), root)
        c.polygon(leaf, shade(TEAL_MID, dark))
    c.polygon(pot, CORAL)
    c.rect((x - 50 * size, base - 100 * size, x + 50 * size, base - 80 * size), shade(CORAL, 0.1), radius=4)


def draw_gait_lab(rng):
    """The gait-analysis program: a runner on a treadmill, filmed from the side, the stride on a screen."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    floor = 700
    c.gradient((0, 0, w, floor), [(0, "#dfe9f0"), (1, "#cbdbe5")])
    c.rect((0, floor, w, h), "#8da2b2")
    c.rect((0, floor, w, floor + 8), shade("#8da2b2", 0.15))
    for i in range(-6, 14):
        c.line([(800 + i * 60, floor + 8), (800 + i * 190, h)], clear(WHITE, 0.12), 2, round_ends=False)
    # The screen on the wall, replaying the stride with its joints tracked.
    c.rect((960, 90, 1460, 400), INK, radius=14)
    c.rect((976, 106, 1444, 368), "#15304b")
    c.rect((976, 340, 1444, 368), "#0f2438")
    c.rect((990, 351, 1430, 357), clear(WHITE, 0.25), radius=3)
    c.rect((990, 351, 1180, 357), SUN, radius=3)
    c.circle((1180, 354), 8, SUN)
    unit = 14
    screen = place_pose(RUNNING, unit, x=1110, ground=328)
    ghost = mix(TEAL_LIGHT, "#15304b", 0.55)
    person(c, screen, unit, skin=ghost, hair=ghost, top=ghost, bottom=ghost, shoes=ghost)
    for chain in (
        ["head", "shoulder", "hip", "knee_near", "ankle_near", "toe_near"],
        ["hip", "knee_far", "ankle_far"],
        ["shoulder", "elbow_far", "hand_far"],
    ):
        c.line([screen[name] for name in chain], SUN, 3)
    for name in ("shoulder", "hip", "knee_near", "ankle_near", "knee_far", "ankle_far", "elbow_far"):
        c.circle(screen[name], 6, CORAL)
    kx, ky = screen["knee_near"]
    c.arc((kx - 26, ky - 26, kx + 26, ky + 26), 100, 210, WHITE, 3)
    for i, height in enumerate((60, 90, 45, 110, 75)):
        c.rect((1300 + i * 24, 310 - height, 1316 + i * 24, 310), clear(TEAL_LIGHT, 0.4 + i * 0.1), radius=3)
    c.rect((1294, 130, 1424, 138), clear(WHITE, 0.35), radius=3)
    c.rect((1294, 150, 1390, 158), clear(WHITE, 0.25), radius=3)
    # The treadmill: deck and belt, motor hood, upright, handrail and console.
    c.shadow((660, floor + 26), 820, 34, 0.2)
    c.polygon([(290, 650), (1010, 650), (1030, 705), (270, 705)], SLATE)
    c.rect((290, 622, 990, 656), INK, radius=17)
    c.rect((308, 627, 972, 635), clear(WHITE, 0.12), radius=4)
    c.rect((900, 590, 1050, 705), TEAL_DARK, radius=22)
    c.rect((912, 600, 1038, 612), clear(WHITE, 0.15), radius=6)
    c.line([(985, 600), (1020, 420)], GREY, 18)
    c.line([(1012, 468), (830, 468)], GREY, 12)
    c.polygon([(965, 390), (1085, 405), (1070, 465), (955, 450)], INK)
    c.polygon([(977, 403), (1070, 415), (1060, 455), (969, 442)], TEAL_LIGHT)
    # The runner, facing the console.
    unit = 30
    joints = place_pose(RUNNING, unit, x=660, ground=618)
    person(c, joints, unit, skin=SKIN[3], hair=HAIR[3], top=TEAL_MID, bottom=INK, shoes=CORAL)
    # The camera on its tripod, filming from the side, with its field of view.
    c.polygon([(265, 465), (540, 330), (540, 600)], clear(SUN, 0.1))
    for foot in ((130, 800), (300, 800), (215, 815)):
        c.line([(215, 520), foot], INK, 9)
    c.rect((205, 500, 225, 540), INK)
    c.rect((130, 430, 255, 500), INK, radius=14)
    c.rect((150, 412, 200, 432), INK, radius=6)
    c.circle((262, 465), 30, SLATE)
    c.circle((262, 465), 20, TEAL_LIGHT)
    c.circle((256, 459), 6, clear(WHITE, 0.8))
    c.circle((150, 448), 7, CORAL)
    return c.picture()


def draw_stretching(rng):
    """The mobility article: a calm kneeling hip stretch on a mat by a sunny window."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    floor = 640
    c.gradient((0, 0, w, floor), [(0, "#f7eee0"), (1, "#efdfc8")])
    c.rect((0, floor, w, h), "#e3c7a5")
    for i in range(12):
        x = -200 + i * 180
        c.line([(x + 200, floor), (x - 60, h)], clear(shade("#e3c7a5", 0.2), 0.4), 2, round_ends=False)
    # A tall arched window onto a park, its light falling across the floor.
    wx0, wx1, wtop, wbottom = 170, 610, 80, floor - 50
    c.rect((wx0 - 16, wtop + 220, wx1 + 16, wbottom + 16), WHITE)
    c.ellipse((wx0 - 16, wtop - 16, wx1 + 16, wtop + 456), WHITE)
    c.ellipse((wx0, wtop, wx1, wtop + 440), "#c4e3ec")
    c.gradient((wx0, wtop + 220, wx1, wbottom), [(0, "#c4e3ec"), (1, "#e6f3ef")])
    c.polygon(
        bezier((wx0, 470), (300, 420), (480, 470), (wx1, 440), steps=30) + [(wx1, wbottom), (wx0, wbottom)], "#9fd2c2"
    )
    for tx, ty, r in ((250, 440, 42), (300, 420, 52), (470, 450, 46), (530, 430, 38)):
        c.circle((tx, ty), r, TEAL_MID)
    c.rect((wx0, 500, wx1, wbottom), "#7cc3ae")
    c.rect(((wx0 + wx1) / 2 - 6, wtop, (wx0 + wx1) / 2 + 6, wbottom), WHITE)
    c.rect((wx0, 330, wx1, 342), WHITE)
    c.rect((wx0 - 30, wbottom + 10, wx1 + 30, wbottom + 26), shade(WHITE, 0.04), radius=4)
    c.polygon([(wx0 + 40, floor), (wx1, floor), (wx1 + 520, h), (wx0 + 300, h)], clear(WHITE, 0.22))
    plant(c, 1400, floor + 30, 1.4)
    c.rect((1040, 290, 1280, 302), WOOD_DARK, radius=4)
    for i, (bw, bh, colour) in enumerate(((28, 90, TEAL), (24, 80, CORAL), (30, 96, NAVY), (22, 70, SUN))):
        x = 1060 + i * 34
        c.rect((x, 290 - bh, x + bw, 290), colour, radius=3)
    c.circle((1220, 260), 30, TEAL_LIGHT)
    c.rect((1206, 270, 1234, 290), shade(TEAL_LIGHT, 0.2), radius=4)
    # The mat, a foam roller beside it, and the stretch.
    c.polygon([(430, 720), (1270, 720), (1320, 800), (380, 800)], TEAL)
    c.polygon([(380, 800), (1320, 800), (1320, 812), (380, 812)], TEAL_DARK)
    c.rect((1180, 652, 1360, 708), NAVY, radius=28)
    c.ellipse((1336, 652, 1380, 708), shade(NAVY, -0.3))
    for i in range(5):
        c.rect((1206 + i * 28, 652, 1214 + i * 28, 708), clear(WHITE, 0.12))
    unit = 42
    lunge = pose(
        lean=-6, nod=4, near_arm=(160, 172), far_arm=(154, 168), near_leg=(86, -2, 90), far_leg=(-14, -88, -92)
    )
    joints = place_pose(lunge, unit, x=800, ground=768)
    knee = joints["knee_near"]
    reach(joints, "far", (knee[0] - 0.4 * unit, knee[1] - 0.55 * unit), unit, bend=1)
    reach(joints, "near", (knee[0] - 0.9 * unit, knee[1] - 0.5 * unit), unit, bend=1)
    c.shadow((840, 770), 620, 24, 0.16)
    person(
        c,
        joints,
        unit,
        skin=SKIN[1],
        hair=HAIR[0],
        top=CORAL,
        bottom=NAVY,
        shoes=WHITE,
        hair_style="bun",
        legs="trousers",
    )
    return c.picture()


def draw_strength_training(rng):
    """The performance program: a goblet squat with a kettlebell, bands and a plyo box in the gym."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    floor = 720
    c.gradient((0, 0, w, floor), [(0, "#244a6e"), (1, "#1b3957")])
    c.polygon([(0, 520), (w, 300), (w, 380), (0, 600)], clear(TEAL_MID, 0.35))
    c.rect((0, floor, w, h), "#3b4a57")
    c.rect((0, floor, w, floor + 10), shade("#3b4a57", 0.2))
    for i in range(1, 6):
        c.rect((0, floor + i * i * 7, w, floor + i * i * 7 + 2), clear(WHITE, 0.05))
    # A mirror, a rack of resistance bands, a wall clock.
    c.rect((200, 120, 560, 560), "#3e6588", radius=8)
    c.polygon([(240, 560), (360, 120), (410, 120), (290, 560)], clear(WHITE, 0.08))
    c.polygon([(320, 560), (440, 120), (460, 120), (340, 560)], clear(WHITE, 0.08))
    c.rect((1130, 150, 1450, 170), GREY, radius=6)
    for i, colour in enumerate((CORAL, SUN, TEAL_LIGHT, ORANGE)):
        x = 1170 + i * 75
        c.circle((x, 160), 10, SLATE)
        loop = [(x - 14, 168), (x - 20, 390 - i * 30), (x, 405 - i * 30), (x + 20, 390 - i * 30), (x + 14, 168)]
        c.limb(loop, [7] * 5, colour)
    c.circle((800, 170), 48, WHITE)
    c.circle((800, 170), 40, "#e9eef2")
    c.line([(800, 170), (800, 142)], INK, 5)
    c.line([(800, 170), (822, 182)], INK, 5)
    # The plyo box and a row of kettlebells.
    c.shadow((1280, floor + 60), 420, 30, 0.3)
    c.polygon([(1120, 520), (1380, 520), (1440, 480), (1180, 480)], shade(WOOD, -0.15))
    c.rect((1120, 520, 1380, floor + 60), WOOD)
    c.polygon([(1380, 520), (1440, 480), (1440, floor + 20), (1380, floor + 60)], WOOD_DARK)
    c.rect((1210, 580, 1290, 604), shade(WOOD, 0.2), radius=12)
    for i, (x, size, colour) in enumerate(((150, 0.8, TEAL_MID), (270, 1.0, CORAL), (405, 1.2, SUN))):
        kettlebell(c, (x, floor + 50 + i * 6), size, colour)
    # The squat: hips back and down, chest up, a kettlebell held at the chest.
    unit = 46
    squat = pose(lean=32, nod=18, near_leg=(84, -24, 90), far_leg=(80, -32, 92))
    joints = place_pose(squat, unit, x=740, ground=floor + 58)
    shoulder = joints["shoulder"]
    grip = (shoulder[0] + 1.3 * unit, shoulder[1] + 0.75 * unit)
    reach(joints, "far", (grip[0] - 6, grip[1]), unit, bend=1)
    reach(joints, "near", grip, unit, bend=1)
    c.shadow((joints["ankle_near"][0] + 10, floor + 60), 320, 22, 0.3)
    kit = {"skin": SKIN[2], "top": SUN}
    person(c, joints, unit, **kit, hair=HAIR[0], bottom=INK, shoes=TEAL_LIGHT, arms=False, hair_style="short")
    arm(c, joints, "far", unit, **kit, dark=0.16)
    kettlebell(c, (grip[0] + 8, grip[1] + 96), 0.85, CORAL)
    arm(c, joints, "near", unit, **kit)
    return c.picture()


def kettlebell(c, base, size, colour):
    x, y = base
    r = 46 * size
    c.arc(
        (x - 30 * size, y - 2 * r - 38 * size, x + 30 * size, y - 2 * r + 30 * size),
        180,
        360,
        shade(colour, 0.25),
        13 * size,
    )
    c.line(
        [(x - 30 * size + 6 * size, y - 2 * r - 4 * size), (x - 26 * size, y - 1.5 * r)], shade(colour, 0.25), 13 * size
    )
    c.line(
        [(x + 30 * size - 6 * size, y - 2 * r - 4 * size), (x + 26 * size, y - 1.5 * r)], shade(colour, 0.25), 13 * size
    )
    c.circle((x, y - r), r, colour)
    c.ellipse((x - r * 0.55, y - r * 1.65, x - r * 0.1, y - r * 1.2), clear(WHITE, 0.25))
    c.rect((x - r * 0.7, y - 10 * size, x + r * 0.7, y), shade(colour, 0.25), radius=4 * size)


def draw_running_shoes(rng):
    """The new-runners program: a pair of running shoes, a sports watch and a water bottle on a bench."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    bench = 640
    c.gradient((0, 0, w, bench), [(0, "#d6ece7"), (1, "#b6dcd5")])
    c.circle((1350, 180), 260, clear(WHITE, 0.25))
    c.circle((220, 520), 180, clear(TEAL_LIGHT, 0.3))
    c.rect((0, bench, w, h), WOOD)
    c.rect((0, bench, w, bench + 16), shade(WOOD, -0.2))
    for i in range(4):
        y = bench + 60 + i * 60
        c.rect((0, y, w, y + 3), shade(WOOD, 0.08))
    c.shadow((790, bench + 72), 1150, 50, 0.22)
    shoe(c, (500, bench + 20), 1.0, colour=TEAL, trim=NAVY, accent=SUN)
    shoe(c, (340, bench + 80), 1.0, colour=CORAL, trim=NAVY, accent=SUN)
    # A water bottle and a sports watch.
    c.shadow((1330, bench + 80), 180, 24, 0.2)
    c.rect((1270, bench - 260, 1390, bench + 80), clear(WHITE, 0.55), radius=40)
    c.rect((1282, bench - 120, 1378, bench + 68), clear(TEAL_LIGHT, 0.6), radius=30)
    c.rect((1292, bench - 310, 1368, bench - 250), NAVY, radius=14)
    c.rect((1305, bench - 340, 1355, bench - 300), SLATE, radius=10)
    c.rect((1285, bench - 230, 1300, bench + 40), clear(WHITE, 0.5), radius=8)
    c.shadow((1200, bench + 186), 300, 26, 0.18)
    c.rect((1060, bench + 150, 1340, bench + 186), INK, radius=18)
    for i in range(5):
        c.circle((1090 + i * 14, bench + 168), 4, SLATE)
    c.rect((1140, bench + 110, 1260, bench + 226), SLATE, radius=34)
    c.rect((1152, bench + 122, 1248, bench + 214), "#15304b", radius=26)
    c.arc((1168, bench + 136, 1232, bench + 200), 200, 430, TEAL_LIGHT, 8)
    c.rect((1186, bench + 163, 1214, bench + 173), WHITE, radius=4)
    return c.picture()


def shoe(c, origin, size, *, colour, trim, accent, flip=False):
    """A running shoe side on, toe to the right (or left if `flip`): sole, upper, laces, heel tab."""

    def at(points):
        return place(points, origin, size, flip)

    length = 620
    outsole = bezier((0, -55), (-6, 2), (60, 4)) + bezier((length - 140, 4), (length, 0), (length + 8, -60))
    c.polygon(at([*outsole, (length - 20, -76), (0, -96)]), INK)
    midsole = bezier((2, -70), (0, -16), (60, -16)) + bezier((length - 140, -16), (length - 12, -16), (length, -68))
    c.polygon(at([*midsole, (length - 24, -86), (4, -108)]), WHITE)
    c.polygon(at([(140, -24), (360, -24), (330, -44), (160, -50)]), clear(GREY, 0.5))
    upper = (
        bezier((4, -104), (-12, -200), (8, -300))
        + bezier((8, -300), (70, -300), (150, -262))
        + bezier((150, -262), (200, -250), (226, -300))
        + bezier((226, -300), (262, -300), (262, -248))
        + bezier((262, -248), (430, -190), (length - 40, -150))
        + bezier((length - 40, -150), (length + 12, -120), (length - 10, -78))
        + [(length - 24, -84)]
    )
    c.polygon(at(upper), colour)
    # the toe cap, the heel counter and a reflective heel tab
    c.polygon(
        at(bezier((length - 150, -90), (length - 70, -170), (length - 4, -96)) + [(length - 24, -84)]),
        shade(colour, 0.12),
    )
    c.polygon(at(bezier((4, -104), (-10, -190), (6, -260)) + bezier((6, -260), (90, -230), (150, -104))), trim)
    c.polygon(at([(8, -300), (38, -300), (40, -240), (10, -236)]), accent)
    # one broad overlay sweeping from the heel to the laces
    band = bezier((120, -106), (200, -140), (300, -200), (360, -222)) + bezier(
        (400, -204), (330, -170), (260, -120), (230, -106)
    )
    c.polygon(at(band), shade(colour, -0.35))
    # the tongue and the laces across it
    vamp = [(262, -248), (470, -176)]
    c.polygon(at([vamp[0], vamp[1], (462, -146), (254, -214)]), shade(colour, -0.18))
    for i in range(6):
        t = i / 5
        x, y = 270 + t * 190, -242 + t * 66
        c.line(at([(x - 6, y - 8), (x - 12, y + 26)]), WHITE, 8 * size)
        c.circle(at([(x - 14, y + 38)])[0], 5 * size, shade(colour, 0.35))


def draw_park_path(rng):
    """The return-to-running program: a runner on a park path that winds off between the trees."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    c.gradient((0, 0, w, 480), [(0, "#a9d8d6"), (1, "#f3ead6")])
    c.circle((1280, 170), 80, clear(WHITE, 0.45))
    c.circle((1280, 170), 56, SUN)
    for x, y, size in ((380, 120, 0.9), (900, 190, 0.7)):
        cloud(c, x, y, size, clear(WHITE, 0.85))
    x = -10
    while x < w:
        width, height = rng.uniform(30, 70), rng.uniform(40, 150)
        c.rect((x, 440 - height, x + width, 440), clear("#8fb0c4", 0.5))
        x += width + rng.uniform(0, 40)
    c.polygon(bezier((0, 440), (500, 360), (1100, 470), (w, 400), steps=40) + [(w, h), (0, h)], "#9fd2c2")
    c.polygon(bezier((0, 520), (600, 440), (1000, 560), (w, 480), steps=40) + [(w, h), (0, h)], "#6cbca8")
    c.polygon(bezier((0, 620), (500, 560), (1100, 640), (w, 580), steps=40) + [(w, h), (0, h)], "#46a38e")
    # Far trees, then the path: across the front of the picture, then winding away to the right.
    for _ in range(8):
        tree(c, rng.uniform(0, w), rng.uniform(470, 540), 0.5, rng)
    centre = bezier((-60, 775), (500, 800), (1100, 790), (1190, 690), steps=50)
    centre += bezier((1190, 690), (1250, 610), (960, 560), (800, 505), steps=40)[1:]
    halves = [70 if i < 40 else 70 - 62 * ((i - 40) / (len(centre) - 41)) ** 0.8 for i in range(len(centre))]
    c.limb(centre, halves, SAND)
    # A bench and a lamp post behind the path, trees in front, and the runner.
    c.rect((180, 640, 380, 656), WOOD_DARK, radius=4)
    c.rect((180, 606, 380, 620), WOOD_DARK, radius=4)
    for x in (196, 356):
        c.rect((x, 620, x + 8, 700), INK)
    c.rect((470, 470, 480, 700), INK)
    c.rect((456, 450, 494, 474), INK, radius=8)
    c.rect((462, 458, 488, 470), SUN, radius=4)
    for x, y, size in ((1420, 700, 1.1), (1560, 760, 1.3), (40, 880, 1.5), (1300, 900, 1.4)):
        tree(c, x, y, size, rng)
    unit = 26
    joints = place_pose(RUNNING, unit, x=760, ground=790)
    c.shadow((770, 800), 220, 18, 0.2)
    person(c, joints, unit, skin=SKIN[0], hair=HAIR[1], top=TEAL_DARK, bottom=NAVY, shoes=CORAL)
    return c.picture()


def tree(c, x, y, size, rng):
    c.rect((x - 9 * size, y - 120 * size, x + 9 * size, y), "#6b4a34")
    tone = rng.choice((TEAL_DARK, TEAL, "#2f8a6f"))
    for dx, dy, r in ((-40, -150, 60), (40, -160, 65), (0, -210, 70), (-10, -140, 55)):
        c.circle((x + dx * size, y + dy * size), r * size, tone)
    c.circle((x + 28 * size, y - 212 * size), 34 * size, shade(tone, -0.12))


def draw_exercise_plan(rng):
    """The chronic-pain program: seen from above, an exercise plan, a foam roller, a band and a ball on a mat."""
    c = Canvas(LANDSCAPE)
    w, h = LANDSCAPE
    c.rect((0, 0, w, h), "#e9d6bb")
    for x in range(0, w, 130):
        c.rect((x, 0, x + 3, h), shade("#e9d6bb", 0.07))
    c.rect((150, 70, 1450, 830), clear(INK, 0.15), radius=40)
    c.rect((140, 60, 1440, 820), TEAL, radius=40)
    c.rect((160, 80, 1420, 800), clear(WHITE, 0.06), radius=30)
    # The plan on its clipboard: a week of ticked sessions and a curve that climbs gently.
    c.rect((218, 138, 718, 768), clear(INK, 0.25), radius=16)
    c.rect((200, 120, 700, 750), WOOD_DARK, radius=16)
    c.rect((230, 170, 670, 725), WHITE)
    c.rect((380, 100, 520, 160), GREY, radius=12)
    c.rect((405, 118, 495, 140), SLATE, radius=8)
    c.rect((260, 200, 520, 222), NAVY, radius=6)
    for i in range(6):
        y = 262 + i * 44
        c.rect((262, y, 290, y + 28), GREY_LIGHT, radius=5)
        if i < 4:
            c.line([(267, y + 14), (275, y + 22), (287, y + 4)], TEAL, 5)
        c.rect((308, y + 8, 308 + rng.uniform(180, 320), y + 20), clear(SLATE, 0.3), radius=5)
    curve = bezier((262, 690), (420, 690), (470, 580), (640, 560), steps=30)
    c.rect((262, 540, 264, 694), clear(SLATE, 0.4))
    c.rect((262, 692, 640, 694), clear(SLATE, 0.4))
    c.line(curve, CORAL, 6)
    for point in curve[::10]:
        c.circle(point, 9, CORAL)
    # The foam roller.
    c.rect((808, 178, 1368, 318), clear(INK, 0.25), radius=70)
    c.rect((790, 160, 1350, 300), NAVY, radius=70)
    for i in range(8):
        x = 878 + i * 56
        c.rect((x, 160, x + 22, 300), shade(NAVY, -0.12))
    c.rect((850, 178, 1290, 192), clear(WHITE, 0.12), radius=7)
    # A looped resistance band, a massage ball and a stopwatch.
    c.arc((818, 418, 1138, 658), 0, 360, clear(INK, 0.25), 30)
    c.arc((800, 400, 1120, 640), 0, 360, CORAL, 30)
    c.arc((826, 424, 1094, 616), 200, 320, clear(WHITE, 0.25), 6)
    c.circle((1262, 552), 70, clear(INK, 0.25))
    c.circle((1250, 540), 70, SUN)
    for _ in range(26):
        angle, distance = rng.uniform(0, 2 * math.pi), 58 * math.sqrt(rng.random())
        c.circle((1250 + math.cos(angle) * distance, 540 + math.sin(angle) * distance), 6, shade(SUN, 0.15))
    c.rect((788, 688, 1048, 788), clear(INK, 0.25), radius=14)
    c.rect((776, 676, 1036, 776), CREAM, radius=14)
    for x in (830, 990):
        c.rect((x, 676, x + 14, 776), CORAL)
    c.rect((776, 720, 1036, 728), clear(INK, 0.08))
    c.circle((1230, 715), 48, clear(INK, 0.25))
    c.rect((1206, 636, 1242, 660), SLATE, radius=6)
    c.circle((1222, 705), 48, WHITE)
    c.circle((1222, 705), 38, GREY_LIGHT)
    c.line([(1222, 705), (1222, 675)], CORAL, 5)
    c.line([(1222, 705), (1244, 714)], NAVY, 5)
    return c.picture()


def draw_portrait(rng):
    """The clinician's profile picture: a friendly head-and-shoulders drawing in the clinic's polo shirt."""
    c = Canvas(SQUARE, CREAM)
    skin, skin_shadow, hair = "#d9a27a", "#c38863", "#3b2a20"
    c.circle((400, 430), 330, MINT)
    c.circle((400, 430), 330, clear(TEAL_LIGHT, 0.3))
    for x, y, r, colour in ((118, 170, 38, clear(SUN, 0.7)), (690, 250, 24, clear(CORAL, 0.5)), (650, 130, 13, TEAL)):
        c.circle((x, y), r, colour)
    # Shoulders in the clinic's polo shirt: collar, placket, the clinic's badge.
    body = bezier((70, 800), (80, 650), (200, 605), (330, 590)) + bezier((470, 590), (600, 605), (720, 650), (730, 800))
    c.polygon(body, TEAL)
    c.rect((352, 470, 448, 610), skin, radius=30)
    c.polygon(bezier((352, 520), (400, 575), (448, 520)) + [(448, 560), (400, 600), (352, 560)], skin_shadow)
    c.polygon([(335, 592), (465, 592), (400, 690)], skin)
    c.polygon([(318, 592), (352, 570), (400, 690), (352, 682)], shade(TEAL, -0.22))
    c.polygon([(482, 592), (448, 570), (400, 690), (448, 682)], shade(TEAL, -0.22))
    c.rect((390, 690, 410, 800), shade(TEAL, 0.1))
    for y in (720, 762):
        c.circle((400, y), 6, WHITE)
    c.circle((560, 700), 26, CORAL)
    c.line([(547, 701), (556, 711), (573, 690)], WHITE, 6)
    # The face: ears, a rounded jaw, short hair with a side part.
    for x in (283, 517):
        c.ellipse((x - 26, 345, x + 26, 425), skin_shadow)
        c.ellipse((x - 12, 362, x + 12, 408), clear(CORAL, 0.25))
    face = bezier((278, 330), (272, 470), (330, 535), (400, 535)) + bezier(
        (400, 535), (470, 535), (528, 470), (522, 330)
    )
    face += bezier((522, 330), (522, 200), (278, 200), (278, 330))
    c.polygon(face, skin)
    hair_shape = (
        bezier((272, 350), (250, 220), (320, 150), (410, 150))
        + bezier((410, 150), (505, 150), (555, 220), (528, 350))
        + bezier((528, 350), (522, 290), (505, 258), (478, 244))
        + bezier((478, 244), (410, 262), (340, 256), (312, 236))
        + bezier((312, 236), (292, 262), (284, 300), (272, 350))
    )
    c.polygon(hair_shape, hair)
    c.line(bezier((336, 214), (380, 182), (440, 176), (490, 196), steps=16), shade(hair, -0.18), 7)
    c.line(bezier((300, 252), (330, 200), (380, 172), (420, 168), steps=16), shade(hair, -0.12), 5)
    for x in (348, 452):
        c.line([(x - 30, 322), (x - 4, 313), (x + 24, 318)], hair, 10)
        c.ellipse((x - 13, 345, x + 13, 375), INK)
        c.circle((x + 5, 353), 5, WHITE)
        c.ellipse((x - 34, 398, x + 18, 426), clear(CORAL, 0.2))
    c.ellipse((383, 398, 417, 428), skin_shadow)
    c.ellipse((387, 394, 413, 420), skin)
    c.chord((346, 432, 454, 492), 8, 172, "#8c3b2e")
    c.chord((356, 434, 444, 468), 8, 172, WHITE)
    return c.picture()


def knee_chart(c, box):
    """A framed wall chart of the knee: thigh bone, shin bone and the muscles around them."""
    x0, y0, x1, y1 = box
    cx = (x0 + x1) / 2 - 20
    c.rect(box, NAVY, radius=6)
    c.rect((x0 + 14, y0 + 14, x1 - 14, y1 - 14), CREAM)
    bone = "#e9dccb"
    c.limb([(cx, y0 + 50), (cx - 6, y0 + 140)], [16, 12], bone)
    c.limb([(cx - 22, y0 + 138), (cx + 12, y0 + 138)], [10, 10], bone)
    c.limb([(cx - 6, y0 + 162), (cx, y0 + 250)], [12, 9], bone)
    c.limb([(cx - 20, y0 + 160), (cx + 10, y0 + 160)], [9, 9], bone)
    c.limb([(cx + 14, y0 + 60), (cx + 24, y0 + 110), (cx + 12, y0 + 140)], [14, 18, 8], clear(CORAL, 0.5))
    c.limb([(cx - 18, y0 + 165), (cx - 26, y0 + 200), (cx - 16, y0 + 245)], [8, 14, 6], clear(CORAL, 0.5))
    c.circle((cx + 18, y0 + 140), 9, SUN)
    for i in range(4):
        c.rect((x1 - 80, y0 + 60 + i * 36, x1 - 30, y0 + 68 + i * 36), clear(SLATE, 0.35), radius=3)


DRAWINGS = {
    "runner-on-track": draw_runner_on_track,
    "nyc-running-guide": draw_nyc_skyline,
    "personalized-plan": draw_treatment_room,
    "gait-analysis": draw_gait_lab,
    "mobility-exercises": draw_stretching,
    "strength-training": draw_strength_training,
    "running-shoes": draw_running_shoes,
    "return-to-running": draw_park_path,
    "exercise-plan": draw_exercise_plan,
    "jason-cooper": draw_portrait,
}


def render(key):
    """The JPEG bytes of the demo image `key`; the same on every run."""
    picture = DRAWINGS[key](random.Random(key))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", **JPEG_OPTIONS)
    return buffer.getvalue()


def main():
    OUT.mkdir(exist_ok=True)
    for key in DRAWINGS:
        (OUT / f"{key}.jpg").write_bytes(render(key))


if __name__ == "__main__":
    main()
