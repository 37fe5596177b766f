"""Best-effort pickled caches: a missing, stale or unwritable cache costs time, never a run."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

_STALE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError)


def read_pickle(path: Path) -> object | None:
    """The cached object, or None when there is none or it cannot be read any more."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except _STALE:
        return None


def write_pickle(path: Path, obj: object) -> None:
    """Write atomically (temporary file, then rename); a read-only cache folder is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
