"""Places kept in CSV files with the documented schema (gazetteer/data/SCHEMA.md).

The curated layer and a user's own ``--gazetteer FILE`` share this reader, so a user's file
takes exactly the columns the shipped files do.
"""
from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.layers.base import Layer
from gazetteer.model import Place

COLUMNS = ("id", "name", "aliases", "kind", "country", "lat", "lon", "radius_km", "parent", "source")
REQUIRED = ("id", "name", "kind", "lat", "lon")
KINDS = frozenset({"base", "airfield", "airport", "facility", "embassy", "port", "landmark", "city",
                   "admin1", "admin2", "region", "waterbody", "country"})
DEFAULT_RADIUS_KM = {"country": 500.0, "region": 300.0, "waterbody": 150.0, "admin1": 100.0,
                     "admin2": 30.0, "city": 8.0}


class GazetteerFileError(ValueError):
    """A places file that cannot be used, with the file and line to fix."""


def read_places_csv(path: Path, layer: str) -> list[Place]:
    """Every row of a places CSV as a Place; a bad row is an error naming its line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(_rows_to_places(csv.DictReader(fh), path, layer))
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerFileError(f"{path}: cannot read places file ({exc})") from None
    except csv.Error as exc:
        raise GazetteerFileError(f"{path}: not a valid CSV file ({exc})") from None


def _rows_to_places(reader: csv.DictReader, path: Path, layer: str) -> Iterator[Place]:
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerFileError(f"{path}: missing column(s) {', '.join(missing)}; "
                                 f"expected {','.join(COLUMNS)}")
    for line, row in enumerate(reader, start=2):
        yield _row_to_place(row, layer, f"{path}:{line}")


def _row_to_place(row: dict, layer: str, where: str) -> Place:
    def text(column: str) -> str:
        return (row.get(column) or "").strip()

    kind = text("kind").lower()
    if kind not in KINDS:
        raise GazetteerFileError(f"{where}: unknown kind {kind!r}; use one of {', '.join(sorted(KINDS))}")
    try:
        lat, lon = float(text("lat")), float(text("lon"))
    except ValueError:
        raise GazetteerFileError(f"{where}: lat/lon must be decimal degrees, got "
                                 f"{text('lat')!r}, {text('lon')!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerFileError(f"{where}: lat/lon out of range ({lat}, {lon})")
    if not text("id") or not text("name"):
        raise GazetteerFileError(f"{where}: id and name are required")
    radius = text("radius_km")
    try:
        radius_km = float(radius) if radius else DEFAULT_RADIUS_KM.get(kind, 2.0)
    except ValueError:
        raise GazetteerFileError(f"{where}: radius_km must be a number, got {radius!r}") from None
    aliases = tuple(a.strip() for a in text("aliases").split("|") if a.strip())
    return Place(id=text("id"), name=text("name"), kind=kind, country=text("country").upper() or None,
                 lat=lat, lon=lon, radius_km=radius_km, layer=layer, parent=text("parent") or None,
                 aliases=aliases, source=text("source"))


def files_fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class CsvLayer(Layer):
    """A layer read from one or more places CSV files."""

    def __init__(self, paths: Iterable[Path], *, name: str, priority: int) -> None:
        self.paths = sorted(Path(p) for p in paths)
        self.name = name
        self.priority = priority

    def places(self) -> Iterator[Place]:
        for path in self.paths:
            yield from read_places_csv(path, self.name)

    def fingerprint(self) -> str:
        return f"{self.name}:{files_fingerprint(self.paths)}"


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def curated_layer() -> CsvLayer:
    """The hand-checked entries shipped in gazetteer/data/curated/."""
    return CsvLayer((DATA_DIR / "curated").glob("*.csv"), name="curated", priority=20)


def user_layer(path: Path) -> CsvLayer:
    """A user's own file: it wins over every shipped layer."""
    path = Path(path)
    if not path.is_file():
        raise GazetteerFileError(f"{path}: no such places file")
    read_places_csv(path, "user")  # fail now, with the line to fix, not later
    return CsvLayer([path], name="user", priority=30)
