"""Search results as CSV, and as an Atom feed (newest meetings first) to follow a topic."""
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


def to_csv(hits: list[Hit], base_url: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for h in hits:
        c = h.citation.to_dict()
        writer.writerow({**{k: c.get(k) for k in CSV_FIELDS if k in c}, "rank": h.rank, "score": round(h.score, 6),
                         "passage_id": h.passage_id, "permalink": base_url + h.permalink, "text": h.text})
    return out.getvalue()


def to_atom(query: str, hits: list[Hit], base_url: str, self_url: str) -> str:
    """Entries ordered by meeting date, newest first: a feed reader shows new meetings on top."""
    ordered = sorted(hits, key=lambda h: h.citation.meeting_date or "", reverse=True)
    updated = max((h.citation.meeting_date for h in ordered if h.citation.meeting_date), default=None)
    stamp = f"{updated}T00:00:00Z" if updated else datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entries = []
    for h in ordered:
        link = base_url + h.permalink
        when = f"{h.citation.meeting_date}T00:00:00Z" if h.citation.meeting_date else stamp
        entries.append(
            f"<entry><title>{escape(citation_line(h.citation))}</title><id>{escape(link)}</id>"
            f"<link href={quoteattr(link)}/><updated>{when}</updated>"
            f"<summary>{escape(' '.join(h.text.split())[:600])}</summary></entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape('Quire: ' + query)}</title><id>{escape(self_url)}</id>"
            f"<link rel=\"self\" href={quoteattr(self_url)}/><updated>{stamp}</updated>"
            + "".join(entries) + "</feed>\n")
