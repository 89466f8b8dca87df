"""Records: Sections and Passages → decisions, recommendations and commitments.

In: the placed Sections of each meeting. Out: decision and commitment records (who, what,
when due, the item that later reports on them), each cited like a passage.

Must never import indexer.store or indexer.build.
"""
