"""When a headless Chromium is installed, the seed launch's HTML attendee report renders,
screenshots, and prints on A4 (skipped otherwise)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed")

#: A4 in PostScript points (210 x 297 mm), as Chromium writes it in a PDF MediaBox.
A4_POINTS = (595, 842)


def chromium(*args: str) -> None:
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", *args],
                   check=True, capture_output=True, timeout=120)


def screenshot(page, png, width: int = 1000, height: int = 1400) -> None:
    """Render ``page`` (a file) to ``png`` with a headless Chromium."""
    chromium(f"--screenshot={png}", f"--window-size={width},{height}", page.as_uri())


def test_page_renders_and_prints_on_a4(seeded_cli, tmp_path):
    page = tmp_path / "report.html"
    seeded_cli.ok("report", "attendees", "GLO.ACT launch, Islamabad", "-f", "html",
                  "-o", str(page))
    png = tmp_path / "report.png"
    screenshot(page, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    pdf = tmp_path / "report.pdf"
    chromium(f"--print-to-pdf={pdf}", page.as_uri())
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes and all((round(float(w)), round(float(h))) == A4_POINTS for w, h in boxes)


def test_map_svg_opens_in_a_browser(seeded_cli, tmp_path):
    seeded_cli.ok("assess", "Cesar Guedes", "--campaign", "GLO.ACT", "--influence", "5",
                  "--interest", "4")
    svg = tmp_path / "map.svg"
    seeded_cli.ok("report", "map", "--campaign", "GLO.ACT", "-f", "svg", "-o", str(svg))
    png = tmp_path / "map.png"
    screenshot(svg, png, 1080, 700)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
