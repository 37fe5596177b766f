"""Make a folium map a single file that works with the network off.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. We draw no
awesome-markers, so only Leaflet and jQuery (folium's popups call ``$``) are needed;
both are inlined from the ``xstatic`` packages, with Leaflet's images as ``data:`` URIs.
"""
from __future__ import annotations

import base64
import re
from functools import lru_cache
from html.parser import HTMLParser
from itertools import count
from pathlib import Path

import xstatic.pkg.jquery as xjquery
import xstatic.pkg.leaflet as xleaflet
from branca.element import Element


class OfflineError(ValueError):
    """A map still refers to a script or stylesheet it would have to fetch."""


_LEAFLET = Path(xleaflet.BASE_DIR)
_JQUERY = Path(xjquery.BASE_DIR)
_CSS_IMAGE = re.compile(r"url\((?:['\"])?images/([\w.-]+\.png)(?:['\"])?\)")
_ICON_DEFAULTS = ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")


def _png_data_uri(name: str) -> str:
    payload = base64.b64encode((_LEAFLET / "images" / name).read_bytes()).decode("ascii")
    return f"data:image/png;base64,{payload}"


def _safe_inline_script(code: str) -> str:
    """Keep a script's text from closing its own ``<script>`` element early."""
    return code.replace("</script", "<\\/script")


@lru_cache(maxsize=1)
def inline_assets_html() -> str:
    """The ``<style>``/``<script>`` block that replaces folium's CDN links."""
    css = _CSS_IMAGE.sub(lambda m: f"url({_png_data_uri(m.group(1))})",
                         (_LEAFLET / "leaflet.css").read_text("utf-8"))
    icon_urls = dict(zip(("iconUrl", "iconRetinaUrl", "shadowUrl"),
                         map(_png_data_uri, _ICON_DEFAULTS)))
    icon_js = ("L.Icon.Default.prototype.options.imagePath='';"
               "L.Icon.Default.mergeOptions({"
               + ",".join(f"{k}:'{v}'" for k, v in icon_urls.items()) + "});")
    leaflet_js = _safe_inline_script((_LEAFLET / "leaflet.js").read_text("utf-8"))
    jquery_js = _safe_inline_script((_JQUERY / "jquery.min.js").read_text("utf-8"))
    return (f"<style>{css}</style>\n<script>{leaflet_js}</script>\n"
            f"<script>{icon_js}</script>\n<script>{jquery_js}</script>")


# --- the guard -------------------------------------------------------------------------

_CSS_FETCH = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*['\"]?\s*([^'\")\s;]+)", re.I)


class _FetchFinder(HTMLParser):
    """Collects what a browser would fetch to run and style the page, in document order.

    A real HTML parser, not a regex: inline scripts (jQuery, the map's data) contain
    strings such as ``"<style>"`` that are text, not markup.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and "src" in values:
            self.found.append(f"<script src={values['src']}>")
        elif tag == "link" and "href" in values:
            self.found.append(f"<link href={values['href']}>")
        if "style" in values:
            self._add_css(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._add_css(data)

    def _add_css(self, css: str) -> None:
        self.found += [f"url({m.group(1)})" for m in _CSS_FETCH.finditer(css)]


def _target(what: str) -> str:
    return what.split("=", 1)[1][:-1] if what.startswith("<") else what[4:-1]


def _is_embedded(target: str) -> bool:
    return target.lower().startswith("data:") or target.startswith("#")


def assert_self_contained(html: str) -> None:
    """Raise OfflineError naming the first script, stylesheet or CSS url() the page would fetch.

    Any reference that is not a ``data:`` URI counts: a relative file would be missing
    once the map is copied into a slide deck. Tile images and ``<a href>`` links are fine.
    """
    finder = _FetchFinder()
    finder.feed(html)
    finder.close()
    for what in finder.found:
        if not _is_embedded(_target(what)):
            raise OfflineError(f"map is not self-contained: it would fetch {what}")


# --- deterministic ids -----------------------------------------------------------------

def assign_sequential_ids(root: Element) -> None:
    """Replace branca's random element ids by a counter, so equal maps give equal bytes.

    Walks the element tree depth-first in insertion order, which is fixed by the code that
    built the map.
    """
    counter = count(1)
    stack = [root]
    while stack:
        element = stack.pop()
        element._id = f"{next(counter):04d}"
        stack.extend(reversed(list(element._children.values())))
