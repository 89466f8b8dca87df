"""Structure: SourceDocuments → Sections (the meeting, agenda item and kind of each run of lines).

In: SourceDocuments from indexer.read. Out: for each document, Sections that place its lines
under a meeting (committee, date) and an agenda item; front sheets and packs give the
agenda, minutes are split at their numbered headings, reports and appendices are placed
under the entry they belong to. Also the shared patterns and date parsing the later stages
read with.

Must never import indexer.passages, .records, .store or indexer.build.
"""
