"""HTTP: the FastAPI app, the Jinja2 pages, the JSON schemas' routes, access tokens,
sessions, security headers, the audit log, the CSV/Atom exports and the alert pages.

In: requests. Out: JSON and HTML, via api.search (ranking), api.browse (catalogue) and
api.alerts (subscriptions).

Must never import api.cli or api.evaluation.
"""
