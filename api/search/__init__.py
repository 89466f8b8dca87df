"""Search: a query → ranked, cited passages and short answers, read from an index folder.

In: query text and filters; an index folder built by indexer.build (read through
indexer.store). Out: Hits (passage, citation, score), answers with their supporting
sentences. Query parsing, dense and keyword retrieval, fusion, widening, listing rules,
the answerable floor and snippets live here.

Must never import api.http, api.browse, api.evaluation or api.cli: search runs the same
from the page, the JSON API, the command line and the evaluation.
"""
