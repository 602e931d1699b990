"""Pictures for the demo's practices, materials, workshops and learning paths, drawn by code.

Each scene is a simple, flat illustration of something the demo's items are about: a stage, a
festival tent, people around a workshop table, a map with routes, a bus, archive shelves... The
scene's elements are fixed, so the alt text written for it (``data/scenes.toml``) stays true;
the item's slug varies the rest (the people, colours, how many seats or books), so two items with
the same scene get two pictures. Drawn at twice the size and scaled down, for smooth edges.
"""

import io
import math

from PIL import Image, ImageDraw

from .assets import seeded_random

WIDTH, HEIGHT = 1200, 675
SCALE = 2

INK = "#1b2230"
CREAM = "#f4efe6"
SKY = "#a8dadc"
NIGHT = "#1d2b44"
TEAL = "#1f4e5f"
SEA = "#2a9d8f"
RUST = "#c8553d"
MUSTARD = "#f2b134"
SAGE = "#6a994e"
PLUM = "#8e5572"
CORAL = "#e76f51"
NAVY = "#264653"
CURTAIN = "#a4161a"
WOOD = "#9c6644"
DARK_WOOD = "#6f4518"
PAPER = "#fffdf7"
GREY = "#8d99ae"
CLOTHES = [TEAL, RUST, MUSTARD, SAGE, PLUM, CORAL, NAVY, SEA, "#457b9d", "#bc6c25"]
SKIN = ["#f1c27d", "#e0ac69", "#c68642", "#8d5524", "#ffdbac", "#d4a373"]
HAIR = ["#2b2118", "#4a3728", "#8b5a2b", "#d9b26f", "#1b1b1b", "#a0a0a0"]


def _px(width):
    """A line width in canvas units as whole pixels of the drawing."""
    return round(width * SCALE)


def oval_points(cx, cy, rx, ry, angle=0):
    """The outline of an ellipse turned by ``angle`` degrees, as a polygon's points."""
    turn = math.radians(angle)
    points = []
    for step in range(48):
        t = 2 * math.pi * step / 48
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append(
            (cx + x * math.cos(turn) - y * math.sin(turn), cy + x * math.sin(turn) + y * math.cos(turn))
        )
    return points


class Sketch:
    """A 1200 × 675 canvas with the few shapes the scenes are made of, in canvas coordinates."""

    def __init__(self, seed, background):
        self.rng = seeded_random(seed)
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _points(points):
        return [(x * SCALE, y * SCALE) for x, y in points]

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        box = (x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE)
        self.draw.rounded_rectangle(box, radius=radius * SCALE, fill=fill, outline=outline, width=_px(width))

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=0):
        box = ((cx - rx) * SCALE, (cy - ry) * SCALE, (cx + rx) * SCALE, (cy + ry) * SCALE)
        self.draw.ellipse(box, fill=fill, outline=outline, width=_px(width))

    def circle(self, cx, cy, r, fill, outline=None, width=0):
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def pie(self, cx, cy, r, start, end, fill):
        box = ((cx - r) * SCALE, (cy - r) * SCALE, (cx + r) * SCALE, (cy + r) * SCALE)
        self.draw.pieslice(box, start, end, fill=fill)

    def arc(self, cx, cy, rx, ry, start, end, fill, width):
        box = ((cx - rx) * SCALE, (cy - ry) * SCALE, (cx + rx) * SCALE, (cy + ry) * SCALE)
        self.draw.arc(box, start, end, fill=fill, width=_px(width))

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def line(self, points, fill, width, dash=0):
        points = self._points(points)
        if not dash:
            self.draw.line(points, fill=fill, width=_px(width), joint="curve")
            return
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            length = math.hypot(x1 - x0, y1 - y0)
            steps = max(1, int(length / (dash * SCALE * 2)))
            for step in range(steps):
                start, end = step / steps, (step + 0.5) / steps
                self.draw.line(
                    (
                        x0 + (x1 - x0) * start,
                        y0 + (y1 - y0) * start,
                        x0 + (x1 - x0) * end,
                        y0 + (y1 - y0) * end,
                    ),
                    fill=fill,
                    width=_px(width),
                )

    def glow(self, points, colour, opacity):
        """A see-through shape: a beam of light."""
        layer = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(layer).polygon(self._points(points), fill=int(255 * opacity))
        self.image.paste(Image.new("RGB", self.image.size, colour), mask=layer)

    # --- people -------------------------------------------------------------------------------

    def looks(self):
        return self.rng.choice(CLOTHES), self.rng.choice(SKIN), self.rng.choice(HAIR)

    def person(self, x, feet, height, shirt=None, arm=None):
        """Someone standing, seen from the front; ``arm`` "up" or "out" raises their right arm."""
        looks = self.looks()
        shirt = shirt or looks[0]
        skin, hair = looks[1], looks[2]
        unit = height / 10
        legs = self.rng.choice([NAVY, INK, "#5c4d3c", "#3d5a80"])
        self.rect(x - 1.3 * unit, feet - 4.2 * unit, x - 0.15 * unit, feet, legs, radius=0.4 * unit)
        self.rect(x + 0.15 * unit, feet - 4.2 * unit, x + 1.3 * unit, feet, legs, radius=0.4 * unit)
        if arm == "up":
            self.line(
                [(x + 1.4 * unit, feet - 7.2 * unit), (x + 2.6 * unit, feet - 9.6 * unit)], shirt, unit * 0.9
            )
            self.circle(x + 2.7 * unit, feet - 9.8 * unit, 0.5 * unit, skin)
        elif arm == "out":
            self.line(
                [(x + 1.4 * unit, feet - 7 * unit), (x + 3.2 * unit, feet - 6.4 * unit)], shirt, unit * 0.9
            )
            self.circle(x + 3.4 * unit, feet - 6.4 * unit, 0.5 * unit, skin)
        self.rect(x - 1.7 * unit, feet - 7.8 * unit, x + 1.7 * unit, feet - 3.6 * unit, shirt, radius=unit)
        self.circle(x, feet - 8.9 * unit, 1.15 * unit, skin)
        self.pie(x, feet - 8.95 * unit, 1.2 * unit, 180, 360, hair)

    def from_behind(self, x, y, size, shirt=None):
        """Head and shoulders of someone seen from behind (an audience, passengers)."""
        looks = self.looks()
        self.ellipse(x, y + size * 1.25, size * 1.35, size * 0.8, shirt or looks[0])
        self.circle(x, y, size * 0.75, looks[2])

    def from_above(self, x, y, size, angle):
        """Someone at a table seen from above, facing its centre (``angle`` in degrees)."""
        shirt, skin, hair = self.looks()
        facing = math.radians(angle)
        reach = (math.cos(facing), math.sin(facing))
        for side in (-1, 1):
            hand_x = x + reach[0] * size * 1.9 - reach[1] * size * 0.9 * side
            hand_y = y + reach[1] * size * 1.9 + reach[0] * size * 0.9 * side
            shoulder_x, shoulder_y = x - reach[1] * size * 1.2 * side, y + reach[0] * size * 1.2 * side
            self.line([(shoulder_x, shoulder_y), (hand_x, hand_y)], shirt, size * 0.5)
            self.circle(hand_x, hand_y, size * 0.28, skin)
        self.oval(x, y, size * 1.6, size * 0.8, angle + 90, shirt)
        self.circle(x + reach[0] * size * 0.15, y + reach[1] * size * 0.15, size * 0.7, hair)

    def oval(self, cx, cy, rx, ry, angle, fill):
        """An ellipse turned by ``angle`` degrees."""
        self.polygon(oval_points(cx, cy, rx, ry, angle), fill)

    def png(self):
        image = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=6)
        return buffer.getvalue()


