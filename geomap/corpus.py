"""Reading a corpus folder of news articles, one file at a time, with their publication dates.

Relative dates ("on Wednesday", "last week") can only be anchored on the day an article was
published, so each article carries that date and where it came from, in order of trust:
``manifest.csv``, a ``YYYY-MM-DD`` file-name prefix, then a dateline or byline near the top.

A bad file never stops a run: it is skipped with one clear line sent to ``report``, and the
rest of the corpus still comes through.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from geomap.dates import MONTHS, parse_iso_date

__all__ = ["Article", "CorpusProblem", "CorpusError", "iter_articles", "ARTICLE_SUFFIXES"]

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md")
MANIFEST_NAME = "manifest.csv"
NOT_ARTICLES = {MANIFEST_NAME, "corrections.json"}
MANIFEST_FIELDS = ("published", "source", "title", "url")
UNKNOWN_VALUES = {"", "unknown", "n/a", "na", "none", "null", "-"}
# "unknown (wire-style report)": a note on why the value is missing, still no value.
_UNKNOWN_WITH_NOTE = re.compile(r"unknown\s*\(.*\)", re.IGNORECASE | re.DOTALL)

# Datelines and bylines sit at the top; further down a date is an event's, not the article's.
HEADER_LINES = 15
HEADER_CHARS = 1500
# A dateline is a short line of its own ("January 2, 2020US News", "Updated 10:31 AM EST, ...").
DATELINE_MAX_LINE = 100
# Share of control characters above which decoded bytes are not prose.
MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Article:
    """One article, decoded, with the metadata that anchors its relative dates."""

    file: str
    path: Path
    text: str
    published: date | None
    published_from: str | None  # "manifest" | "filename" | "dateline" | None
    source: str | None
    title: str | None
    url: str | None
    digest: str  # sha256 of the raw bytes: the extraction cache keys on it
    encoding: str  # "utf-8" | "utf-8-sig" | "cp1252"


@dataclass(frozen=True, slots=True)
class CorpusProblem:
    """Something to tell the user about one file: skipped ("error") or read with a caveat."""

    file: str
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.severity}: {self.message}"


class CorpusError(ValueError):
    """The corpus folder itself cannot be read, so there is nothing to do."""


class _Skip(Exception):
    """A file cannot be used; the message says why in one line."""


def _log_problem(problem: CorpusProblem) -> None:
    level = logging.ERROR if problem.severity == "error" else logging.WARNING
    log.log(level, "%s", problem)


# --------------------------------------------------------------------------- dates in headers

_MONTH = r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)(?!\d)"
_HEADER_DATE = re.compile(
    r"(?<![\w-])(?:"
    + _MONTH.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r",?\s+" + _YEAR.format(g="y1")
    + r"|" + _DAY.format(g="d2") + r"\s+" + _MONTH.format(g="m2") + r",?\s+" + _YEAR.format(g="y2")
    + r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)"
    + r")",
    re.IGNORECASE,
)
_LABELLED_LINE = re.compile(r"^\W*(?:published|posted|updated|date|dated|first published)\b",
                            re.IGNORECASE)
# "BAGHDAD, Jan. 2, 2020 (Reuters) -": an upper-case place, then the date.
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?[,(—–-]\s*$")

_FILENAME_DATE = re.compile(r"^(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)(?=$|[-_ .])")


def _safe_date(year: str | int, month: str | int, day: str | int) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _match_to_date(match: re.Match[str]) -> date | None:
    if match["y3"]:
        return _safe_date(match["y3"], match["m3"], match["d3"])
    n = "1" if match["y1"] else "2"
    return _safe_date(match["y" + n], MONTHS[match["m" + n].lower()], match["d" + n])


def date_from_filename(name: str) -> date | None:
    """A ``2020-01-02_story.txt`` or ``20200102-story.txt`` prefix, as scrapers often name files."""
    match = _FILENAME_DATE.match(name)
    return _safe_date(match["y"], match["m"], match["d"]) if match else None


def _is_dateline(line: str, match: re.Match[str]) -> bool:
    """Only a line that is about the date; a date inside prose is an event's date."""
    if _LABELLED_LINE.match(line) or len(line.strip()) <= DATELINE_MAX_LINE:
        return True
    return bool(_WIRE_DATELINE.match(line[: match.start()]))


