"""Regenerate ``data/region.json``, the map's outlines, from Natural Earth's countries in TopoJSON.

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m regionmap.build_geometry /tmp/package/countries-50m.json

Natural Earth's Admin 0 countries at 1:50m (version 4.1.0, as the world-atlas package gives them),
public domain. The countries of the network are drawn each on its own; their neighbours as one
outline, cut to the frame. Each shared border is simplified once (Douglas-Peucker, tolerance
``TOLERANCE`` in map units), so neighbouring countries keep meeting exactly. The projection is
equirectangular with longitudes scaled by the cosine of the region's middle latitude: over six
degrees of latitude it keeps shapes true to within a few per cent.
"""

import json
import math
import sys
from pathlib import Path

OUTPUT = Path(__file__).parent / "data" / "region.json"
SOURCE = "Natural Earth 1:50m Admin 0 countries, version 4.1.0 (public domain), via world-atlas 2.0.2"

# The hub's country slug → Natural Earth's name. The hub's list of countries is the network's; the
# map draws each as Natural Earth's Admin 0 layer outlines it.
COUNTRIES = {
    "si": "Slovenia",
    "hr": "Croatia",
    "ba": "Bosnia and Herz.",
    "rs": "Serbia",
    "me": "Montenegro",
    "xk": "Kosovo",
    "mk": "Macedonia",
}
# Where each country's name goes (longitude, latitude), chosen by hand inside its outline: the
# middle of a crescent such as Croatia's lies outside it.
LABELS = {
    "si": (14.75, 46.12),
    "hr": (16.05, 45.55),
    "ba": (17.85, 44.2),
    "rs": (20.85, 44.05),
    "me": (19.15, 42.72),
    "xk": (20.95, 42.55),
    "mk": (21.65, 41.55),
}
WEST, EAST, SOUTH, NORTH = 13.0, 23.4, 40.55, 46.95
SCALE = 60  # map units per degree of latitude
TOLERANCE = 0.35
COS = math.cos(math.radians((SOUTH + NORTH) / 2))
WIDTH = round((EAST - WEST) * COS * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(lon, lat):
    return ((lon - WEST) * COS * SCALE, (NORTH - lat) * SCALE)


def decoded_arcs(topology):
    """Every arc as a list of projected points (the file's arcs are quantized and delta-encoded)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def simplified(points):
    """Douglas-Peucker: the fewest points within TOLERANCE of the line; the ends stay."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    length = math.hypot(bx - ax, by - ay)
    farthest, distance = 0, -1.0
    for index, (px, py) in enumerate(points[1:-1], start=1):
        if length:
            gap = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
        else:
            gap = math.hypot(px - ax, py - ay)
        if gap > distance:
            farthest, distance = index, gap
    if distance <= TOLERANCE:
        return [points[0], points[-1]]
    return simplified(points[: farthest + 1])[:-1] + simplified(points[farthest:])


def ring(arc_indexes, arcs):
    points = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def clipped(points, margin=4):
    """The ring cut to the frame (Sutherland-Hodgman), a little beyond it so no edge shows."""
    edges = [
        (lambda p: p[0] >= -margin, lambda a, b: _cross_x(a, b, -margin)),
        (lambda p: p[0] <= WIDTH + margin, lambda a, b: _cross_x(a, b, WIDTH + margin)),
        (lambda p: p[1] >= -margin, lambda a, b: _cross_y(a, b, -margin)),
        (lambda p: p[1] <= HEIGHT + margin, lambda a, b: _cross_y(a, b, HEIGHT + margin)),
    ]
    for inside, cross in edges:
        if not points:
            break
        kept = []
        for current, previous in zip(points, points[-1:] + points[:-1], strict=True):
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
    return points


def _cross_x(a, b, x):
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _cross_y(a, b, y):
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def path(rings):
    """SVG path data, in whole tenths of a unit, each ring closed."""
    parts = []
    for points in rings:
        if len(points) < 3:
            continue
        coordinates = " ".join(f"{_number(x)} {_number(y)}" for x, y in points)
        parts.append(f"M{coordinates}Z")
    return "".join(parts)


def _number(value):
    return f"{value:.1f}".removesuffix(".0")


def build(topology):
    arcs = [simplified(arc) for arc in decoded_arcs(topology)]
    by_name = {
        geometry["properties"]["name"]: geometry
        for geometry in topology["objects"]["countries"]["geometries"]
    }
    countries = {}
    for slug, name in COUNTRIES.items():
        rings = [ring(part, arcs) for polygon in polygons(by_name[name]) for part in polygon]
        label_x, label_y = project(*LABELS[slug])
        countries[slug] = {"path": path(rings), "label": [round(label_x), round(label_y)]}
    ours = set(COUNTRIES.values())
    neighbours = [
        clipped(ring(part, arcs))
        for name, geometry in by_name.items()
        if name not in ours
        for polygon in polygons(geometry)
        for part in polygon
    ]
    return {
        "source": SOURCE,
        "width": WIDTH,
        "height": HEIGHT,
        "countries": countries,
        "neighbours": path(neighbours),
    }


def main(topojson_path):
    topology = json.loads(Path(topojson_path).read_text())
    OUTPUT.write_text(json.dumps(build(topology), ensure_ascii=False, indent=1) + "\n")
    print(f"{OUTPUT}: {OUTPUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
