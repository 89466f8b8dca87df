"""Manifests under other column names, matched by path, name or sha256; files that are not
papers reported and kept out."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from indexer.read.inputs import read_inputs
from indexer.read.metadata import load_manifests


def _paper(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_register_kept_elsewhere_is_matched_by_name_and_sha256_and_says_which_columns_it_used(tmp_path: Path) -> None:
    by_name = _paper(tmp_path / "joint" / "2026-06-05" / "src-0025_questions.md", "Questions")
    renamed = _paper(tmp_path / "joint" / "2026-06-05" / "renamed.md", "Statements")
    (tmp_path / "_metadata").mkdir()
    (tmp_path / "_metadata" / "register.csv").write_text(
        "source_id,title,url,local_path,sha256,priority\n"
        f"S1,Public questions,https://x.gov.uk/documents/s1/Q.pdf,evidence/raw/src-0025_questions.md,{by_name},1\n"
        f"S2,Statements,https://x.gov.uk/documents/s2/S.pdf,evidence/raw/src-0026_statements.md,{renamed},1\n"
        "S3,Not downloaded,https://x.gov.uk/3.pdf,evidence/raw/src-0027.pdf,,2\n", encoding="utf-8")
    found = load_manifests([tmp_path])
    urls = {p.name: i.url for p, i in found.by_path.items()}
    assert urls == {"src-0025_questions.md": "https://x.gov.uk/documents/s1/Q.pdf", "renamed.md": "https://x.gov.uk/documents/s2/S.pdf"}
    assert {i.title for i in found.by_path.values()} == {"Public questions", "Statements"}
    assert found.notes == ["_metadata/register.csv: columns used local_path→path, url, title, sha256; ignored source_id, priority"]
    assert found.missing == ["evidence/raw/src-0027.pdf is listed in a manifest but missing"]


def test_a_manifest_with_no_file_column_is_reported_in_one_line_and_nothing_is_lost(tmp_path: Path) -> None:
    _paper(tmp_path / "cabinet" / "2025-01-30" / "a.md", "Agenda")
    (tmp_path / "cabinet" / "2025-01-30" / "manifest.csv").write_text("colour,shape\nred,round\n", encoding="utf-8")
    found = load_manifests([tmp_path])
    assert found.by_path == {} and len(found.problems) == 1 and "no column names a file" in found.problems[0]


def test_kent_style_manifest_rows_keep_their_meaning(tmp_path: Path) -> None:
    _paper(tmp_path / "cabinet" / "2025-01-30" / "originals" / "Report.md", "Report")
    (tmp_path / "cabinet" / "2025-01-30" / "metadata.json").write_text(
        '[{"filename": "Report.md", "committee": "cabinet", "meeting_date": "2025-01-30", "document_category": "report", '
        '"url": "https://democracy.kent.gov.uk/r.pdf", "hash": "x"}]', encoding="utf-8")
    (info,) = load_manifests([tmp_path]).by_path.values()
    assert (info.committee_key, info.meeting_date, info.category, info.url) == (
        "cabinet", date(2025, 1, 30), "report", "https://democracy.kent.gov.uk/r.pdf")


def test_readmes_licences_and_registers_are_reported_not_indexed(tmp_path: Path) -> None:
    _paper(tmp_path / "council" / "2024-01-22" / "Agenda.md", "AGENDA\n1. Minutes")
    _paper(tmp_path / "council" / "2024-01-22" / "README.md", "# Meeting of 22 January\n- Agenda.pdf")
    _paper(tmp_path / "LICENSE.txt", "MIT")
    _paper(tmp_path / "_metadata" / "register.csv", "path\nx\n")
    result = read_inputs([tmp_path])
    assert [d.source for d in result.documents] == ["council/2024-01-22/Agenda.md"]
    assert sorted(result.not_papers) == ["LICENSE.txt", "_metadata/register.csv", "council/2024-01-22/README.md"]
