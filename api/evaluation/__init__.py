"""Evaluation: gold sets → figures (nDCG@10, Recall@5, MRR@10, answer@k).

In: a gold TSV of questions and answers and a search function. Out: per-question results
and the summary the `quire eval` command prints.

Must never import api.http or api.cli.
"""
