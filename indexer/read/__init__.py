"""Read: files on disk → SourceDocuments (raw text as numbered lines with page numbers).

In: a corpus folder (PDF, text, Markdown, HTML) and its manifests (CSV/JSON source registers).
Out: one SourceDocument per distinct file, with its sha256, pages, printed page stamps and
the metadata its manifest row or folder layout gives (committee, date, category, URL).

Must never import indexer.structure, .passages, .records, .store or indexer.build: reading a
file knows nothing of meetings or items.
"""
