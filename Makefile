# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-unit bench chromium pango pgclient wrk clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# constraints.txt pins every dependency to the versions tested (pip freeze after an upgrade).
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed pango
	$(FLASK) init
	$(FLASK) demo-data --if-empty
	@echo ""
	@echo "Caseflow draait op http://$(HOST):$(PORT) (stoppen met Ctrl+C)."
	@echo "Demo-aanmeldingen (wachtwoord Kempen-demo-2026): hulpverlener@caw.demo,"
	@echo "  huurbegeleider@woonboog.demo, coordinator@caw.demo, coordinator@regio.demo,"
	@echo "  beheerder@regio.demo (de volledige lijst staat in README.md)."
	@echo "Coördinatoren en beheerders: daarna de code van een authenticator-app met de"
	@echo "  sleutel CASEFLOWKEMPENDEMOTWEESTAPS23456, of: $(FLASK) demo-code"
	@# The scheduler runs beside the web server in its own process; both stop together.
	$(FLASK) scheduler run & SCHEDULER=$$!; trap 'kill $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

# Pango and a font for WeasyPrint (the monitoring report as PDF); Debian's packages.
pango:
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -q . || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
	  else echo "Pango ontbreekt: installeer libpango-1.0-0, libpangoft2-1.0-0 en fonts-dejavu-core"; fi; }

# Debian's chromium for the browser tests; Playwright's own browser download is not used.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium ontbreekt: installeer het Debian-pakket 'chromium' (browsertests)"; fi; }

# pg_dump and pg_restore for `flask backup` on PostgreSQL (and its test).
pgclient:
	@command -v pg_dump >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; \
	  else echo "pg_dump ontbreekt: installeer het Debian-pakket 'postgresql-client'"; fi; }

# wrk puts the caseload under load in `make bench` (bench/last.py); Debian's package.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	  else echo "wrk ontbreekt: installeer het Debian-pakket 'wrk' (bench/last.py)"; fi; }

# The suite on both cores, a test file per worker (the browser tests of a file share a server).
PYTEST_ARGS ?= -n 2 --dist loadfile
test: $(VENV)/.installed-test chromium pango pgclient
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/unit $(PYTEST_ARGS)

# Speed and memory, by hand (bench/README.md); not part of `make test`. Every page against its
# budget at DOSSIERS dossiers on SQLite and PostgreSQL (127.0.0.1:5432), then the sweep.
DOSSIERS ?= 200000
bench: $(VENV)/.installed-test wrk
	$(BIN)/python bench/paginas.py --dossiers $(DOSSIERS) --database sqlite
	$(BIN)/python bench/paginas.py --dossiers $(DOSSIERS) --database postgresql
	$(BIN)/python bench/last.py --dossiers $(DOSSIERS) --database sqlite
	$(BIN)/python bench/last.py --dossiers $(DOSSIERS) --database postgresql
	$(BIN)/python bench/monitoring.py --dossiers $(DOSSIERS) --database sqlite
	$(BIN)/python bench/monitoring.py --dossiers $(DOSSIERS) --database postgresql

clean:
	rm -rf $(VENV) instance .pytest_cache