def date_from_dateline(text: str) -> date | None:
    """The first dateline or byline date in the first lines of ``text``.

    A line labelled "Published"/"Updated"/... wins over an unlabelled short line, and
    "Published" wins over "Updated", because an update is not when the story broke.
    """
    head = text[:HEADER_CHARS].split("\n")[:HEADER_LINES]
    best: tuple[int, date] | None = None
    for line in head:
        for match in _HEADER_DATE.finditer(line):
            if not _is_dateline(line, match):
                continue
            found = _match_to_date(match)
            if found is None:
                continue
            rank = _dateline_rank(line)
            if best is None or rank < best[0]:
                best = (rank, found)
    return best[1] if best else None


def _dateline_rank(line: str) -> int:
    label = _LABELLED_LINE.match(line)
    if not label:
        return 1
    return 2 if "updated" in label.group(0).lower() else 0


# --------------------------------------------------------------------------- the manifest

def _decode_small_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value.strip())
    if value.lower() in UNKNOWN_VALUES or _UNKNOWN_WITH_NOTE.fullmatch(value):
        return None
    return value


def read_manifest(folder: Path, report: Callable[[CorpusProblem], None]) -> dict[str, dict]:
    """``file -> {published, source, title, url}`` from ``manifest.csv``; {} when there is none.

    Bad dates and unusable rows are reported, never fatal: the files still get a date from
    their name or dateline.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        rows = list(csv.DictReader(io.StringIO(_decode_small_text(path.read_bytes()), newline="")))
    except (OSError, csv.Error) as exc:
        report(CorpusProblem(MANIFEST_NAME, "warning", f"cannot read the manifest: {exc}"))
        return {}
    if rows and "file" not in rows[0]:
        report(CorpusProblem(MANIFEST_NAME, "warning",
                             "the manifest has no 'file' column: ignored"))
        return {}
    entries: dict[str, dict] = {}
    for row in rows:
        name = _clean_value(row.get("file"))
        if name is None:
            continue
        if name in entries:
            report(CorpusProblem(name, "warning", "listed twice in the manifest: the last row wins"))
        entries[name] = _manifest_entry(name, row, report)
    return entries


def _manifest_entry(name: str, row: dict, report: Callable[[CorpusProblem], None]) -> dict:
    entry = {field: _clean_value(row.get(field)) for field in MANIFEST_FIELDS}
    if entry["published"] is not None:
        try:
            entry["published"] = parse_iso_date(entry["published"])
        except ValueError:
            report(CorpusProblem(name, "warning",
                                 f"bad publication date in the manifest: {row['published']!r} "
                                 "(expected YYYY-MM-DD)"))
            entry["published"] = None
    return entry


# --------------------------------------------------------------------------- reading one file

def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = _file_size(path)
        if size > max_bytes:
            raise _Skip(f"too large: {size:,} bytes (limit {max_bytes:,})")
        with path.open("rb") as fh:
            raw = _read_up_to(fh, size, max_bytes + 1)
    except PermissionError:
        raise _Skip("cannot read: permission denied") from None
    except OSError as exc:
        raise _Skip(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:  # grew since stat
        raise _Skip(f"too large: more than {max_bytes:,} bytes")
    return raw


def _file_size(path: Path) -> int:
    """The size of a regular file, from one stat call; only when it fails is the path asked
    whether it is a broken symbolic link."""
    try:
        info = path.stat()
    except OSError:
        if path.is_symlink() and not path.exists():
            raise _Skip("broken symbolic link") from None
        raise
    if stat.S_ISDIR(info.st_mode):
        raise _Skip("is a directory, not an article")
    return info.st_size


def _read_up_to(fh: BinaryIO, size: int, limit: int) -> bytes:
    """At most ``limit`` bytes. Asking for the size found (and one more byte, to see whether the
    file grew) rather than for the limit spares allocating a limit-sized buffer per file."""
    raw = fh.read(size + 1)
    if len(raw) > size:
        raw += fh.read(limit - len(raw))
    return raw


def _decode(raw: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, warning). News scrapes are UTF-8 or, from old Windows tools, cp1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Skip("UTF-16 text is not supported: save the file as UTF-8")
    if b"\x00" in raw:
        raise _Skip("binary file (contains NUL bytes), not text")
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    warning = None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        encoding = "cp1252"
        warning = "not UTF-8 text: read as Windows-1252"
    if _may_hold_control_chars(raw) and _control_share(text) > MAX_CONTROL_SHARE:
        raise _Skip("binary file (mostly non-text bytes), not text")
    return text, encoding, warning


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# The bytes a control character can come from: an ASCII control, or the 0xC2 that leads the
# UTF-8 of U+0080-U+009F (cp1252 decodes no byte to those). Most texts hold none of them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0xC2])
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _may_hold_control_chars(raw: bytes) -> bool:
    """Deleting every other byte (at C speed) is much cheaper than counting control
    characters in the decoded text, which is left to the few texts this does not clear."""
    return bool(raw.translate(None, _OTHER_BYTES))


def _control_share(text: str) -> float:
    return len(_CONTROL_CHARS.findall(text)) / len(text) if text else 0.0


def normalise_text(text: str) -> str:
    """Newlines to ``\\n`` and NFC, nothing else: downstream spans are character offsets."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _publication(name: str, text: str, meta: dict) -> tuple[date | None, str | None]:
    if meta.get("published") is not None:
        return meta["published"], "manifest"
    found = date_from_filename(name)
    if found is not None:
        return found, "filename"
    found = date_from_dateline(text)
    if found is not None:
        return found, "dateline"
    return None, None


