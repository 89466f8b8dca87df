"""Passages: Sections → Passages, each a chunk of text with its full citation.

In: Sections from indexer.structure. Out: Passages (text, meeting, item, document, page and
line span, context lines, learnt abbreviations) ready to embed and store.

Must never import indexer.records, .store or indexer.build.
"""
