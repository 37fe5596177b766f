"""The corpus reader: metadata sources, encodings, and bad files that must not stop a run."""
from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from geomap.corpus import (
    CorpusError,
    CorpusProblem,
    date_from_dateline,
    date_from_filename,
    iter_articles,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BODY = "US forces struck a militia base on Sunday, officials said.\n"


def read(folder: Path, **kwargs) -> tuple[list, list[CorpusProblem]]:
    problems: list[CorpusProblem] = []
    articles = list(iter_articles(folder, report=problems.append, **kwargs))
    return articles, problems


def messages(problems: list[CorpusProblem], file: str) -> list[str]:
    return [f"{p.severity}: {p.message}" for p in problems if p.file == file]


# ------------------------------------------------------------------ the real seeds

def test_seed_corpus_gives_five_articles_with_manifest_dates():
    articles, problems = read(SEEDS)
    assert [a.file for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert [a.published for a in articles] == [
        date(2020, 12, 31), date(2020, 1, 2), date(2021, 1, 3), date(2019, 5, 9), date(2024, 4, 12)]
    assert {a.published_from for a in articles} == {"manifest"}
    assert problems == []
    first = articles[0]
    assert first.source == "CNN (republished by KTVZ NewsChannel 21)"
    assert first.title.startswith("US defense officials divided")
    assert first.url is None  # empty in the manifest
    assert articles[2].source is None  # "unknown (wire-style report)" names no outlet
    assert all(a.encoding == "utf-8" for a in articles)
    assert first.digest == hashlib.sha256(first.path.read_bytes()).hexdigest()
    assert "\r" not in first.text


def test_seed_byline_gives_the_date_without_a_manifest(tmp_path):
    (tmp_path / "story.txt").write_bytes((SEEDS / "001_a3394f1d188f29c5.txt").read_bytes())
    [article], problems = read(tmp_path)
    assert (article.published, article.published_from) == (date(2020, 1, 2), "dateline")
    assert problems == []


# ------------------------------------------------------------------ metadata

MANIFEST = """file,published,source,title,url,note
a.txt,2020-01-02,Reuters,Rockets hit base,https://example.org/a,checked
b.txt,unknown,,,,
c.txt,02/01/2020,AP,,,
d.txt,2020-02-30,AP,,,
"""


def write(folder: Path, name: str, text: str = BODY) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_gives_date_and_metadata_and_ignores_extra_columns(tmp_path):
    (tmp_path / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    write(tmp_path, "a.txt")
    [article], problems = read(tmp_path)
    assert article.published == date(2020, 1, 2)
    assert article.published_from == "manifest"
    assert (article.source, article.title, article.url) == (
        "Reuters", "Rockets hit base", "https://example.org/a")
    # b, c, d are listed but absent: one warning, and c, d have bad dates
    assert messages(problems, "manifest.csv") == [
        "warning: 3 file(s) in the manifest are not in the folder: b.txt, c.txt, d.txt"]


def test_bad_manifest_date_is_a_warning_naming_file_and_value(tmp_path):
    (tmp_path / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        write(tmp_path, name)
    articles, problems = read(tmp_path)
    by_name = {a.file: a for a in articles}
    assert by_name["b.txt"].published is None and by_name["b.txt"].source is None
    assert messages(problems, "c.txt") == [
        "warning: bad publication date in the manifest: '02/01/2020' (expected YYYY-MM-DD)",
        "warning: no publication date: relative dates left unresolved"]
    assert "'2020-02-30'" in messages(problems, "d.txt")[0]
    assert messages(problems, "b.txt") == [
        "warning: no publication date: relative dates left unresolved"]


def test_manifest_date_wins_over_file_name_and_dateline(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,published\n2021-05-05_x.txt,2020-01-02\n")
    write(tmp_path, "2021-05-05_x.txt", "Published: March 3, 2019\n" + BODY)
    [article], _ = read(tmp_path)
    assert (article.published, article.published_from) == (date(2020, 1, 2), "manifest")


def test_bad_manifest_date_falls_back_to_the_file_name(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,published\n2021-05-05_x.txt,yesterday\n")
    write(tmp_path, "2021-05-05_x.txt")
    [article], problems = read(tmp_path)
    assert (article.published, article.published_from) == (date(2021, 5, 5), "filename")
    assert len(problems) == 1


def test_manifest_with_bom_and_cp1252(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(
        b"\xef\xbb\xbffile,published,source\na.txt,2020-01-02,Caf\xc3\xa9\n")
    write(tmp_path, "a.txt")
    [article], problems = read(tmp_path)
    assert (article.published, article.source, problems) == (date(2020, 1, 2), "Café", [])
    (tmp_path / "manifest.csv").write_bytes(b"file,published,source\na.txt,2020-01-02,Caf\xe9\n")
    [article], _ = read(tmp_path)
    assert article.source == "Café"


def test_manifest_without_file_column_is_ignored_with_a_warning(tmp_path):
    (tmp_path / "manifest.csv").write_text("name,date\na.txt,2020-01-02\n")
    write(tmp_path, "a.txt")
    [article], problems = read(tmp_path)
    assert article.published is None
    assert messages(problems, "manifest.csv") == [
        "warning: the manifest has no 'file' column: ignored"]


@pytest.mark.parametrize("name, expected", [
    ("2020-01-02_story.txt", date(2020, 1, 2)),
    ("20200102-story.txt", date(2020, 1, 2)),
    ("2019-12-31.md", date(2019, 12, 31)),
    ("2020-13-02_story.txt", None),      # no month 13
    ("202001021_story.txt", None),       # nine digits: an id, not a date
    ("story_2020-01-02.txt", None),      # only a prefix counts
    ("000_2780023125c25e57.txt", None),
])
def test_date_from_filename(name, expected):
    assert date_from_filename(name) == expected


def test_file_name_prefix_is_used(tmp_path):
    write(tmp_path, "20200102-story.txt")
    [article], problems = read(tmp_path)
    assert (article.published, article.published_from, problems) == (
        date(2020, 1, 2), "filename", [])


@pytest.mark.parametrize("header, expected", [
    ("Title\n\nBy Zachary Stieber\nJanuary 2, 2020US News\n", date(2020, 1, 2)),
    ("Jan. 2, 2020\n", date(2020, 1, 2)),
    ("Sept. 14, 2019 at 5:00 a.m. EDT\n", date(2019, 9, 14)),
    ("2 January 2020\n", date(2020, 1, 2)),
    ("Posted 2020-01-02 10:00\n", date(2020, 1, 2)),
    ("Published: Thursday, 2nd January 2020\n", date(2020, 1, 2)),
    ("Updated 10:31 AM EST, Thu January 2, 2020\n", date(2020, 1, 2)),
    ("Updated: January 5, 2020\nPublished: January 2, 2020\n", date(2020, 1, 2)),
    ("BAGHDAD, Jan. 2, 2020 (Reuters) - Rockets hit the Green Zone on Thursday, a long "
     "sentence that goes on and on about what the police said and did at the scene.\n",
     date(2020, 1, 2)),
    # an event date inside prose is not a dateline
    ("Officials said the strike on Dec. 30, 2019 killed 25 fighters of the militia and "
     "wounded 55 more, according to the group, which vowed to retaliate soon.\n", None),
    ("February 30, 2020\n", None),
    ("No dates here at all.\n", None),
])
def test_date_from_dateline(header, expected):
    assert date_from_dateline(header + BODY) == expected


def test_dateline_only_in_the_first_lines(tmp_path):
    text = "Title\n" + "A line of prose.\n" * 20 + "January 2, 2020\n"
    assert date_from_dateline(text) is None


def test_no_date_anywhere_warns_once(tmp_path):
    write(tmp_path, "story.txt", "Drone shot down near the Strait of Hormuz last week.\n")
    [article], problems = read(tmp_path)
    assert article.published is None and article.published_from is None
    assert problems == [CorpusProblem("story.txt", "warning",
                                      "no publication date: relative dates left unresolved")]


# ------------------------------------------------------------------ decoding and text

def test_utf8_bom_is_stripped(tmp_path):
    (tmp_path / "2020-01-02_a.txt").write_bytes(b"\xef\xbb\xbf" + "Caf\u00e9\n".encode())
    [article], problems = read(tmp_path)
    assert (article.text, article.encoding, problems) == ("Café\n", "utf-8-sig", [])


def test_cp1252_fallback_with_warning(tmp_path):
    raw = "2020-01-02\nThe \u201cstrike\u201d in Qa\u2019im \u2014 caf\u00e9.\n".encode("cp1252")
    (tmp_path / "a.txt").write_bytes(raw)
    [article], problems = read(tmp_path)
    assert article.text == "2020-01-02\nThe \u201cstrike\u201d in Qa\u2019im \u2014 caf\u00e9.\n"
    assert article.encoding == "cp1252"
    assert article.digest == hashlib.sha256(raw).hexdigest()
    assert problems == [CorpusProblem("a.txt", "warning", "not UTF-8 text: read as Windows-1252")]


def test_invalid_utf8_is_read_as_cp1252(tmp_path):
    (tmp_path / "2020-01-02_a.txt").write_bytes(b"Truncated \xe2\x80 sequence and \xff.\n")
    [article], problems = read(tmp_path)
    assert article.encoding == "cp1252" and "Truncated" in article.text
    assert [p.severity for p in problems] == ["warning"]


def test_newlines_normalised_and_nfc(tmp_path):
    decomposed = "Qa\u0308im"  # a + combining diaeresis
    (tmp_path / "2020-01-02_a.txt").write_bytes(f"one\r\ntwo\rthree {decomposed}\n".encode())
    [article], _ = read(tmp_path)
    assert article.text == "one\ntwo\nthree Q\u00e4im\n"


# ------------------------------------------------------------------ bad files are skipped

def only_error(problems: list[CorpusProblem], file: str) -> str:
    [problem] = [p for p in problems if p.file == file]
    assert problem.severity == "error"
    return problem.message


def test_empty_and_whitespace_only_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \r\n\t\n")
    articles, problems = read(tmp_path)
    assert articles == []
    assert only_error(problems, "empty.txt") == "empty file"
    assert only_error(problems, "blank.txt") == "empty file"


def test_binary_files_are_errors(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"Some text\x00with a NUL byte\n")
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 32)) * 20)
    (tmp_path / "utf16.txt").write_bytes("Hello".encode("utf-16"))
    articles, problems = read(tmp_path)
    assert articles == []
    assert "NUL" in only_error(problems, "nul.txt")
    assert "non-text" in only_error(problems, "noise.txt")
    assert "UTF-16" in only_error(problems, "utf16.txt")


def test_huge_file_is_an_error(tmp_path):
    write(tmp_path, "big.txt", "x" * 2000)
    articles, problems = read(tmp_path, max_bytes=1000)
    assert articles == []
    assert only_error(problems, "big.txt") == "too large: 2,000 bytes (limit 1,000)"


def test_directory_named_txt_and_broken_symlink_are_errors(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, problems = read(tmp_path)
    assert articles == []
    assert only_error(problems, "folder.txt") == "is a directory, not an article"
    assert only_error(problems, "dangling.txt") == "broken symbolic link"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_an_error(tmp_path):
    path = write(tmp_path, "secret.txt")
    path.chmod(0)
    try:
        articles, problems = read(tmp_path)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert only_error(problems, "secret.txt") == "cannot read: permission denied"


def test_unreadable_file_is_an_error_even_as_root(tmp_path, monkeypatch):
    write(tmp_path, "secret.txt")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    articles, problems = read(tmp_path)
    assert articles == []
    assert only_error(problems, "secret.txt") == "cannot read: permission denied"


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, "2020-01-01_a.txt")
    (tmp_path / "2020-01-02_b.txt").write_bytes(b"\x00\x01\x02")
    write(tmp_path, "2020-01-03_c.md")
    articles, problems = read(tmp_path)
    assert [a.file for a in articles] == ["2020-01-01_a.txt", "2020-01-03_c.md"]
    assert [(p.file, p.severity) for p in problems] == [("2020-01-02_b.txt", "error")]


def test_only_txt_and_md_are_articles_not_recursive(tmp_path):
    for name in ("2020-01-02_b.txt", "2020-01-02_a.md", "README.md", "readme.txt", "notes.csv",
                 "corrections.json", ".hidden.txt", "image.png"):
        write(tmp_path, name)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "2020-01-02_c.txt")
    articles, problems = read(tmp_path)
    assert [a.file for a in articles] == ["2020-01-02_a.md", "2020-01-02_b.txt"]
    assert problems == []


def test_reading_is_lazy_and_deterministic(tmp_path):
    for i in range(3):
        write(tmp_path, f"2020-01-0{i + 1}_{i}.txt")
    stream = iter_articles(tmp_path, report=lambda p: None)
    assert next(stream).file == "2020-01-01_0.txt"
    assert list(iter_articles(tmp_path)) == list(iter_articles(tmp_path))


# ------------------------------------------------------------------ the folder itself

def test_missing_folder_raises_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        iter_articles(tmp_path / "nope")


def test_file_instead_of_folder_raises_corpus_error(tmp_path):
    path = write(tmp_path, "a.txt")
    with pytest.raises(CorpusError, match="not a folder"):
        iter_articles(path)


def test_default_report_logs(tmp_path, caplog):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert list(iter_articles(tmp_path)) == []
    assert "empty.txt: error: empty file" in caplog.text
