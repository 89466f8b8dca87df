"""An index's structure against hand-written gold (tests/data/structure/README.md has the format).

For every passage the gold says which meeting and agenda item its text belongs to: the
document's own, or, for a document spanning several items (minutes, an agenda, a pack), the
part whose start comes last before the passage's first line. Reported per gold file: the
meetings found against gold (and any extra: a letterhead council, an undated meeting), the
share of passages under their gold meeting and item, documents placed right, printed minutes
split by item, and papers that should not be in a meeting at all.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from indexer.errors import QuireError
from indexer.models import Line
from indexer.read.doccache import DocumentCache
from indexer.read.inputs import read_document
from indexer.store.database import Store
from indexer.store.manifest import read_manifest

SINGLE_ITEM_KINDS = {"report", "appendix", "questions", "statements", "motion", "other", "work-programme"}
NOT_INDEXED_KINDS = {"duplicate", "not-a-paper", "meeting-page"}
MINUTES_SPLIT_SHARE = 0.9  # a minutes document is "split by item" when this share of its passages is right


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class GoldPart:
    item: int | None
    page: int | None = None
    line: int | None = None
    starts: str = ""
    kind: str = ""
    meeting: str = ""


@dataclass
class GoldDocument:
    file: str
    kind: str
    meeting: str = ""
    item: int | None = None
    parts: list[GoldPart] = field(default_factory=list)


@dataclass
class GoldMeeting:
    id: str
    committees: list[str]
    date: str
    items: dict[int, str]
    time: str = ""  # "14:00": needed only where the committee met twice that day


@dataclass
class GoldCorpus:
    name: str  # the gold file(s) it came from
    council: str
    corpus: Path
    meetings: dict[str, GoldMeeting] = field(default_factory=dict)
    documents: dict[str, GoldDocument] = field(default_factory=dict)


def _repo_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").exists():
            return folder
    return Path.cwd()


def load_gold(paths: list[Path]) -> list[GoldCorpus]:
    """Gold files → one GoldCorpus per corpus folder (files describing one corpus are merged)."""
    corpora: dict[Path, GoldCorpus] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            folder = Path(data["corpus"])
            if not folder.is_absolute():
                folder = (_repo_root(path.resolve().parent) / folder).resolve()
            corpus = corpora.setdefault(folder, GoldCorpus("", data.get("council", ""), folder))
            corpus.name = ", ".join(filter(None, [corpus.name, path.name]))
            for m in data.get("meetings", []):
                names = m["committee"] if isinstance(m["committee"], list) else [m["committee"]]
                corpus.meetings[m["id"]] = GoldMeeting(m["id"], names, m["date"], {int(n): t for n, t in m.get("items", [])},
                                                       m.get("time", ""))
            for d in data.get("documents", []):
                parts = [GoldPart(p.get("item"), p.get("page"), p.get("line"), p.get("starts", ""), p.get("kind", ""),
                                  p.get("meeting", "")) for p in d.get("parts", [])]
                corpus.documents[d["file"]] = GoldDocument(d["file"], d["kind"], d.get("meeting", ""), d.get("item"), parts)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise QuireError(f"{path}: not a structure gold file ({type(exc).__name__}: {exc})") from exc
    return list(corpora.values())


@dataclass
class Placed:
    """Where the index put one passage, and where gold says it belongs."""
    source: str
    committee: str
    date: str | None
    item: int
    gold_meeting: str
    gold_item: int | None
    gold_kind: str
    right: bool


@dataclass
class StructureReport:
    name: str
    council: str
    gold_meetings: int = 0
    found_meetings: list[str] = field(default_factory=list)  # "Committee YYYY-MM-DD" in the index
    matched_meetings: int = 0
    extra_meetings: list[str] = field(default_factory=list)
    missing_meetings: list[str] = field(default_factory=list)
    passages: int = 0
    passages_right: int = 0
    documents: int = 0
    documents_right: int = 0
    minutes: int = 0
    minutes_split: int = 0
    not_papers_indexed: list[str] = field(default_factory=list)
    unresolved_parts: list[str] = field(default_factory=list)
    wrong_documents: list[str] = field(default_factory=list)
    not_in_gold: list[str] = field(default_factory=list)  # indexed files the gold does not describe
    misplaced: list[str] = field(default_factory=list)  # "N passages of FILE: index item X, gold item Y"

    @property
    def passage_share(self) -> float:
        return self.passages_right / self.passages if self.passages else 0.0

    def as_dict(self) -> dict:
        return {**self.__dict__, "passage_share": round(self.passage_share, 4)}


def _part_starts(parts: list[GoldPart], lines: list[Line], where: str, unresolved: list[str]) -> list[int]:
    """The index into `lines` where each part begins (the format's rule: the first line on or
    after its page or line, after the previous part's start, whose text begins with `starts`)."""
    starts: list[int] = []
    after = 0
    for part in parts:
        want = norm(part.starts)
        found = None
        for i in range(after, len(lines)):
            ln = lines[i]
            if part.page is not None and (ln.page or 0) < part.page:
                continue
            if part.line is not None and ln.number < part.line:
                continue
            joined = norm(ln.text + (" " + lines[i + 1].text if i + 1 < len(lines) else ""))
            if not want or joined.startswith(want):
                found = i
                break
        if found is None:
            unresolved.append(f"{where}: part of item {part.item} ({part.starts or part.page or part.line}) not found")
            found = after
        starts.append(found)
        after = found + 1 if found + 1 <= len(lines) else found
    return starts


def _first_line(text: str, lines: list[Line], page: int | None, line: int | None) -> int:
    """The index of the line a passage begins on: the first line at its page (text files: its
    line) whose text holds the passage's opening words."""
    opening = norm(text.strip().split("\n", 1)[0])[:40]
    for i, ln in enumerate(lines):
        if page is not None and (ln.page or 0) < page:
            continue
        if line is not None and ln.number < line:
            continue
        if opening and opening in norm(ln.text):
            return i
        if page is not None and (ln.page or 0) > page + 1:
            break
    for i, ln in enumerate(lines):  # fall back to the passage's page or line itself
        if (page is not None and (ln.page or 0) >= page) or (line is not None and ln.number >= line):
            return i
    return 0


def _committee_matches(committee: str, names: list[str]) -> bool:
    return norm(committee) in {norm(n) for n in names}


def _gold_meeting_for(committee: str, date: str | None, gold: GoldCorpus, time: str = "") -> str | None:
    """The gold meeting of that committee and date; of two that day, the one at that time."""
    same_day = [m for m in gold.meetings.values() if m.date == date and _committee_matches(committee, m.committees)]
    if len(same_day) > 1:
        same_day = [m for m in same_day if m.time == time]
    return same_day[0].id if same_day else None


def evaluate_structure(index: Path, gold_sets: list[GoldCorpus]) -> list[StructureReport]:
    manifest = read_manifest(index)
    if manifest is None:
        raise QuireError(f"{index}: no index here (run `quire index` first)")
    where = {i["source"]: Path(i["root"]).resolve() / i["source"] for i in manifest.get("inputs", [])}
    cache = DocumentCache(index.with_name(index.name + ".cache") / "documents")
    store = Store(index)
    by_source: dict[str, list[dict]] = defaultdict(list)
    for row in store.query("SELECT text, citation FROM passages ORDER BY vec_id"):
        citation = json.loads(row["citation"])
        by_source[citation["source"]].append({"text": row["text"], **citation})
    reports = []
    for gold in gold_sets:
        report = StructureReport(gold.name, gold.council, gold_meetings=len(gold.meetings))
        placed: list[Placed] = []
        found: set[tuple[str, str | None]] = set()
        for source, passages in by_source.items():
            path = where.get(source)
            if path is None or not path.is_relative_to(gold.corpus):
                continue
            rel = path.relative_to(gold.corpus).as_posix()
            doc = gold.documents.get(rel)
            if doc is None:
                report.not_in_gold.append(rel)
                continue
            found |= {(p["committee"], p["meeting_date"], p.get("meeting_time", "")) for p in passages}
            if doc.kind in NOT_INDEXED_KINDS and not (doc.kind == "meeting-page" and doc.parts):
                # a meeting page with parts is read as the meeting's agenda; without, a listing only
                report.not_papers_indexed.append(f"{rel} ({doc.kind}): {len(passages)} passages")
                placed += [Placed(rel, p["committee"], p["meeting_date"], p["item_number"], "", None, doc.kind, False)
                           for p in passages]
                continue
            lines = read_document(path, source, cache).lines if doc.parts else []
            starts = _part_starts(doc.parts, lines, rel, report.unresolved_parts) if doc.parts else []
            for p in passages:
                part = None
                if doc.parts:
                    at = _first_line(p["text"], lines, p["page_start"], p["line_start"])
                    part = next((doc.parts[i] for i in range(len(starts) - 1, -1, -1) if starts[i] <= at), doc.parts[0])
                gold_meeting = (part.meeting if part and part.meeting else "") or doc.meeting
                gold_item = part.item if part else doc.item
                gold_kind = (part.kind if part and part.kind else "") or doc.kind
                meeting = gold.meetings.get(gold_meeting)
                right = bool(meeting) and _gold_meeting_for(p["committee"], p["meeting_date"], gold,
                                                            p.get("meeting_time", "")) == gold_meeting \
                    and (p["item_number"] == (gold_item or 0))
                placed.append(Placed(rel, p["committee"], p["meeting_date"], p["item_number"], gold_meeting,
                                     gold_item, gold_kind, right))
        def label(c: str, d: str | None, t: str) -> str:
            return f"{c or '(no committee)'} {d or 'undated'}{' ' + t if t else ''}"
        report.found_meetings = sorted(label(*f) for f in found)
        matched = {_gold_meeting_for(c, d, gold, t) for c, d, t in found}
        report.matched_meetings = len(matched - {None})
        report.extra_meetings = sorted(label(c, d, t) for c, d, t in found if _gold_meeting_for(c, d, gold, t) is None)
        report.missing_meetings = sorted(set(gold.meetings) - matched)
        report.passages = len(placed)
        report.passages_right = sum(p.right for p in placed)
        _documents(report, placed, gold)
        report.misplaced = _misplaced(placed)
        reports.append(report)
    return reports


def _documents(report: StructureReport, placed: list[Placed], gold: GoldCorpus) -> None:
    by_doc: dict[str, list[Placed]] = defaultdict(list)
    for p in placed:
        by_doc[p.source].append(p)
    for rel, passages in sorted(by_doc.items()):
        doc = gold.documents[rel]
        share = sum(p.right for p in passages) / len(passages)
        if doc.kind in SINGLE_ITEM_KINDS and not doc.parts:
            report.documents += 1
            if share > 0.5:
                report.documents_right += 1
            else:
                got = Counter((p.committee, p.date, p.item) for p in passages).most_common(1)[0][0]
                report.wrong_documents.append(f"{rel}: gold {doc.meeting} item {doc.item}, index {got[0]} {got[1]} item {got[2]}")
        minutes = [p for p in passages if p.gold_kind == "minutes"]
        if doc.kind == "minutes" and minutes:
            report.minutes += 1
            if sum(p.right for p in minutes) / len(minutes) >= MINUTES_SPLIT_SHARE:
                report.minutes_split += 1
            else:
                report.wrong_documents.append(f"{rel}: minutes {sum(p.right for p in minutes)}/{len(minutes)} passages under the gold item")


def _misplaced(placed: list[Placed]) -> list[str]:
    """Wrong passages grouped by file and by where they went, largest group first: what a
    reader's rule would have to fix."""
    groups = Counter((p.source, p.date, p.item, p.gold_meeting, p.gold_item) for p in placed if not p.right)
    return [f"{n} passages of {src}: index {d or 'undated'} item {item}, gold {gm or '-'} item {gi}"
            for (src, d, item, gm, gi), n in groups.most_common()]


def format_structure(reports: list[StructureReport], details: bool = False) -> str:
    rows = ["| gold | meetings (gold / matched / extra) | passages under the gold item | documents placed | minutes split by item |",
            "|---|---|---|---|---|"]
    for r in reports:
        rows.append(f"| {r.name} | {r.gold_meetings} / {r.matched_meetings} / {len(r.extra_meetings)} | "
                    f"{r.passage_share:.3f} ({r.passages_right}/{r.passages}) | {r.documents_right}/{r.documents} | "
                    f"{r.minutes_split}/{r.minutes} |")
    out = "\n".join(rows)
    for r in reports:
        notes = [f"extra meeting: {m}" for m in r.extra_meetings] + [f"missing meeting: {m}" for m in r.missing_meetings] \
            + [f"indexed but not a paper: {m}" for m in r.not_papers_indexed]
        if r.not_in_gold:
            notes.append(f"{len(r.not_in_gold)} indexed files under this corpus are not described by the gold (not scored)")
        if details:
            notes += r.wrong_documents + r.unresolved_parts + [f"not in gold: {f}" for f in r.not_in_gold] + r.misplaced
        if notes:
            out += f"\n\n{r.name}:\n" + "\n".join(f"  {n}" for n in notes)
    return out
