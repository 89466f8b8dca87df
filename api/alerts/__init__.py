"""Alerts: saved searches by email. A reader subscribes to a query (with a committee or kind),
confirms by email, and after each indexing run gets one digest of the passages that are new
since the last send and match above the relevance floor.

In: the alerts database (its own SQLite file, outside any index folder), an index folder read
through api.search, SMTP settings. Out: subscriptions, signed links, confirmation emails and
digests, and a report of what was sent and what failed.

Must never import api.http, api.browse, api.evaluation or api.cli: the page and the command
line both drive alerts, and what a token holder may see is handed in by them (a callable),
never looked up here.
"""
