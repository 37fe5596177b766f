"""Writing files so that a crash never leaves a half-written output behind."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The rename is atomic on POSIX, so readers see the old file or the new one, never a mix.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def dumps_json(obj: Any) -> str:
    """JSON with a fixed layout, so equal inputs give byte-identical files."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_json(path: str | os.PathLike, obj: Any) -> Path:
    return write_atomic(path, dumps_json(obj))


class FeatureCollectionWriter:
    """Streams GeoJSON Features to ``path`` one line each, renaming into place on close.

    For outputs too large to hold in memory; readers see the old file until the new one is whole.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")
        self._fh.write('{"type": "FeatureCollection", "features": [')
        self.count = 0

    def write(self, features: list[dict]) -> None:
        for feature in features:
            self._fh.write(("\n" if self.count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
            self.count += 1

    def close(self) -> Path:
        self._fh.write("\n]}\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.chmod(self._tmp, 0o644)
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        self._fh.close()
        Path(self._tmp).unlink(missing_ok=True)
