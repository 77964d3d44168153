# duban — make run: the main job on the embedded SQLite store; make test: every test.
SHELL := /bin/bash
SWIFT ?= swift
DEB_PACKAGES := libsqlite3-dev libcurl4-openssl-dev pkg-config

.PHONY: run test build release demo format format-check deps bench clean

run: deps
	$(SWIFT) build --product duban
	.build/debug/duban run

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product duban

# Replays 2024-01 → today on a scratch store with the demo progress history (plans/demo/); the real
# store is not touched.
demo: deps
	$(SWIFT) build --product duban
	.build/debug/duban simulate --from 2024-01-01 --to $$(TZ=Asia/Shanghai date +%F) --progress plans/demo/progress.csv

bench: deps
	Benchmarks/run.sh

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

clean:
	rm -rf .build var
