"""Search results as CSV (for spreadsheets) and as an Atom feed (RFC 4287) to follow a topic."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from api.formatting import citation_line
from api.search.engine import Hit

CSV_FIELDS = ["rank", "score", "passage_id", "council", "committee", "meeting_date", "item_number", "item_title",
              "document_kind", "document_title", "source", "line_start", "line_end", "page_start", "page_end",
              "url", "permalink", "text"]
BOM = "\ufeff"  # Excel reads the file as UTF-8 (£, dashes) only with it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet would run as a formula ("- Q3", "=SUM(...)") starts with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(hits: list[Hit], base_url: str) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for h in hits:
        c = h.citation.to_dict()
        row = {**{k: c.get(k) for k in CSV_FIELDS if k in c}, "rank": h.rank, "score": round(h.score, 6),
               "passage_id": h.passage_id, "permalink": base_url + h.permalink, "text": h.text}
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()


def to_atom(query: str, hits: list[Hit], base_url: str, self_url: str, indexed_at: str = "") -> str:
    """Entries ordered by meeting date, newest first. Each entry's <updated> is when its paper
    entered the index (`indexed_at`, the build time), its <published> the meeting's date."""
    ordered = sorted(hits, key=lambda h: h.citation.meeting_date or "", reverse=True)
    stamp = indexed_at or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entries = []
    for h in ordered:
        link = base_url + h.permalink
        published = f"<published>{h.citation.meeting_date}T00:00:00Z</published>" if h.citation.meeting_date else ""
        entries.append(
            f"<entry><title>{escape(citation_line(h.citation))}</title><id>{escape(link)}</id>"
            f"<link href={quoteattr(link)}/><updated>{stamp}</updated>{published}"
            f"<summary>{escape(' '.join(h.text.split())[:600])}</summary></entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape('Quire: ' + query)}</title><id>{escape(self_url)}</id>"
            f"<link rel=\"self\" href={quoteattr(self_url)}/><updated>{stamp}</updated>"
            f"<author><name>Quire</name><uri>{escape(base_url + '/')}</uri></author>"
            + "".join(entries) + "</feed>\n")