# --- the scenes ---------------------------------------------------------------------------------


def stage(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#2b2d42")
    sketch.rect(130, 60, 1070, 470, "#14142b")
    sketch.polygon([(60, 470), (1140, 470), (1200, 520), (0, 520)], WOOD)
    sketch.rect(0, 515, WIDTH, 530, DARK_WOOD)
    sketch.glow([(540, 60), (660, 60), (820, 470), (380, 470)], "#fff3c4", 0.28)
    sketch.ellipse(600, 462, 230, 22, "#f6e7b0")
    for x in rng.sample([470, 560, 650, 740], 2):
        sketch.person(x, 465, rng.randint(190, 225), arm=rng.choice([None, "up", "out"]))
    for side in (-1, 1):
        edge = 130 if side < 0 else 1070
        inner = edge - side * 250
        sketch.polygon([(edge, 60), (inner, 60), (inner + side * 60, 470), (edge, 470)], CURTAIN)
        for fold in range(1, 5):
            fx = edge - side * fold * 50
            sketch.line([(fx, 60), (fx + side * fold * 9, 470)], "#7a0f12", 7)
    sketch.rect(100, 30, 1100, 95, CURTAIN)
    for x in range(100, 1100, 50):
        sketch.pie(x + 25, 95, 25, 0, 180, "#7a0f12")
    sketch.rect(100, 30, 1100, 40, MUSTARD)
    seat = "#6d1a36"
    for row, (y, size) in enumerate([(560, 30), (610, 34), (662, 38)]):
        step = size * 2.3
        start = (WIDTH - step * int(WIDTH / step)) / 2 + (step / 2 if row % 2 else 0)
        x = start
        while x < WIDTH:
            sketch.rect(x - size * 0.95, y - size * 0.9, x + size * 0.95, y + size, seat, radius=size * 0.35)
            if rng.random() < 0.45:
                sketch.from_behind(x, y - size * 1.2, size * 0.55)
            x += step


def cinema(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, NIGHT)
    for _ in range(30):
        sketch.circle(rng.randint(0, WIDTH), rng.randint(0, 120), rng.choice([1.5, 2, 2.5]), "#f1faee")
    sketch.rect(0, 130, WIDTH, 520, "#8a6a5a")
    for x in (40, 1040):
        for y in (170, 300):
            sketch.rect(x, y, x + 120, y + 90, "#3d2c2a", radius=8)
    sketch.rect(250, 150, 950, 470, "#f1faee", radius=4)
    sketch.rect(270, 170, 930, 450, "#9ad1d4")
    sketch.polygon([(270, 450), (430, 290), (560, 400), (700, 250), (930, 450)], SAGE)
    sketch.circle(820, 230, 40, MUSTARD)
    sketch.glow([(600, 700), (250, 150), (950, 150)], "#fffbe6", 0.12)
    for span, sag in ((0, 50), (1, 65)):
        y0 = 110 + span * 25
        points = [(x, y0 + sag * math.sin(math.pi * x / WIDTH)) for x in range(0, WIDTH + 1, 40)]
        sketch.line(points, "#3a3a3a", 3)
        for x, y in points[1:-1]:
            sketch.circle(x, y + 10, 9, rng.choice([MUSTARD, "#ffe066", "#fff3b0"]))
    sketch.rect(0, 520, WIDTH, HEIGHT, "#5a4a42")
    for row, y in enumerate((560, 625)):
        for column in range(9):
            x = 90 + column * 128 + (40 if row else 0)
            sketch.rect(x - 40, y, x + 40, y + 55, rng.choice([RUST, TEAL, MUSTARD]), radius=6)
            if rng.random() < 0.75:
                sketch.from_behind(x, y - 20, 24)


def festival(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, SKY)
    sketch.circle(rng.randint(900, 1100), 100, 55, "#ffe066")
    sketch.ellipse(250, 470, 520, 140, "#8cb369")
    sketch.ellipse(1000, 480, 500, 130, "#7aa35a")
    sketch.rect(0, 470, WIDTH, HEIGHT, "#6a994e")
    stripes = rng.choice([(RUST, CREAM), (TEAL, CREAM), (PLUM, CREAM)])
    left, right, top, eaves = 330, 870, 110, 280
    for index in range(12):
        x0 = left + (right - left) * index / 12
        x1 = left + (right - left) * (index + 1) / 12
        sketch.polygon([(600, top), (x0, eaves), (x1, eaves)], stripes[index % 2])
    sketch.rect(350, eaves, 850, 500, CREAM)
    sketch.rect(430, 320, 770, 500, "#3d405b")
    sketch.rect(440, 450, 760, 500, WOOD)
    sketch.person(560, 452, 110, arm="up")
    sketch.person(660, 452, 105, arm="out")
    for x in range(350, 851, 50):
        sketch.pie(x, eaves, 26, 0, 180, stripes[0])
    sketch.line([(600, top), (600, top - 50)], INK, 4)
    sketch.polygon([(600, top - 50), (650, top - 38), (600, top - 26)], MUSTARD)
    for pole_x in (80, 1120):
        sketch.rect(pole_x - 5, 120, pole_x + 5, 520, DARK_WOOD)
        tent_x = left + 20 if pole_x < 600 else right - 20
        points = [
            (pole_x + (tent_x - pole_x) * t / 10, 140 + 60 * math.sin(math.pi * t / 10)) for t in range(11)
        ]
        sketch.line(points, INK, 2)
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            sketch.polygon([(x0, y0), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2 + 38)], rng.choice(CLOTHES))
    for _ in range(13):
        x = rng.randint(40, 1160)
        if 380 < x < 820:
            x = rng.choice([rng.randint(40, 360), rng.randint(840, 1160)])
        sketch.person(x, rng.randint(600, 660), rng.randint(130, 165), arm=rng.choice([None, None, "up"]))


