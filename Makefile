# Sporbar. The two commands a newcomer needs:
#   make run    build, start a private PostgreSQL under .data/ (unless DATABASE_URL is set) and
#               a local mail catcher (unless SMTP_URL is set), migrate, load the demo data and
#               serve http://localhost:8080
#   make test   every test, against a private PostgreSQL (or TEST_DATABASE_URL), browser tests included

SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/sporbar/sporbar/internal/app.version=$(VERSION)

DEV_PG_DIR := .data/postgres
DEV_PG_PORT := 54329
TEST_PG_DIR := .data/test-postgres
TEST_PG_PORT := 54339
VENDOR := web/static/vendor
DKFDS := web/node_modules/dkfds/dist

.PHONY: run run-sso test build assets browser generate check-generated vet vulncheck fuzz clean help

help:
	@echo "make run    – start Sporbar on http://localhost:8080 with the demo data"
	@echo "make run-sso – as make run, with test identity providers (OpenID Connect and SAML)"
	@echo "make test   – run every test"
	@echo "make build  – build bin/sporbar"
	@echo "make clean  – remove build output (keeps .data/)"

## Front-end packages from npm (web/package-lock.json), copied into web/static/vendor (git-ignored).
assets: $(VENDOR)/.stamp

$(VENDOR)/.stamp: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm mangler: installér Node.js og npm (fx apt-get install nodejs npm)"; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/dkfds/css $(VENDOR)/dkfds/img $(VENDOR)/dkfds/fonts/IBMPlexSans/complete $(VENDOR)/htmx
	cp $(DKFDS)/css/dkfds.min.css $(VENDOR)/dkfds/css/
	cp -r $(DKFDS)/fonts/IBMPlexSans/complete/woff2 $(DKFDS)/fonts/IBMPlexSans/complete/woff $(VENDOR)/dkfds/fonts/IBMPlexSans/complete/
	cp $(DKFDS)/img/*.svg $(DKFDS)/img/*.png $(VENDOR)/dkfds/img/
	cp web/node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	touch $@

## What the browser tests (internal/e2e) run: Chromium, and Java for the Nu HTML Checker.
## Installed from Debian's packages when missing and we are root; otherwise says what to install.
browser:
	@missing=""; \
	[ -n "$$CHROMIUM" ] || [ -x /usr/bin/chromium ] || command -v chromium >/dev/null || missing=" chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installerer$$missing til browsertestene …"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
		else \
			echo "Browsertestene mangler:$$missing. Installér som root: apt-get install$$missing"; exit 1; \
		fi; \
	fi

generate:
	$(GO) tool templ generate -log-level error

## Fails when the committed *_templ.go files differ from what templ generates from the .templ files.
check-generated:
	@before=$$(find . -name '*_templ.go' -not -path './web/node_modules/*' | sort | xargs cat | sha256sum); \
	$(GO) tool templ generate -log-level error; \
	after=$$(find . -name '*_templ.go' -not -path './web/node_modules/*' | sort | xargs cat | sha256sum); \
	if [ "$$before" != "$$after" ]; then \
		echo "De genererede *_templ.go-filer var forældede; de er nu genereret igen – commit dem."; exit 1; fi

build: assets generate
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/sporbar ./cmd/sporbar
	$(GO) build -o bin/devdb ./cmd/devdb

vet:
	$(GO) vet ./...

## A short fuzzing of the form decoding (malformed and hostile input must give messages, never panic).
FUZZTIME ?= 8s
FUZZ_TARGETS := FuzzDecodeActionPlanForm FuzzDecodeInitiativeForm FuzzDecodeIndicatorForm FuzzParseMeasurements
fuzz:
	@for f in $(FUZZ_TARGETS); do \
		$(GO) test -run='^$$' -fuzz=$$f -fuzztime=$(FUZZTIME) ./internal/server/ || exit 1; \
	done

## govulncheck needs its database at vuln.go.dev; where that cannot be reached (a closed
## network), it says so instead of failing the build.
vulncheck:
	@if curl -s -m 5 -o /dev/null https://vuln.go.dev/index/db.json 2>/dev/null; then \
		$(GO) tool govulncheck ./...; \
	else \
		echo "govulncheck: vuln.go.dev kan ikke nås herfra; sårbarhedstjekket er ikke kørt"; \
	fi

## `make run` also starts the local mail catcher (Mailpit, a Go tool in go.mod) unless SMTP_URL
## is set: every mail Sporbar sends lands in its web inbox, whose address is printed. Ctrl-C stops
## Sporbar, the database and Mailpit.
MAIL_SMTP := 127.0.0.1:1025
MAIL_WEB := 127.0.0.1:8025
RUN_SPORBAR := ./bin/sporbar seed --demo-users --demo-activity --password-file .data/demo-password && exec ./bin/sporbar serve

run: build
	@if [ -z "$$SMTP_URL" ]; then \
		$(GO) build -o bin/mailpit github.com/axllent/mailpit && mkdir -p .data || exit 1; \
		./bin/mailpit --smtp $(MAIL_SMTP) --listen $(MAIL_WEB) --database .data/mailpit.db \
			--disable-version-check --quiet & \
		mailpit=$$!; trap 'kill $$mailpit 2>/dev/null' EXIT; \
		export SMTP_URL='smtp://$(MAIL_SMTP)?tls=none' MAIL_FROM='Sporbar <sporbar@sporbar.local>'; \
		echo "E-mails fra Sporbar: se dem på http://$(MAIL_WEB) (Mailpit)"; \
	fi; \
	if [ -n "$$DATABASE_URL" ]; then \
		sh -c '$(RUN_SPORBAR)'; \
	else \
		./bin/devdb -dir $(DEV_PG_DIR) -port $(DEV_PG_PORT) -- sh -c '$(RUN_SPORBAR)'; \
	fi

## make run with the test identity providers (cmd/devidp): an OpenID Provider on 127.0.0.1:9998
## and a SAML IdP on 127.0.0.1:9997 with demo people, and the kommune's two test methods.
run-sso: build
	$(GO) build -o bin/devidp ./cmd/devidp
	@if [ -n "$$DATABASE_URL" ]; then \
		./bin/sporbar seed --demo-users --password-file .data/demo-password && exec ./bin/devidp -- ./bin/sporbar serve; \
	else \
		exec ./bin/devdb -dir $(DEV_PG_DIR) -port $(DEV_PG_PORT) -- sh -c \
			'./bin/sporbar seed --demo-users --password-file .data/demo-password && exec ./bin/devidp -- ./bin/sporbar serve'; \
	fi

## Each test gives each of its steps a deadline of its own (a page, a request, a browser action), so a
## slow or busy machine makes the run slower, not red. go test's own limit per package binary is
## only a backstop against a hang, far above what the slowest package needs on a loaded machine.
GOTEST_TIMEOUT ?= 60m

test: assets browser check-generated vet vulncheck fuzz
	$(GO) build -o bin/devdb ./cmd/devdb
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		$(GO) test -count=1 -timeout $(GOTEST_TIMEOUT) ./...; \
	else \
		./bin/devdb -dir $(TEST_PG_DIR) -port $(TEST_PG_PORT) -fast -env TEST_DATABASE_URL=postgres -- \
			$(GO) test -count=1 -timeout $(GOTEST_TIMEOUT) ./...; \
	fi

clean:
	rm -rf bin $(VENDOR) web/node_modules

## The national benchmark (issue 10, docs/benchmarks.md). Both use a private PostgreSQL under
## .data/bench-postgres (port 54349) with the database sporbar_bench.
BENCH_PG_DIR := .data/bench-postgres
BENCH_PG_PORT := 54349
BENCH_SEED ?= 1
BENCH_DEVDB = ./bin/devdb -dir $(BENCH_PG_DIR) -port $(BENCH_PG_PORT) -db sporbar_bench -env DATABASE_URL -env ADMIN_URL=postgres
BENCH_GENERATE = ./bin/loadgen db fresh && ./bin/sporbar bench-data --seed $(BENCH_SEED)

.PHONY: bench-data bench

## A fresh database sporbar_bench (dropped first if it exists) with the national data set
## of seed BENCH_SEED: 103 organisations, ~165 000 action plans, ~7.3 million status updates (~3 min).
bench-data: build
	$(GO) build -o bin/loadgen ./cmd/loadgen
	$(BENCH_DEVDB) -- sh -c '$(BENCH_GENERATE)'

## Start Sporbar against sporbar_bench (generated first if it holds no data), measure every
## scenario, print the table and write docs/benchmarks/results.json and docs/benchmarks.md.
bench: build
	$(GO) build -o bin/loadgen ./cmd/loadgen
	$(BENCH_DEVDB) -- sh -c './bin/loadgen db check || { $(BENCH_GENERATE); } && ./bin/sporbar migrate up && ./bin/loadgen bench -server bin/sporbar -seed $(BENCH_SEED)'
