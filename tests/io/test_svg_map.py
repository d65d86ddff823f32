"""The SVG map parses as XML, names every stakeholder, escapes hostile text, keeps labels
apart when points share a position, and colours by stance."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from stakeholders.io.svg_map import STANCE_COLOURS, Box, place_labels, render

NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE = '<script>alert(1)</script> & "><img src=x onerror=alert(2)>'


def _row(name, influence, interest, stance="unknown"):
    return {"name": name, "influence": influence, "interest": interest, "stance": stance,
            "kind": "person", "assessed_on": dt.date(2017, 8, 1), "note": None}


def _texts(root) -> list[str]:
    return [t.text for t in root.iterfind(".//svg:text", NS)]


def test_every_label_and_quadrant_is_present_and_hostile_text_stays_text():
    rows = [_row("Cesar Guedes", 5, 4, "supportive"), _row(HOSTILE, 5, 4, "opposed"),
            _row("FIA", 1, 1)]
    document = render('Campaign <"&">', rows)
    assert "<script>" not in document and "<img" not in document
    root = ET.fromstring(document.encode())
    texts = _texts(root)
    for expected in ("Cesar Guedes", HOSTILE, "FIA", 'Campaign <"&">', "Manage closely",
                     "Keep satisfied", "Keep informed", "Monitor", *STANCE_COLOURS):
        assert expected in texts
    assert not root.findall(".//svg:script", NS) and not root.findall(".//svg:image", NS)
    fills = {c.get("fill") for c in root.iterfind(".//svg:g[@class='stakeholder']/svg:circle",
                                                  NS)}
    assert fills == {STANCE_COLOURS["supportive"], STANCE_COLOURS["opposed"],
                     STANCE_COLOURS["unknown"]}


def test_labels_of_points_sharing_a_position_do_not_overlap():
    anchors = [(100.0, 100.0)] * 6 + [(101.0, 102.0)] * 2
    boxes = place_labels(anchors, [f"Person number {i}" for i in range(8)])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_a_lone_label_stays_beside_its_point():
    (box,) = place_labels([(100.0, 100.0)], ["Alone"])
    assert box.y < 100 < box.y + box.h and box.x > 100


def test_box_overlap():
    assert Box(0, 0, 10, 10).overlaps(Box(5, 5, 10, 10))
    assert not Box(0, 0, 10, 10).overlaps(Box(10, 0, 10, 10))


def test_an_empty_map_is_still_a_document():
    root = ET.fromstring(render("Nothing yet", []).encode())
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and "Nothing yet" in _texts(root)


def _boxes(root, selector: str, font_size: float = 12) -> list[tuple[str, Box]]:
    """Each text's box as the renderer estimates it (baseline 4 px under the middle)."""
    out = []
    for t in root.iterfind(selector, NS):
        size = float(t.get("font-size", font_size))
        width = 6.8 * size / 12 * len(t.text)
        out.append((t.text, Box(float(t.get("x")), float(t.get("y")) - size, width, size)))
    return out


def test_long_names_stay_clear_of_the_legend_and_inside_the_drawing():
    """A stakeholder of high interest with a long name ran under the legend, and a longer one
    off the right edge of the drawing, cut."""
    long = "Australian Government Department of Immigration and Border Protection"
    longer = long + " and of Multicultural and Indigenous Affairs"
    rows = [_row("United Nations Office on Drugs and Crime", 5, 5, "supportive"),
            _row(long, 4, 5), _row(longer, 5, 4), _row("FIA", 5, 5)]
    root = ET.fromstring(render("A campaign", rows).encode())
    labels = _boxes(root, ".//svg:g[@class='stakeholder']/svg:text")
    legend = _boxes(root, "./svg:text[@font-size='14'][.='Stance']", 14) + [
        (t, b) for t, b in _boxes(root, "./svg:text[@font-size='12']")
        if t in STANCE_COLOURS]
    assert len(labels) == 4 and len(legend) == 5
    for name, box in labels:
        assert not any(box.overlaps(other) for _, other in legend), name
    width = float(root.get("width"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert all(box.x + box.w <= width for _, box in labels + legend)


def test_labels_pushed_up_stay_below_the_top_and_clear_of_the_headings():
    rows = [_row(f"Ministry number {i}", 5, 5) for i in range(24)]
    root = ET.fromstring(render("Global Action to Prevent and Address Trafficking in Persons "
                                "and the Smuggling of Migrants", rows).encode())
    labels = [b for _, b in _boxes(root, ".//svg:g[@class='stakeholder']/svg:text")]
    headings = [b for _, b in _boxes(root, "./svg:text[@font-weight='bold']", 20)[:1]
                + _boxes(root, "./svg:text[@fill='#333333']", 14)]
    assert len(labels) == 24 and len(headings) == 2
    assert all(b.y >= 0 for b in labels)
    assert not any(a.overlaps(h) for a in labels for h in headings)
    assert all(b.y + b.h <= float(root.get("height")) for b in labels)
