"""Extracted commitments against hand-written gold (tests/data/commitments/README.md).

A gold row is found when an extracted commitment at the same meeting and item contains its
phrase (whitespace, case and Markdown emphasis ignored). Precision is the share of extracted
commitments that find a gold row; recall the share of gold rows found. Fulfilment agreement is
over the found rows: the extracted `fulfilled_by` names the same later meeting and item as
the gold (both empty counts as agreeing). Meetings are matched through the structure gold
(tests/data/structure/*.json): gold meeting id → committee, date and, where a committee met
twice that day, time.

Each gold set is split in two by meeting (tests/data/commitments/split.tsv: a seeded shuffle of
the structure gold's meeting ids, random.Random(16), the first half `dev`, the rest `test`).
Rules are tuned on the dev halves only; `half="dev"` or `"test"` scores one half: its meetings'
gold rows and the commitments extracted at its meetings (those at a meeting the gold does not
know, "?", fall in neither half and count only in the whole set).
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.errors import QuireError
from indexer.store.database import Store
from indexer.store.manifest import read_manifest

from api.evaluation.structure import GoldCorpus, _gold_meeting_for, load_gold


def norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).lower().split())


# A gold phrase is a window of one line of the text dump (README: "never spans a line break"),
# so it may end one sentence and begin the next: "reach up to €4,000. It was agreed that this
# would be brought to the next Joint Policing". A commitment recorded as its sentence cannot hold
# both parts; unless `strict`, such a row is found by a commitment holding any sentence part of
# 6 words or more ("It was agreed that this would be brought to the next Joint Policing"; not
# "reach up to €4,000."). A part is never split after a title ("Ms. Mary Hayes").
_PART_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"])")
_TITLES = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Cllr|St|No)\.$")


def phrase_parts(phrase: str) -> list[str]:
    """What a sentence must hold to find a gold phrase: the phrase, or any of its sentence parts
    of 6 words or more."""
    parts: list[str] = []
    for piece in _PART_BREAK.split(phrase.strip()):
        if parts and _TITLES.search(parts[-1]):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [phrase] + ([p for p in parts if len(p.split()) >= 6] if len(parts) > 1 else [])


@dataclass
class GoldRow:
    meeting: str
    item: int | None
    kind: str
    phrase: str
    fulfilled_by: str
    owner: str = ""
    due: str = ""


@dataclass
class Extracted:
    commitment_id: str
    where: str  # "MEETING#ITEM" in gold ids, or "?" where the meeting is not in the gold
    sentence: str
    kind: str
    who: str
    fulfilled_by: str  # "MEETING#ITEM" or ""


@dataclass
class CommitmentReport:
    name: str
    gold: int
    extracted: int
    found: list[tuple[GoldRow, Extracted]] = field(default_factory=list)
    missed: list[GoldRow] = field(default_factory=list)
    extra: list[Extracted] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return (self.extracted - len(self.extra)) / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return len({id(g) for g, _ in self.found}) / self.gold if self.gold else 0.0

    @property
    def fulfilment(self) -> tuple[int, int]:
        """(found rows whose link agrees, found rows)."""
        rows = {id(g): (g, e) for g, e in self.found}.values()
        return sum(1 for g, e in rows if g.fulfilled_by == e.fulfilled_by), len(rows)

    @property
    def owners(self) -> tuple[int, int]:
        """(found rows whose owner agrees, found rows the gold names an owner for): agreeing when
        one name holds the other, or they share a surname or role word ("Ms Gleave" / "Alice Gleave, …")."""
        rows = [(g, e) for g, e in {id(g): (g, e) for g, e in self.found}.values() if g.owner]
        return sum(1 for g, e in rows if owner_agrees(g.owner, e.who)), len(rows)

    def as_dict(self) -> dict:
        agree, of = self.fulfilment
        owned, owners = self.owners
        return {"gold": self.name, "gold_rows": self.gold, "extracted": self.extracted,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "fulfilment_agreement": [agree, of], "owner_agreement": [owned, owners],
                "missed": [f"{g.meeting}#{g.item} [{g.kind}] {g.phrase}" for g in self.missed],
                "extra": [f"{e.where} [{e.kind}] {e.sentence}" for e in self.extra]}


_TITLE = frozenset("mr mrs ms miss dr cllr councillor the of for and kent county council".split())


def owner_agrees(gold: str, found: str) -> bool:
    g, f = norm(gold), norm(found)
    if not f:
        return False
    if f in g or g in f:
        return True
    words = lambda t: {w for w in re.findall(r"[a-z’'-]+", t)} - _TITLE  # noqa: E731
    return bool(words(g) & words(f))


def load_rows(path: Path) -> list[GoldRow]:
    with path.open(encoding="utf-8") as f:
        return [GoldRow(r["meeting"], int(r["item"]) if (r.get("item") or "").strip() else None, r["kind"],
                        r["phrase"], (r.get("fulfilled_by") or "").strip(), r.get("owner", ""), r.get("due", ""))
                for r in csv.DictReader(f, delimiter="\t")]


def _corpus_for(rows: list[GoldRow], corpora: list[GoldCorpus]) -> GoldCorpus:
    wanted = {r.meeting for r in rows}
    best = max(corpora, key=lambda c: len(wanted & set(c.meetings)), default=None)
    if best is None or not wanted & set(best.meetings):
        raise QuireError("no structure gold names these commitments' meetings")
    return best


def extracted(index: Path, corpus: GoldCorpus) -> list[Extracted]:
    store = Store(index)
    places: dict[str, str] = {}
    for r in store.query("SELECT i.item_id, i.item_number, m.committee, m.meeting_date, "
                         "(SELECT json_extract(p.citation, '$.meeting_time') FROM passages p WHERE p.item_id = i.item_id "
                         " LIMIT 1) AS meeting_time FROM items i JOIN meetings m ON m.meeting_id = i.meeting_id"):
        meeting = _gold_meeting_for(r["committee"] or "", r["meeting_date"], corpus, r["meeting_time"] or "")
        places[r["item_id"]] = f"{meeting}#{r['item_number']}" if meeting else "?"
    out = []
    for c in store.query("SELECT * FROM commitments"):
        out.append(Extracted(c["commitment_id"], places.get(c["item_id"], "?"), c["sentence"], c["kind"], c["who"] or "",
                             places.get(c["fulfilled_by"], "?") if c["fulfilled_by"] else ""))
    return out


def load_split(path: Path, gold_name: str) -> dict[str, str]:
    """meeting id → "dev" or "test" for one gold file (split.tsv next to the gold)."""
    if not path.exists():
        raise QuireError(f"{path}: no dev/test split here")
    with path.open(encoding="utf-8") as f:
        return {r["meeting"]: r["half"] for r in csv.DictReader(f, delimiter="\t") if r["gold"] == gold_name}


def evaluate(index: Path, gold_path: Path, structure: list[Path], half: str | None = None,
             strict: bool = False) -> CommitmentReport:
    if read_manifest(index) is None:
        raise QuireError(f"{index}: no index here (run `quire index` first)")
    rows = load_rows(gold_path)
    corpus = _corpus_for(rows, load_gold(structure))
    found_commitments = extracted(index, corpus)
    name = gold_path.name
    if half:
        split = load_split(gold_path.parent / "split.tsv", gold_path.name)
        rows = [g for g in rows if split.get(g.meeting) == half]
        found_commitments = [e for e in found_commitments if split.get(e.where.split("#")[0]) == half]
        name = f"{gold_path.stem}-{half}"
    report = CommitmentReport(name, len(rows), len(found_commitments))
    matched: set[str] = set()
    for g in rows:
        where = f"{g.meeting}#{g.item}"
        parts = [norm(p) for p in ([g.phrase] if strict else phrase_parts(g.phrase))]
        hits = [e for e in found_commitments if e.where == where and any(p in norm(e.sentence) for p in parts)]
        report.found += [(g, e) for e in hits[:1]]
        matched |= {e.commitment_id for e in hits}
        if not hits:
            report.missed.append(g)
    report.extra = [e for e in found_commitments if e.commitment_id not in matched]
    return report


def format_report(reports: list[CommitmentReport], details: bool = False) -> str:
    lines = [f"{'gold':<16}{'rows':>6}{'extracted':>11}{'precision':>11}{'recall':>8}{'fulfilment':>12}{'owner':>8}"]
    for r in reports:
        agree, of = r.fulfilment
        owned, owners = r.owners
        lines.append(f"{r.name:<16}{r.gold:>6}{r.extracted:>11}{r.precision:>11.3f}{r.recall:>8.3f}{f'{agree}/{of}':>12}"
                     f"{f'{owned}/{owners}':>8}")
    if details:
        for r in reports:
            lines += [f"\n{r.name}: missed {len(r.missed)}"] + [f"  - {g.meeting}#{g.item} [{g.kind}] {g.phrase}"
                                                                  for g in r.missed]
            lines += [f"{r.name}: extracted, not in gold {len(r.extra)}"] + [f"  + {e.where} [{e.kind}] {e.sentence}"
                                                                             for e in r.extra]
            lines += [f"{r.name}: fulfilment disagrees"] + [
                f"  ~ {g.meeting}#{g.item} gold {g.fulfilled_by or '-'} vs {e.fulfilled_by or '-'}: {g.phrase}"
                for g, e in r.found if g.fulfilled_by != e.fulfilled_by]
            lines += [f"{r.name}: owner disagrees"] + [
                f"  ? {g.meeting}#{g.item} gold {g.owner} vs {e.who or '-'}: {g.phrase}"
                for g, e in r.found if g.owner and not owner_agrees(g.owner, e.who)]
    return "\n".join(lines)


def to_json(reports: list[CommitmentReport]) -> str:
    return json.dumps([r.as_dict() for r in reports], indent=2)
