"""The stakeholder map as a self-contained SVG: the four quadrants labelled, one labelled point
per stakeholder coloured by stance, and a legend.

Built with ElementTree, so every name and note is escaped by construction. Scores are whole
numbers, so several stakeholders often share a position: their points are spread on a small
ring and labels are placed greedily, each moved up or down until it overlaps no label placed
before it (with a leader line back to its point when moved).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from stakeholders.services.stakeholder_map import (
    HIGH_FROM,
    KEEP_INFORMED,
    KEEP_SATISFIED,
    MANAGE_CLOSELY,
    MONITOR,
)
from stakeholders.text import NOT_XML

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH, HEIGHT = 1080, 700
LEFT, TOP, SIZE = 80, 70, 560
FONT = 12
LINE = 15  # vertical room of one label
CHAR_WIDTH = 6.8  # a generous average for the sans-serif font at FONT px
RING = 9  # radius on which points sharing a position are spread
MARGIN = 10  # room kept between the outermost label and the edge of the drawing

STANCE_COLOURS = {
    "supportive": "#2e7d32",
    "neutral": "#757575",
    "opposed": "#c62828",
    "unknown": "#1565c0",
}


def x_of(interest: float) -> float:
    """Horizontal position of an interest score: 0.5 on the left edge, 5.5 on the right."""
    return LEFT + (interest - 0.5) / 5 * SIZE


def y_of(influence: float) -> float:
    """Vertical position of an influence score: high influence at the top."""
    return TOP + SIZE - (influence - 0.5) / 5 * SIZE


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


def render(campaign: str, stakeholders: Sequence[dict]) -> str:
    """The SVG document (UTF-8 text with an XML declaration) for a campaign's map rows. The
    drawing grows, right and down, to hold every label and the campaign's name whole."""
    ET.register_namespace("", SVG_NS)
    svg = ET.Element(f"{{{SVG_NS}}}svg", role="img")
    svg.set("font-family", "Helvetica, Arial, sans-serif")
    _el(svg, "title", text=f"Stakeholder map: {campaign}")
    _el(svg, "text", x=LEFT, y=28, text="Stakeholder map", font_size=20, font_weight="bold")
    _el(svg, "text", x=LEFT, y=50, text=campaign, font_size=14, fill="#333333")
    headings = [Box(LEFT, 8, _text_width("Stakeholder map", 20), 26),
                Box(LEFT, 36, _text_width(campaign, 14), 18)]
    _quadrants(svg)
    _axes(svg)
    boxes = _points(svg, stakeholders, obstacles=headings)
    legend = _legend(svg, boxes)
    width = max([WIDTH, *(b.x + b.w + MARGIN for b in (*boxes, *headings, legend))])
    height = max([HEIGHT, *(b.y + b.h + MARGIN for b in boxes)])
    svg.set("width", _num(math.ceil(width)))
    svg.set("height", _num(math.ceil(height)))
    svg.set("viewBox", f"0 0 {math.ceil(width)} {math.ceil(height)}")
    return ET.tostring(svg, encoding="unicode", xml_declaration=True) + "\n"


def _text_width(text: str, font_size: float = FONT) -> float:
    """A generous estimate of the width of ``text`` at ``font_size`` px."""
    return CHAR_WIDTH * font_size / FONT * len(text) + 4


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{SVG_NS}}}{tag}",
                            {_attr(k): _num(v) for k, v in attrs.items()})
    if text is not None:
        element.text = NOT_XML.sub("", text)
    return element


def _attr(name: str) -> str:
    """Python keyword to SVG attribute: font_size -> font-size, class_ -> class."""
    return name.rstrip("_").replace("_", "-")


