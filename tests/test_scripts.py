"""The measurement scripts still run (with the hashing embedder on the seed corpus)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import EVAL, ROOT, SEEDS, need

sys.path.insert(0, str(ROOT / "scripts"))


def test_baselines_prints_a_row_per_pipeline(seed_index_fake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import baselines
    baselines.main([str(need(SEEDS)), "--gold", str(need(EVAL / "seeds-dev.tsv")), "--index", str(seed_index_fake)])
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| pipeline | nDCG@10 | Recall@5 | MRR@10 |")
    assert [row.split("|")[1].strip()[:3] for row in table[2:]] == ["(a)", "(b)", "(c)", "(d)"]
