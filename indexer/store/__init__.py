"""Store: the index folder on disk and what fills it.

In: Passages and records, and the texts to embed. Out: the SQLite database, the FAISS
vectors, the embedding cache, the manifest that says which code and model built the
folder, and the atomic swap that replaces a built folder without losing the old one.
Also the embedder (sentence-transformers, or the hashing embedder for tests).

Must never import indexer.build.
"""