def concert(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#120d1f")
    for x, colour in zip(
        (160, 600, 1040), rng.sample([CORAL, SEA, MUSTARD, PLUM, "#4cc9f0"], 3), strict=True
    ):
        sketch.glow([(x - 20, 20), (x + 20, 20), (x + 230, 470), (x - 230, 470)], colour, 0.33)
    sketch.rect(0, 10, WIDTH, 30, "#2b2d42")
    for x in (160, 600, 1040):
        sketch.rect(x - 26, 22, x + 26, 58, "#3d405b", radius=6)
    sketch.rect(0, 470, WIDTH, 520, "#3b2a22")
    sketch.rect(0, 458, WIDTH, 472, "#55413a")
    # the drummer behind the drums
    sketch.person(600, 432, 150)
    sketch.ellipse(600, 420, 68, 50, rng.choice([RUST, TEAL, PLUM]))
    sketch.circle(600, 420, 32, CREAM)
    sketch.ellipse(500, 430, 40, 34, rng.choice([RUST, TEAL]))
    sketch.ellipse(700, 430, 40, 34, rng.choice([RUST, TEAL]))
    for x in (470, 730):
        sketch.line([(x, 460), (x, 330)], GREY, 4)
        sketch.ellipse(x, 328, 48, 8, MUSTARD)
    # the singer at the microphone
    sketch.person(345, 462, 190, arm="out")
    sketch.line([(395, 462), (395, 330)], GREY, 5)
    sketch.line([(395, 330), (372, 300)], GREY, 5)
    sketch.ellipse(368, 294, 9, 13, INK)
    # the guitarist
    sketch.person(840, 462, 195)
    sketch.polygon([(800, 372), (930, 322), (936, 334), (806, 386)], DARK_WOOD)
    sketch.ellipse(800, 385, 42, 32, "#d97706")
    sketch.circle(800, 385, 10, INK)
    dark = ["#2b2d42", "#3d405b", "#4a4e69"]
    for row, y in enumerate((575, 635)):
        for column in range(14):
            x = column * 90 + (45 if row else 0) + rng.randint(-15, 15)
            if rng.random() < 0.85:
                sketch.from_behind(x, y + rng.randint(-8, 8), rng.randint(32, 40), shirt=rng.choice(dark))


def workshop(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#d9c7a7")
    for x in range(0, WIDTH, 80):
        sketch.line([(x, 0), (x, HEIGHT)], "#cdb892", 2)
    sketch.rect(260, 190, 940, 485, WOOD, radius=30)
    sketch.rect(275, 205, 925, 470, "#b07d52", radius=24)
    seats = [(x, 150) for x in (360, 500, 640, 780, 880)] + [(x, 530) for x in (330, 470, 610, 750, 880)]
    seats += [(215, 340), (985, 340)]
    for x, y in rng.sample(seats, rng.randint(8, 10)):
        angle = math.degrees(math.atan2(337 - y, 600 - x))
        sketch.from_above(x, y, 30, angle)
    for _ in range(7):
        x, y = rng.randint(320, 820), rng.randint(240, 400)
        sketch.rect(x, y, x + rng.randint(70, 100), y + rng.randint(90, 110), PAPER, radius=3)
        for line in range(4):
            sketch.line([(x + 12, y + 20 + line * 18), (x + 55, y + 20 + line * 18)], "#c9c3b5", 3)
    for _ in range(10):
        x, y = rng.randint(300, 880), rng.randint(230, 440)
        sketch.rect(x, y, x + 36, y + 36, rng.choice(["#ffe066", "#ff8fab", "#90e0ef", "#b5e48c"]), radius=2)
    for _ in range(4):
        x, y = rng.randint(320, 880), rng.choice([235, 445])
        sketch.circle(x, y, 20, CREAM)
        sketch.circle(x, y, 13, "#6f4e37")
    for _ in range(3):
        x, y = rng.randint(360, 820), rng.randint(260, 420)
        sketch.line([(x, y), (x + 60, y - 18)], rng.choice([RUST, NAVY, SAGE]), 6)


TOWNS = [
    (255, 165),
    (340, 250),
    (410, 360),
    (520, 300),
    (640, 215),
    (735, 330),
    (650, 450),
    (800, 470),
    (915, 395),
    (560, 520),
    (880, 590),
    (470, 170),
]


def region_map(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#9ecae1")
    land = [
        (130, 0),
        (WIDTH, 0),
        (WIDTH, HEIGHT),
        (610, HEIGHT),
        (560, 610),
        (470, 560),
        (400, 470),
        (320, 400),
        (250, 320),
        (200, 260),
        (160, 180),
        (110, 110),
        (120, 40),
    ]
    sketch.polygon(land, "#f1e3c6")
    for x, y, r in ((900, 200, 90), (760, 120, 70), (1050, 470, 110), (700, 600, 60)):
        sketch.ellipse(x, y, r * 1.4, r, "#e4d2ab")
    for island in ((190, 330, 28, 10), (265, 415, 34, 11), (345, 495, 30, 10)):
        sketch.ellipse(*island, "#f1e3c6")
    sketch.line([(470, 0), (560, 120), (700, 160), (860, 140), (1020, 200), (1200, 190)], "#7fb3d5", 6)
    sketch.line([(1000, 675), (960, 520), (1010, 400), (1200, 360)], "#7fb3d5", 5)
    towns = rng.sample(TOWNS, 8)
    route = towns[:5]
    sketch.line(route, RUST, 6, dash=10)
    sketch.line([towns[2], towns[5], towns[6]], TEAL, 6, dash=10)
    sketch.line([towns[0], towns[7]], PLUM, 5, dash=8)
    for x, y in towns:
        sketch.circle(x, y, 15, PAPER, outline=INK, width=4)
        sketch.circle(x, y, 6, INK)
    x, y = towns[0]
    sketch.circle(x, y - 48, 22, RUST)
    sketch.polygon([(x - 19, y - 38), (x + 19, y - 38), (x, y - 8)], RUST)
    sketch.circle(x, y - 48, 8, PAPER)
    sketch.circle(1110, 90, 45, PAPER, outline=INK, width=3)
    sketch.polygon([(1110, 52), (1122, 90), (1098, 90)], RUST)
    sketch.polygon([(1110, 128), (1122, 90), (1098, 90)], INK)


def bus(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#bde0fe")
    sketch.circle(rng.randint(100, 300), 110, 50, "#ffe066")
    for x, r, colour in ((150, 380, "#90be6d"), (650, 460, "#74a57f"), (1100, 400, "#90be6d")):
        sketch.ellipse(x, 460, r, 170, colour)
    for _ in range(6):
        x = rng.randint(40, 1160)
        sketch.rect(x - 6, 300, x + 6, 380, DARK_WOOD)
        sketch.circle(x, 290, 40, "#386641")
    sketch.rect(0, 420, WIDTH, HEIGHT, "#6a994e")
    sketch.polygon([(0, 470), (WIDTH, 470), (WIDTH, 620), (0, 620)], "#5c5f66")
    for x in range(0, WIDTH, 120):
        sketch.rect(x, 540, x + 60, 548, "#f8f9fa")
    body = rng.choice([MUSTARD, CORAL, SEA, "#e63946"])
    left = rng.randint(180, 330)
    sketch.rect(left, 300, left + 640, 540, body, radius=40)
    sketch.rect(left, 470, left + 640, 500, "#f8f9fa")
    windows = 6
    for index in range(windows):
        x = left + 40 + index * 88
        sketch.rect(x, 330, x + 74, 420, "#cfe8ef", radius=10)
        if rng.random() < 0.8:
            sketch.from_behind(x + 37, 375, 16)
    sketch.rect(left + 570, 330, left + 620, 520, "#cfe8ef", radius=8)
    sketch.rect(left + 590, 330, left + 594, 520, body)
    sketch.rect(left + 625, 440, left + 645, 470, "#ffe066", radius=5)
    for x in (left + 120, left + 510):
        sketch.circle(x, 540, 46, INK)
        sketch.circle(x, 540, 20, GREY)


def archive(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#e9e2d0")
    for shelf_y in (150, 300, 450):
        x = 60
        while x < 1140:
            if rng.random() < 0.3:
                width = rng.randint(110, 140)
                if x + width > 1140:
                    break
                sketch.rect(x, shelf_y - 95, x + width, shelf_y, "#c9a66b", radius=3)
                sketch.rect(x + width * 0.25, shelf_y - 70, x + width * 0.75, shelf_y - 45, PAPER, radius=2)
                sketch.circle(x + width / 2, shelf_y - 22, 7, "#8c6b3f")
                x += width + 6
            else:
                width = rng.randint(22, 40)
                height = rng.randint(85, 125)
                if x + width > 1140:
                    break
                colour = rng.choice([TEAL, RUST, MUSTARD, SAGE, PLUM, NAVY, CORAL, "#7f5539"])
                sketch.rect(x, shelf_y - height, x + width, shelf_y, colour, radius=2)
                sketch.rect(x + 4, shelf_y - height + 14, x + width - 4, shelf_y - height + 20, CREAM)
                x += width + 3
        sketch.rect(40, shelf_y, 1160, shelf_y + 16, DARK_WOOD)
    sketch.rect(40, 20, 58, 470, DARK_WOOD)
    sketch.rect(1142, 20, 1160, 470, DARK_WOOD)
    sketch.rect(0, 530, WIDTH, HEIGHT, WOOD)
    sketch.rect(0, 520, WIDTH, 540, "#b08968")
    sketch.rect(240, 450, 470, 560, "#c9a66b", radius=4)
    for index in range(4):
        x = 255 + index * 40 + rng.randint(-5, 5)
        sketch.rect(x, 415 - index * 6, x + 90, 500, rng.choice([PAPER, "#f7f1e3"]), radius=3)
        sketch.rect(x + 8, 425 - index * 6, x + 82, 480, rng.choice([GREY, "#b5838d", "#84a59d", "#6d6875"]))
    for index in range(3):
        x = 640 + index * 150
        sketch.rect(x, 560, x + 130, 640, INK, radius=8)
        sketch.rect(x + 12, 572, x + 118, 602, rng.choice([CREAM, MUSTARD, CORAL]), radius=3)
        sketch.circle(x + 40, 620, 11, GREY)
        sketch.circle(x + 90, 620, 11, GREY)


def mural(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#bde0fe")
    sketch.rect(0, 40, WIDTH, 560, "#b5651d")
    for row in range(13):
        y = 40 + row * 40
        sketch.line([(0, y), (WIDTH, y)], "#9c5418", 2)
        for x in range(-60 + (row % 2) * 60, WIDTH, 120):
            sketch.line([(x, y), (x, y + 40)], "#9c5418", 2)
    sketch.rect(90, 80, 880, 530, rng.choice(["#0077b6", "#2a9d8f", "#5a189a"]))
    sketch.circle(300, 240, 110, MUSTARD)
    sketch.polygon([(90, 530), (300, 330), (480, 470), (620, 300), (880, 530)], SAGE)
    for index in range(4):
        y = 120 + index * 38
        sketch.arc(660, y, 150, 30, 180, 360, rng.choice([CORAL, "#ffafcc", CREAM]), 14)
    sketch.circle(720, 420, 60, CORAL)
    sketch.circle(700, 405, 10, INK)
    sketch.circle(740, 405, 10, INK)
    sketch.arc(720, 430, 28, 18, 20, 160, INK, 6)
    # the unpainted part, the ladder and the painter
    sketch.rect(880, 80, 1000, 530, "#d9d9d9")
    sketch.line([(955, 560), (1010, 150)], "#adb5bd", 10)
    sketch.line([(1065, 560), (1110, 150)], "#adb5bd", 10)
    for step in range(7):
        t = (step + 0.5) / 7
        sketch.line([(955 + 55 * t, 560 - 410 * t), (1065 + 45 * t, 560 - 410 * t)], "#adb5bd", 7)
    sketch.person(1040, 380, 170, arm="up")
    sketch.rect(0, 560, WIDTH, HEIGHT, "#adb5bd")
    for x in (820, 880, 1140):
        colour = rng.choice([CORAL, MUSTARD, SEA, "#ffafcc"])
        sketch.rect(x - 28, 590, x + 28, 650, "#e9ecef", radius=4)
        sketch.rect(x - 28, 590, x + 28, 605, colour)


def radio(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#2b2d42")
    for row in range(6):
        for column in range(12):
            x, y = column * 100 + (row % 2) * 50, row * 75
            sketch.polygon([(x, y), (x + 50, y + 37), (x, y + 75)], "#343650")
    sketch.rect(880, 60, 1080, 140, "#5c0b0b", radius=16)
    sketch.rect(895, 75, 1065, 125, "#ef233c", radius=10)
    sketch.glow(oval_points(980, 100, 170, 90), "#ff4d6d", 0.18)
    sketch.rect(0, 470, WIDTH, HEIGHT, "#3d2c2a")
    sketch.rect(0, 460, WIDTH, 480, "#5e4b43")
    sketch.rect(560, 500, 1140, 650, "#1b1b1b", radius=14)
    for index in range(10):
        x = 600 + index * 52
        sketch.rect(x + 8, 520, x + 14, 630, "#555")
        knob = rng.randint(530, 610)
        sketch.rect(x, knob, x + 22, knob + 16, rng.choice([CREAM, MUSTARD, "#4cc9f0"]), radius=3)
    # a microphone on an arm clamped to the desk
    sketch.rect(90, 440, 150, 475, "#495057", radius=6)
    sketch.line([(120, 450), (190, 260), (400, 230)], GREY, 12)
    sketch.arc(460, 215, 62, 80, 20, 160, "#6c757d", 8)
    sketch.rect(420, 95, 500, 265, "#3a3a3a", radius=40)
    for y in range(120, 250, 18):
        sketch.line([(432, y), (488, y)], "#5c5c5c", 4)
    sketch.rect(448, 290, 472, 310, "#6c757d", radius=4)
    # headphones
    sketch.arc(270, 540, 95, 90, 180, 360, INK, 16)
    sketch.rect(160, 520, 210, 600, rng.choice([CORAL, SEA, MUSTARD]), radius=20)
    sketch.rect(330, 520, 380, 600, rng.choice([CORAL, SEA, MUSTARD]), radius=20)


def building(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#cde6f5")
    brick = rng.choice(["#a44a3f", "#b5651d", "#9d4e3a"])
    sketch.rect(880, 40, 950, 200, "#7f3a2e")
    sketch.rect(870, 30, 960, 50, "#5c2a22")
    sketch.polygon([(150, 200), (600, 70), (1050, 200)], "#6b4f4f")
    sketch.rect(150, 200, 1050, 580, brick)
    for row in range(1, 19):
        sketch.line([(150, 200 + row * 21), (1050, 200 + row * 21)], "#8a3b32", 1)
    for index in range(5):
        x = 210 + index * 170
        if index == 2:
            continue
        sketch.rect(x, 270, x + 110, 450, "#cfe8ef")
        sketch.pie(x + 55, 270, 55, 180, 360, "#cfe8ef")
        sketch.line([(x + 55, 215), (x + 55, 450)], "#5c2a22", 6)
        sketch.line([(x, 360), (x + 110, 360)], "#5c2a22", 6)
    sketch.rect(510, 330, 690, 580, "#3d2c2a")
    sketch.pie(600, 330, 90, 180, 360, "#3d2c2a")
    sketch.rect(480, 230, 720, 290, rng.choice([MUSTARD, SEA, CORAL]), radius=6)
    for x in (1000, 1070):
        sketch.line([(x, 150), (x, 580)], "#495057", 6)
    for y in range(170, 581, 100):
        sketch.line([(990, y), (1080, y)], "#495057", 6)
        sketch.line([(1000, y), (1070, y + 100)], "#6c757d", 3)
    sketch.rect(0, 580, WIDTH, HEIGHT, "#adb5bd")
    for x in rng.sample([240, 330, 420, 780, 870, 950], 3):
        sketch.person(x, 650, rng.randint(120, 140))
    sketch.rect(600, 605, 660, 650, WOOD, radius=4)
    sketch.person(560, 650, 130, arm="out")


def budget(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#c9a27e")
    sketch.rect(90, 60, 560, 620, PAPER, radius=6)
    for row in range(14):
        y = 110 + row * 34
        sketch.line([(120, y + 17), (530, y + 17)], "#e5e0d5", 2)
        sketch.rect(125, y, 125 + rng.randint(120, 200), y + 12, "#adb5bd", radius=3)
        sketch.rect(430, y, 430 + rng.randint(50, 95), y + 12, TEAL if row % 4 else RUST, radius=3)
    sketch.rect(620, 70, 1100, 420, PAPER, radius=6)
    sketch.line([(670, 370), (1060, 370)], INK, 4)
    sketch.line([(670, 370), (670, 110)], INK, 4)
    for index in range(6):
        height = rng.randint(60, 240)
        x = 700 + index * 60
        sketch.rect(x, 370 - height, x + 40, 370, [TEAL, SEA, MUSTARD, CORAL, PLUM, SAGE][index])
    sketch.rect(650, 460, 870, 640, "#3d405b", radius=14)
    sketch.rect(670, 480, 850, 530, "#b7e4c7", radius=4)
    for row in range(3):
        for column in range(4):
            x, y = 672 + column * 45, 545 + row * 30
            sketch.rect(x, y, x + 36, y + 22, CREAM if column < 3 else CORAL, radius=4)
    for _ in range(7):
        x, y = rng.randint(920, 1130), rng.randint(470, 620)
        sketch.circle(x, y, 30, "#e9c46a", outline="#b08900", width=4)
    sketch.line([(560, 520), (630, 400)], NAVY, 10)
    sketch.polygon([(560, 520), (556, 540), (572, 528)], INK)


def laptop(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, rng.choice(["#dfe7ec", "#e9e4da"]))
    sketch.rect(0, 470, WIDTH, HEIGHT, "#b08968")
    sketch.polygon([(250, 470), (950, 470), (1030, 560), (170, 560)], "#adb5bd")
    sketch.rect(300, 480, 900, 540, "#ced4da", radius=4)
    sketch.rect(300, 110, 900, 470, "#343a40", radius=18)
    sketch.rect(325, 135, 875, 450, rng.choice([TEAL, NAVY, "#3a5a40"]), radius=6)
    sketch.arc(600, 265, 60, 65, 180, 360, CREAM, 20)
    sketch.rect(520, 260, 680, 390, MUSTARD, radius=14)
    sketch.circle(600, 310, 16, INK)
    sketch.rect(593, 315, 607, 355, INK)
    sketch.rect(70, 520, 190, 650, "#212529", radius=14)
    sketch.rect(80, 532, 180, 636, "#90e0ef", radius=6)
    sketch.rect(960, 500, 1150, 650, rng.choice([RUST, SAGE, PLUM]), radius=6)
    sketch.rect(975, 500, 985, 650, INK)
    sketch.circle(1080, 420, 45, CREAM)
    sketch.circle(1080, 420, 32, "#6f4e37")


def city_hall(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#cde6f5")
    stone = "#e6dccb"
    sketch.rect(560, 20, 640, 110, stone)
    sketch.line([(600, 20), (600, -20)], INK, 4)
    sketch.polygon([(600, -10), (680, 8), (600, 26)], rng.choice([RUST, TEAL, NAVY]))
    sketch.circle(600, 75, 28, PAPER, outline=INK, width=4)
    sketch.line([(600, 75), (600, 56)], INK, 4)
    sketch.line([(600, 75), (614, 80)], INK, 4)
    sketch.polygon([(250, 200), (600, 100), (950, 200)], "#d6c9b0")
    sketch.rect(230, 200, 970, 225, "#cbbd9f")
    sketch.rect(250, 225, 950, 500, stone)
    for index in range(6):
        x = 300 + index * 120
        sketch.rect(x, 235, x + 40, 490, PAPER)
        sketch.rect(x - 8, 225, x + 48, 240, "#d6c9b0")
        sketch.rect(x - 8, 485, x + 48, 500, "#d6c9b0")
    sketch.rect(555, 360, 645, 500, "#6f4e37")
    for step in range(4):
        sketch.rect(
            210 - step * 25,
            500 + step * 22,
            990 + step * 25,
            522 + step * 22,
            "#cbbd9f" if step % 2 else "#d6c9b0",
        )
    sketch.rect(0, 588, WIDTH, HEIGHT, "#adb5bd")
    for x in rng.sample([320, 420, 520, 690, 790, 880], 4):
        sketch.person(x, rng.choice([520, 566, 610]) + 40, 130, arm=rng.choice([None, "out"]))
    for x in (80, 1120):
        sketch.rect(x - 6, 420, x + 6, 600, DARK_WOOD)
        sketch.circle(x, 400, 60, "#52796f")


def accessible(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#cde6f5")
    wall = rng.choice(["#f1dca7", "#e9c46a", "#dde5b6"])
    sketch.rect(120, 60, 1080, 470, wall)
    sketch.rect(120, 60, 1080, 90, "#b08968")
    for x in (180, 880):
        sketch.rect(x, 150, x + 140, 300, "#cfe8ef", radius=6)
    sketch.rect(480, 180, 720, 470, "#cfe8ef")
    sketch.line([(600, 180), (600, 470)], "#6c757d", 5)
    sketch.rect(470, 170, 730, 185, "#6c757d")
    sketch.rect(430, 110, 770, 160, TEAL, radius=8)
    for step in range(3):
        sketch.rect(
            440 - step * 0, 470 + step * 25, 760, 495 + step * 25, "#ced4da" if step % 2 else "#dee2e6"
        )
    sketch.polygon([(760, 470), (1180, 545), (1180, 545 + 25), (760, 495)], "#adb5bd")
    sketch.line([(760, 420), (1180, 495)], "#495057", 6)
    sketch.line([(780, 424), (780, 470)], "#495057", 5)
    sketch.line([(1160, 492), (1160, 545)], "#495057", 5)
    sketch.rect(0, 545, WIDTH, HEIGHT, "#adb5bd")
    # someone in a wheelchair going up the ramp, towards the door
    cx, cy = 1000, 441
    sketch.circle(cx, cy + 30, 42, None, outline=INK, width=8)
    sketch.circle(cx - 52, cy + 51, 12, INK)
    shirt, skin, hair = sketch.looks()
    sketch.line([(cx + 40, cy - 60), (cx + 45, cy + 20)], INK, 6)
    sketch.rect(cx - 15, cy - 70, cx + 30, cy + 5, shirt, radius=14)
    sketch.rect(cx - 60, cy - 10, cx + 5, cy + 12, NAVY, radius=8)
    sketch.rect(cx - 62, cy, cx - 45, cy + 42, NAVY, radius=6)
    sketch.circle(cx + 8, cy - 92, 20, skin)
    sketch.pie(cx + 8, cy - 93, 21, 180, 360, hair)
    # the sign
    sketch.rect(220, 330, 310, 420, "#0057b8", radius=10)
    sketch.circle(262, 352, 8, PAPER)
    sketch.arc(268, 392, 22, 22, 100, 380, PAPER, 6)
    sketch.line([(262, 362), (262, 388), (284, 388), (292, 404)], PAPER, 6)
    for x in rng.sample([160, 250, 360], 2):
        sketch.person(x, 640, 120)


def village(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#bde0fe")
    sketch.ellipse(300, 300, 500, 120, "#a7c957")
    sketch.ellipse(950, 290, 450, 110, "#90be6d")
    for x, wall, roof in (
        (80, "#f1dca7", RUST),
        (290, PAPER, "#9d4e3a"),
        (860, "#f1dca7", "#9d4e3a"),
        (1060, PAPER, RUST),
    ):
        sketch.rect(x, 220, x + 160, 360, wall)
        sketch.polygon([(x - 15, 225), (x + 80, 150), (x + 175, 225)], roof)
        sketch.rect(x + 60, 290, x + 100, 360, DARK_WOOD)
        sketch.rect(x + 20, 250, x + 50, 280, "#cfe8ef")
        sketch.rect(x + 110, 250, x + 140, 280, "#cfe8ef")
    sketch.rect(0, 360, WIDTH, HEIGHT, "#c9b38a")
    sketch.rect(585, 170, 625, 420, DARK_WOOD)
    for x, y, r in ((605, 150, 120), (520, 190, 80), (690, 190, 85), (605, 90, 80)):
        sketch.circle(x, y, r, "#386641")
    for index, x in enumerate(range(390, 850, 90)):
        older = index % 2 == 0
        height = 175 if older else 135
        sketch.person(x, 520, height)
        if older:
            sketch.pie(x, 520 - height * 0.895, height * 0.12, 180, 360, "#d9d9d9")
    cloth = rng.choice(["#b5838d", "#f8f9fa", "#e5989b"])
    sketch.rect(330, 462, 880, 480, WOOD, radius=4)
    sketch.rect(340, 474, 870, 560, cloth)
    for x in range(360, 870, 40):
        sketch.line([(x, 480), (x, 556)], "#ffffff" if cloth != "#f8f9fa" else "#dee2e6", 2)
    sketch.rect(345, 560, 362, 600, DARK_WOOD)
    sketch.rect(848, 560, 865, 600, DARK_WOOD)
    for _ in range(5):
        x = rng.randint(400, 820)
        sketch.ellipse(x, 458, 26, 9, rng.choice([PAPER, "#e9ecef"]))
        sketch.circle(x, 452, 9, rng.choice([CORAL, MUSTARD, SAGE]))


def harbour(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, "#cde6f5")
    sketch.polygon(
        [
            (0, 260),
            (200, 80),
            (380, 200),
            (560, 60),
            (760, 210),
            (950, 90),
            (1200, 240),
            (1200, 330),
            (0, 330),
        ],
        "#6c8a7e",
    )
    houses = [PAPER, "#f1dca7", "#e9c46a", "#f4a261", "#e5e5e5"]
    x = 20
    while x < 1180:
        width = rng.randint(70, 120)
        height = rng.randint(90, 160)
        sketch.rect(x, 400 - height, x + width, 400, rng.choice(houses))
        sketch.polygon(
            [(x - 6, 400 - height), (x + width / 2, 400 - height - 35), (x + width + 6, 400 - height)],
            "#c1440e",
        )
        for wx in range(int(x + 15), int(x + width - 20), 32):
            sketch.rect(wx, 420 - height, wx + 16, 440 - height, "#5c677d")
        x += width + 8
    tower = rng.randint(400, 700)
    sketch.rect(tower, 140, tower + 70, 400, "#e6dccb")
    sketch.polygon([(tower - 5, 140), (tower + 35, 80), (tower + 75, 140)], "#c1440e")
    sketch.pie(tower + 35, 200, 20, 180, 360, INK)
    sketch.rect(tower + 15, 200, tower + 55, 225, INK)
    sketch.rect(0, 400, WIDTH, 440, "#b7b7a4")
    sketch.rect(0, 440, WIDTH, HEIGHT, "#2a6f97")
    for row in range(6):
        y = 470 + row * 35
        for x in range(rng.randint(0, 60), WIDTH, 140):
            sketch.arc(x, y, 30, 8, 200, 340, "#61a5c2", 4)
    for x in rng.sample([130, 330, 530, 760, 980], 3):
        hull = rng.choice([PAPER, CORAL, SEA, MUSTARD])
        sketch.polygon([(x - 90, 480), (x + 90, 480), (x + 65, 530), (x - 65, 530)], hull)
        sketch.rect(x - 90, 478, x + 90, 488, "#3d405b")
        sketch.rect(x - 30, 440, x + 20, 480, PAPER, radius=4)
        sketch.line([(x + 40, 480), (x + 40, 390)], DARK_WOOD, 5)


def desk(sketch):
    rng = sketch.rng
    sketch.rect(0, 0, WIDTH, HEIGHT, rng.choice(["#a47551", "#b08968"]))
    sketch.rect(150, 90, 690, 590, rng.choice([TEAL, NAVY, PLUM]), radius=10)
    for x in (170, 425):
        sketch.rect(x, 110, x + 245, 570, PAPER, radius=4)
        for row in range(9):
            y = 150 + row * 45
            sketch.rect(x + 20, y, x + 20 + rng.randint(70, 120), y + 10, "#adb5bd", radius=3)
            sketch.rect(x + 20, y + 18, x + 225, y + 34, None, outline="#ced4da", width=2)
    sketch.line([(640, 520), (540, 380)], INK, 10)
    sketch.polygon([(640, 520), (646, 540), (630, 528)], "#adb5bd")
    sketch.rect(770, 80, 1110, 400, PAPER, radius=8)
    sketch.rect(770, 80, 1110, 140, RUST, radius=8)
    sketch.rect(770, 120, 1110, 140, RUST)
    marked = rng.sample(range(28), 4)
    for day in range(28):
        x, y = 795 + (day % 7) * 45, 160 + (day // 7) * 55
        sketch.rect(x, y, x + 30, y + 30, "#e9ecef", radius=4)
        if day in marked:
            sketch.circle(x + 15, y + 15, 20, None, outline=CORAL, width=5)
    for index in range(3):
        x, y = 790 + index * 110, 470 + rng.randint(-20, 20)
        sketch.rect(x, y, x + 90, y + 90, rng.choice(["#ffe066", "#ff8fab", "#90e0ef", "#b5e48c"]), radius=3)
    sketch.circle(1100, 590, 55, CREAM)
    sketch.circle(1100, 590, 40, "#6f4e37")


SCENES = {
    "stage": stage,
    "cinema": cinema,
    "festival": festival,
    "concert": concert,
    "workshop": workshop,
    "map": region_map,
    "bus": bus,
    "archive": archive,
    "mural": mural,
    "radio": radio,
    "building": building,
    "budget": budget,
    "laptop": laptop,
    "city-hall": city_hall,
    "accessible": accessible,
    "village": village,
    "harbour": harbour,
    "desk": desk,
}


def scene_png(scene, seed):
    """The picture of ``scene`` (a key of ``SCENES``) for the item ``seed``, as PNG bytes; the same
    arguments give the same picture."""
    sketch = Sketch(f"{scene}:{seed}", CREAM)
    SCENES[scene](sketch)
    return sketch.png()
