"""A PowerPoint briefing deck: one slide per time window, each linking to its interactive map.

Briefings are given from slides, so every window's PNG goes on a slide whose picture opens
the HTML map (a relative link, so the deck and the maps can be moved together).
The deck is byte-identical across rebuilds: core properties are dated by the data, and
every zip entry carries the same fixed timestamp.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from geomap.io import write_atomic
from geomap.windows import Window, format_date_range

__all__ = ["write_deck"]

_SLIDE_W_IN, _SLIDE_H_IN = 13.333, 7.5          # 16:9, the shape of the PNGs
_TITLE_H_IN, _CAPTION_H_IN, _MARGIN_IN = 0.85, 0.4, 0.25
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)               # the earliest date a zip entry can carry
_LAYOUT_TITLE, _LAYOUT_TITLE_ONLY = 0, 5         # in python-pptx's default template


def write_deck(windows_with_pngs: Sequence[tuple[Window, Path, str]], path: Path, title: str,
               ) -> Path:
    """Write ``path``: a title slide, then one slide per ``(window, png, html_link)``.

    ``html_link`` is the map's address relative to the deck, e.g. ``map-2020-01.html``.
    """
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(_SLIDE_W_IN), Inches(_SLIDE_H_IN)
    _add_title_slide(deck, title, [window for window, _, _ in windows_with_pngs])
    for window, png, link in windows_with_pngs:
        _add_window_slide(deck, window, Path(png), link)
    _set_core_properties(deck, title, windows_with_pngs)
    buffer = io.BytesIO()
    deck.save(buffer)
    return write_atomic(path, _with_fixed_zip_dates(buffer.getvalue()))


def _add_title_slide(deck, title: str, windows: Sequence[Window]) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE])
    heading, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(heading, 0.8, 2.2, _SLIDE_W_IN - 1.6, 1.5)
    _place(subtitle, 0.8, 3.9, _SLIDE_W_IN - 1.6, 1.2)
    heading.text = title
    subtitle.text = _deck_summary(windows)


def _deck_summary(windows: Sequence[Window]) -> str:
    if not windows:
        return "No dated events to map"
    span = format_date_range(min(w.start for w in windows), max(w.end for w in windows))
    maps = "1 map" if len(windows) == 1 else f"{len(windows)} maps"
    return f"{span} · {maps}"


def _add_window_slide(deck, window: Window, png: Path, link: str) -> None:
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE_ONLY])
    heading = slide.shapes.title
    _place(heading, _MARGIN_IN, 0.1, _SLIDE_W_IN - 2 * _MARGIN_IN, _TITLE_H_IN)
    heading.text = window.label
    heading.text_frame.paragraphs[0].runs[0].font.size = Pt(30)

    picture_h = _SLIDE_H_IN - _TITLE_H_IN - _CAPTION_H_IN - 0.2
    picture_w = picture_h * 16 / 9
    left = (_SLIDE_W_IN - picture_w) / 2
    picture = slide.shapes.add_picture(str(png), Inches(left), Inches(_TITLE_H_IN + 0.1),
                                       Inches(picture_w), Inches(picture_h))
    picture.click_action.hyperlink.address = link
    _add_caption(slide, link, left, _TITLE_H_IN + 0.1 + picture_h, picture_w)


def _add_caption(slide, link: str, left: float, top: float, width: float) -> None:
    """A visible link under the picture: not every viewer knows a picture can be clicked."""
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(_CAPTION_H_IN))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = f"Interactive map: {link}"
    run.font.size = Pt(12)
    run.hyperlink.address = link


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def _set_core_properties(deck, title: str, windows_with_pngs) -> None:
    """Date the deck by the last day it shows, never by the clock, so rebuilds match."""
    ends = [window.end for window, _, _ in windows_with_pngs]
    stamp = dt.datetime.combine(max(ends), dt.time()) if ends else dt.datetime(*_ZIP_EPOCH)
    props = deck.core_properties
    props.title = title
    props.author = props.last_modified_by = "geomap"
    props.revision = 1
    props.created = props.modified = stamp


def _with_fixed_zip_dates(package: bytes) -> bytes:
    """Rewrite the zip with one fixed timestamp on every entry (zipfile stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