def _read_article(path: Path, meta: dict, max_bytes: int,
                  report: Callable[[CorpusProblem], None]) -> Article:
    raw = _read_bytes(path, max_bytes)
    if not raw.strip():
        raise _Skip("empty file")
    text, encoding, warning = _decode(raw)
    text = normalise_text(text)
    if not text.strip():
        raise _Skip("empty file")
    if warning:
        report(CorpusProblem(path.name, "warning", warning))
    published, published_from = _publication(path.name, text, meta)
    if published is None:
        report(CorpusProblem(path.name, "warning",
                             "no publication date: relative dates left unresolved"))
    return Article(
        file=path.name, path=path, text=text, published=published,
        published_from=published_from, source=meta.get("source"), title=meta.get("title"),
        url=meta.get("url"), digest=hashlib.sha256(raw).hexdigest(), encoding=encoding,
    )


# --------------------------------------------------------------------------- the folder

def is_article_name(name: str) -> bool:
    """``.txt``/``.md`` files, minus the corpus's own files (manifest, corrections, READMEs)
    and hidden files (editor swap files, ``.DS_Store``)."""
    lower = name.lower()
    return (lower.endswith(ARTICLE_SUFFIXES) and not name.startswith(".")
            and lower not in NOT_ARTICLES and not lower.startswith("readme"))


def _article_names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries if is_article_name(entry.name))
    except FileNotFoundError:
        raise CorpusError(f"corpus folder not found: {folder}") from None
    except NotADirectoryError:
        raise CorpusError(f"corpus is not a folder: {folder}") from None
    except PermissionError:
        raise CorpusError(f"corpus folder cannot be read (permission denied): {folder}") from None
    except OSError as exc:
        raise CorpusError(f"corpus folder cannot be read: {folder}: {exc.strerror or exc}") from None


def iter_articles(folder: Path, *, max_bytes: int = 5_000_000,
                  report: Callable[[CorpusProblem], None] = _log_problem) -> Iterator[Article]:
    """Yield the articles of ``folder`` in file-name order, reading one file at a time.

    Files that cannot be used are reported as errors and skipped; the folder itself being
    unusable raises :class:`CorpusError` at once (before the first article), so a typo in a
    path is a clear message rather than an empty map.
    """
    folder = Path(folder)
    names = _article_names(folder)
    manifest = read_manifest(folder, report)
    _report_unlisted(manifest, names, report)
    return _iter_files(folder, names, manifest, max_bytes, report)


def _iter_files(folder: Path, names: list[str], manifest: dict[str, dict], max_bytes: int,
                report: Callable[[CorpusProblem], None]) -> Iterator[Article]:
    for name in names:
        try:
            yield _read_article(folder / name, manifest.get(name, {}), max_bytes, report)
        except _Skip as skip:
            report(CorpusProblem(name, "error", str(skip)))


def _report_unlisted(manifest: dict[str, dict], names: list[str],
                     report: Callable[[CorpusProblem], None]) -> None:
    missing = sorted(set(manifest) - set(names))
    if missing:
        shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
        report(CorpusProblem(MANIFEST_NAME, "warning",
                             f"{len(missing)} file(s) in the manifest are not in the folder: {shown}"))
