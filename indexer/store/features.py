"""What a search needs to know of every passage without reading its text: computed once at index
time and memory-mapped at load, so a server starts in a second at any size and several worker
processes share the same pages.

Files in `features/` of the index folder, one row per passage (vec_id order):
- `committee.npy`, `kind.npy`, `item.npy` (int32 codes into the lists in `features.json`),
- `date.npy` (int32: the meeting date as days since 1970-01-01, UNDATED when none),
- `exempt.npy`, `resolution.npy` (bool: the passage records a decision, "RESOLVED …"),
- `words.npy` (int32: words with a letter in them),
- `same_text.npy`, `near_copy.npy` (int32: the first passage with the same words under the
  same item, and the first passage it nearly copies; itself when none; copies.py),
- `question.npy` (int32: in a paper of questions and answers, which of its item's questions the
  passage asks or answers, from 1; 0 elsewhere. An index built before it reads as all 0),
- `document.npy` (int32: which of its item's documents the passage comes from, from 1, in build
  order: the report, then each appendix. An index built before it reads as all 0).
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from indexer.passages.chunking import ANSWERING
from indexer.passages.copies import near_copy_groups, same_text_groups
from indexer.structure.patterns import QUESTION_START, RESOLUTION

FOLDER = "features"
UNDATED = np.iinfo(np.int32).min
_ARRAYS = ("committee", "kind", "item", "date", "exempt", "resolution", "words", "same_text", "near_copy", "question", "document")
_EPOCH = date(1970, 1, 1).toordinal()


def is_resolution(text: str) -> bool:
    """A passage that records a decision: a line opening "RESOLVED" (the chunker starts a new
    passage there, so it is usually the first)."""
    return any(RESOLUTION.match(line) for line in text.splitlines())


def word_count(text: str) -> int:
    """Words with a letter in them: a row of figures or a page number says nothing alone."""
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def day_number(iso: str | None) -> int:
    """'2025-02-13' → days since 1970-01-01; UNDATED for none (or a malformed date)."""
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return int(UNDATED)
    return date.fromisoformat(iso).toordinal() - _EPOCH


def question_numbers(texts: Sequence[str], items: Sequence[str], contexts: Sequence[str]) -> list[int]:
    """Per passage, in build order: which question of its item it asks (a passage opening
    "Question by …") or answers (its context reads "Answering: …", citations.py), from 1; 0
    for every other passage."""
    asked: dict[str, int] = {}
    out = []
    for text, item, context in zip(texts, items, contexts, strict=True):
        if QUESTION_START.match(text.lstrip()):
            asked[item] = asked.get(item, 0) + 1
            out.append(asked[item])
        else:
            out.append(asked.get(item, 0) if ANSWERING in context else 0)
    return out


def document_numbers(items: Sequence[str], documents: Sequence[str]) -> list[int]:
    """Per passage: which of its item's documents it comes from, from 1 in order of first
    appearance (a report is its item's 1, its appendices 2, 3, …)."""
    numbers: dict[str, dict[str, int]] = {}
    out = []
    for item, document in zip(items, documents, strict=True):
        of_item = numbers.setdefault(item, {})
        out.append(of_item.setdefault(document, len(of_item) + 1))
    return out


def codes(values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's code (int32, in order of first appearance) and the values by code."""
    names: dict[str, int] = {}
    return np.array([names.setdefault(v, len(names)) for v in values], dtype=np.int32), list(names)


@dataclass
class PassageFeatures:
    committee: np.ndarray
    kind: np.ndarray
    item: np.ndarray
    date: np.ndarray
    exempt: np.ndarray
    resolution: np.ndarray
    words: np.ndarray
    same_text: np.ndarray
    near_copy: np.ndarray
    question: np.ndarray
    document: np.ndarray
    committees: list[str]  # code → name ("" for none)
    kinds: list[str]
    item_ids: list[str]

    def __len__(self) -> int:
        return len(self.exempt)

    @classmethod
    def compute(cls, texts: Sequence[str], items: Sequence[str], committees: Sequence[str | None],
                dates: Sequence[str | None], kinds: Sequence[str], exempt: Sequence[int | bool],
                contexts: Sequence[str] | None = None, documents: Sequence[str] | None = None) -> "PassageFeatures":
        committee, committee_names = codes([c or "" for c in committees])
        kind, kind_names = codes(list(kinds))
        item, item_ids = codes(list(items))
        return cls(committee=committee, kind=kind, item=item,
                   date=np.array([day_number(d) for d in dates], dtype=np.int32),
                   exempt=np.array([bool(e) for e in exempt], dtype=bool),
                   resolution=np.array([is_resolution(t) for t in texts], dtype=bool),
                   words=np.array([word_count(t) for t in texts], dtype=np.int32),
                   same_text=np.array(same_text_groups(list(items), list(texts)), dtype=np.int32),
                   near_copy=np.array(near_copy_groups(list(texts)), dtype=np.int32),
                   question=np.array(question_numbers(texts, items, contexts or [""] * len(texts)), dtype=np.int32),
                   document=np.array(document_numbers(items, documents) if documents is not None else [0] * len(texts),
                                     dtype=np.int32),
                   committees=committee_names, kinds=kind_names, item_ids=item_ids)

    def then(self, new: "PassageFeatures") -> "PassageFeatures":
        """These passages followed by `new`'s (computed on their own): its codes renumbered
        into these lists, its copy links moved past these rows. A new passage's near copy of
        an older passage is not looked for (that needs every passage's text): a rebuild finds
        it."""
        n = len(self)
        merged: dict[str, np.ndarray] = {}
        lists: dict[str, list[str]] = {}
        for array, names in (("committee", "committees"), ("kind", "kinds"), ("item", "item_ids")):
            known = list(getattr(self, names))
            code = {name: i for i, name in enumerate(known)}
            moved = np.array([code.setdefault(name, len(code)) for name in getattr(new, names)], dtype=np.int32)
            lists[names] = list(code)
            merged[array] = np.concatenate([np.asarray(getattr(self, array)), moved[np.asarray(getattr(new, array))]
                                            if len(new) else np.zeros(0, np.int32)]).astype(np.int32)
        for array in ("date", "exempt", "resolution", "words", "question", "document"):
            merged[array] = np.concatenate([np.asarray(getattr(self, array)), np.asarray(getattr(new, array))])
        for array in ("same_text", "near_copy"):
            merged[array] = np.concatenate([np.asarray(getattr(self, array)), np.asarray(getattr(new, array)) + n]).astype(np.int32)
        return PassageFeatures(**merged, **lists)

    def save(self, folder: Path) -> None:
        out = folder / FOLDER
        out.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            np.save(out / f"{name}.npy", getattr(self, name))
        (out / "features.json").write_text(json.dumps(
            {"committees": self.committees, "kinds": self.kinds, "item_ids": self.item_ids}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "PassageFeatures | None":
        """The folder's features, memory-mapped; None for an index built before they were kept."""
        where = folder / FOLDER
        if not (where / "features.json").exists():
            return None
        names = json.loads((where / "features.json").read_text(encoding="utf-8"))
        arrays = {n: np.load(where / f"{n}.npy", mmap_mode="r") for n in _ARRAYS if (where / f"{n}.npy").exists()}
        for later in ("question", "document"):
            arrays.setdefault(later, np.zeros(len(arrays["exempt"]), dtype=np.int32))
        return cls(**arrays, committees=names["committees"], kinds=names["kinds"], item_ids=names["item_ids"])