def _num(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _quadrants(svg: ET.Element) -> None:
    split_x, split_y = x_of(HIGH_FROM - 0.5), y_of(HIGH_FROM - 0.5)
    right, bottom = LEFT + SIZE, TOP + SIZE
    cells = [  # (x0, y0, x1, y1, label, fill)
        (split_x, TOP, right, split_y, MANAGE_CLOSELY, "#fdecea"),
        (LEFT, TOP, split_x, split_y, KEEP_SATISFIED, "#fff8e1"),
        (split_x, split_y, right, bottom, KEEP_INFORMED, "#e8f4fd"),
        (LEFT, split_y, split_x, bottom, MONITOR, "#f5f5f5"),
    ]
    for x0, y0, x1, y1, label, fill in cells:
        _el(svg, "rect", x=x0, y=y0, width=x1 - x0, height=y1 - y0, fill=fill,
            stroke="#bbbbbb")
        _el(svg, "text", x=x0 + 8, y=y0 + 20, fill="#555555", text=label.capitalize(),
            font_size=14, font_weight="bold", class_="quadrant")


def _axes(svg: ET.Element) -> None:
    for score in range(1, 6):
        _el(svg, "text", x=x_of(score), y=TOP + SIZE + 18, text=str(score),
            text_anchor="middle", font_size=FONT, fill="#555555")
        _el(svg, "text", x=LEFT - 12, y=y_of(score) + 4, text=str(score),
            text_anchor="end", font_size=FONT, fill="#555555")
    _el(svg, "text", x=LEFT + SIZE / 2, y=TOP + SIZE + 42, text="Interest →",
        text_anchor="middle", font_size=14)
    cx, cy = LEFT - 45, TOP + SIZE / 2
    _el(svg, "text", x=cx, y=cy, text="Influence →", text_anchor="middle", font_size=14,
        transform=f"rotate(-90 {cx} {cy})")


Point = tuple[float, float]


def _positions(stakeholders: Sequence[dict]) -> list[tuple[Point, Point]]:
    """Each stakeholder's (point, anchor): the anchor is the position of its scores, the point
    is spread on a small ring around it when several stakeholders share those scores."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, s in enumerate(stakeholders):
        groups[(s["interest"], s["influence"])].append(i)
    out: list[tuple[Point, Point]] = [((0.0, 0.0), (0.0, 0.0))] * len(stakeholders)
    for (interest, influence), members in groups.items():
        anchor = (x_of(interest), y_of(influence))
        for k, i in enumerate(members):
            angle = 2 * math.pi * k / len(members) - math.pi / 2
            radius = RING if len(members) > 1 else 0
            out[i] = ((anchor[0] + radius * math.cos(angle),
                       anchor[1] + radius * math.sin(angle)), anchor)
    return out


def place_labels(anchors: Sequence[Point], labels: Sequence[str],
                 obstacles: Sequence[Box] = ()) -> list[Box]:
    """A box per label, right of its anchor (clear of the ring), moved by whole lines (down,
    up, further down…) until it overlaps none placed before it nor any of ``obstacles`` (the
    headings), and never above the top of the drawing."""
    placed: list[Box] = list(obstacles)
    order = sorted(range(len(anchors)), key=lambda i: (anchors[i][1], anchors[i][0]))
    boxes: list[Box | None] = [None] * len(anchors)
    for i in order:
        x, y = anchors[i]
        width = _text_width(labels[i])
        for step in _steps():
            box = Box(x + RING + 4, y - LINE / 2 + step * LINE, width, LINE)
            if box.y >= 0 and not any(box.overlaps(p) for p in placed):
                break
        placed.append(box)
        boxes[i] = box
    return boxes  # type: ignore[return-value]


def _steps():
    yield 0
    for n in range(1, 200):
        yield n
        yield -n


def _points(svg: ET.Element, stakeholders: Sequence[dict],
            obstacles: Sequence[Box]) -> list[Box]:
    """Draw the stakeholders; returns the boxes of their labels."""
    positions = _positions(stakeholders)
    labels = [s["name"] for s in stakeholders]
    boxes = place_labels([anchor for _, anchor in positions], labels, obstacles)
    layer = _el(svg, "g", font_size=FONT)
    for s, ((x, y), anchor), box, label in zip(stakeholders, positions, boxes, labels):
        colour = STANCE_COLOURS.get(s["stance"], STANCE_COLOURS["unknown"])
        group = _el(layer, "g", class_="stakeholder")
        _el(group, "title", text=f"{label}: influence {s['influence']}, interest "
            f"{s['interest']}, {s['stance']}")
        label_y = box.y + LINE / 2
        if (x, y) != anchor or abs(label_y - y) > 1:
            _el(group, "line", x1=x, y1=y, x2=box.x, y2=label_y, stroke=colour,
                stroke_width=0.7)
        _el(group, "circle", cx=x, cy=y, r=5, fill=colour, stroke="white")
        _el(group, "text", x=box.x + 2, y=label_y + 4, text=label, fill="#222222")
    return boxes


LEGEND_X, LEGEND_Y = LEFT + SIZE + 230, TOP + 10
LEGEND_WIDTH, LEGEND_HEIGHT = 210, 152


def _legend(svg: ET.Element, labels: Sequence[Box]) -> Box:
    """Draw the legend at its place, or further right, clear of every label that would run
    into it; returns where it is."""
    y = LEGEND_Y
    box = Box(LEGEND_X - 4, y - 16, LEGEND_WIDTH, LEGEND_HEIGHT)
    in_the_way = [b for b in labels if b.y < box.y + box.h and box.y < b.y + b.h]
    x = max([LEGEND_X, *(b.x + b.w + 20 for b in in_the_way)])
    box.x = x - 4
    _el(svg, "text", x=x, y=y, text="Stance", font_size=14, font_weight="bold")
    for k, (stance, colour) in enumerate(STANCE_COLOURS.items(), start=1):
        _el(svg, "circle", cx=x + 6, cy=y + k * 22 - 4, r=6, fill=colour)
        _el(svg, "text", x=x + 18, y=y + k * 22, text=stance, font_size=FONT)
    _el(svg, "text", x=x, y=y + 130, text=f"Scores 1–5; {HIGH_FROM} and above is high.",
        font_size=11, fill="#555555")
    return box
