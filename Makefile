# duban — make run: the main job on the embedded SQLite store; make test: every test.
SHELL := /bin/bash
SWIFT ?= swift
DEB_PACKAGES := libsqlite3-dev libcurl4-openssl-dev zlib1g-dev pkg-config
# The tests read calendar feeds with an independent iCalendar parser (PyPI's icalendar).
PY_PACKAGES := icalendar

.PHONY: run serve test build release demo check-docs fuzz-api browser-check bench-serve format format-check deps pydeps postgres-deps docs-deps bench bench-peers clean

run: deps
	$(SWIFT) build --product duban
	.build/debug/duban run

# The dashboard and API on http://127.0.0.1:8080/ with the scheduler and dispatcher inside (make run
# first loads the plans; create a token with .build/debug/duban token create --role office).
serve: deps
	$(SWIFT) build --product duban
	.build/debug/duban plan load
	.build/debug/duban serve

# Every test, beside a throwaway PostgreSQL cluster (scripts/with-postgres): all suites once on the
# SQLite default, with the PostgreSQL-only tests (concurrency across instances) against the cluster;
# then the store's contract suite, the store commands, the concurrent and killed replays (several
# processes on one database) and the server's suites again with PostgreSQL as the engine. The
# single-process kill test runs on SQLite only: the three-process replay covers kills on PostgreSQL.
# A PostgreSQL test that cannot reach its server fails; none is skipped.
POSTGRES_SUITES := DubanStoreTests|StoreCommandTests|ConcurrentTickTests|ReplayKillTests|DubanServerTests

test: deps pydeps postgres-deps docs-deps
	$(SWIFT) build --build-tests
	scripts/with-postgres bash -c '$(SWIFT) test --skip-build && \
	  DUBAN_TEST_ENGINE=postgres $(SWIFT) test --skip-build --filter "$(POSTGRES_SUITES)"'

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: the binary runs where Swift is not installed, and is
# faster (a 100,000-task evaluate --json 0.51 s against 0.57 s; BENCHMARKS.md).
release: deps
	$(SWIFT) build -c release --product duban --static-swift-stdlib

# Replays 2024-01 → today on a scratch store with the demo progress history (plans/demo/); the real
# store is not touched.
demo: deps
	$(SWIFT) build --product duban
	.build/debug/duban simulate --from 2024-01-01 --to $$(TZ=Asia/Shanghai date +%F) --progress plans/demo/progress.csv --hazards plans/demo/hazards.csv

bench: deps
	Benchmarks/run.sh

# duban beside Taskwarrior and Alertmanager on the same synthetic plans and notices (installs both
# from Debian when missing); DUBAN_BIN names a built binary. Figures to Benchmarks/results/peers.md.
bench-peers: deps
	Benchmarks/peers.sh

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests

format-check:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

# Installs the Debian packages the build links against when they are missing (as root), or
# prints the command to run.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; echo "run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# Installs Debian's PostgreSQL server for the tests when it is missing (as root), or prints the command.
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: postgresql"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  else \
	    echo "missing Debian package: postgresql"; echo "run: sudo apt-get install -y postgresql"; exit 1; \
	  fi; \
	fi

# Installs the Python packages the tests use when they are missing.
# The tests open the hazard documents' .docx in LibreOffice, as a reader would (headless, ~25 s to install).
docs-deps:
	@if ! command -v soffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: libreoffice-writer-nogui"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui; \
	  else \
	    echo "missing Debian package: libreoffice-writer-nogui"; echo "run: sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui"; exit 1; \
	  fi; \
	fi

pydeps:
	@for p in $(PY_PACKAGES); do python3 -c "import $$p" 2>/dev/null || python3 -m pip install --quiet $$p; done

# Converts every document of the demo history to PDF with LibreOffice and draws the wall chart in
# Chromium; the first pages go to docs/images.
check-docs: deps
	scripts/check-docs --pictures docs/images

# Fuzzes the API against openapi.yaml with schemathesis (installed from PyPI when missing).
fuzz-api: deps
	scripts/fuzz-api

# Logs in, reports progress and checks the office page in headless Chromium; screenshots to docs/images.
browser-check: deps
	scripts/browser-check

# Progress-report POSTs a second and latency against duban serve with wrk.
bench-serve: deps
	Benchmarks/serve.sh

clean:
	rm -rf .build var
