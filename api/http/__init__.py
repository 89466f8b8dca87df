"""HTTP: the FastAPI app, the Jinja2 pages, the JSON schemas' routes, access tokens,
sessions, security headers, the audit log and the CSV/Atom exports.

In: requests. Out: JSON and HTML, via api.search (ranking) and api.browse (catalogue).

Must never import api.cli or api.evaluation.
"""
