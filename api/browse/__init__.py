"""Browse: the index's meetings, items, documents, decisions and commitments as lists.

In: the SQLite store (indexer.store). Out: the catalogue the pages and API show (meetings,
an item's sections, decisions and commitments with filters).

Must never import api.http, api.search, api.evaluation or api.cli.
"""
