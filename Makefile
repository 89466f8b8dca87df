# Quire — `make run` indexes corpus/ and serves http://127.0.0.1:8000; `make test` runs every test.
VENV   ?= .venv
PY     := $(VENV)/bin/python
QUIRE  := $(VENV)/bin/quire
INDEX  ?= index
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed-stamp

.PHONY: install index run test browser bench eval eval-baselines clean

# One install step for everyone: the constraints file pins torch to its CPU build.
$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)

index: install
	$(QUIRE) index corpus --index $(INDEX)

run: index
	$(QUIRE) search "what was said about delayed transfers of care" --index $(INDEX) -k 5

# Debian's chromium for the real-browser page test (Playwright drives /usr/bin/chromium).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "could not install chromium; browser tests will be skipped"; }

test: install browser
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) $(INDEX) $(INDEX).cache
