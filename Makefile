# Two commands: `make run` sets everything up and serves the demo site;
# `make test` runs the whole test suite. Both start from a bare checkout.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The demo site's address: the Site record and the links in staff mail point here.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve test-postgres install install-test migrate demo test lint clean worker scheduler booking-load bench bench-render screenshots lighthouse scale lock audit observatory scale-check

$(PY):
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian, apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

# Installed from the lock files only, each package checked against its hash (pyproject.toml
# says what we depend on; `make lock` turns that into requirements/*.txt).
$(VENV)/.installed: requirements/production.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/production.txt
	@touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	@touch $@

# Regenerate the lock files after changing pyproject.toml's dependencies (needs the package index).
lock: | $(PY)
	$(PY) -m pip install --quiet "pip-tools>=7.5"
	$(PY) -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host -o requirements/production.txt pyproject.toml
	$(PY) -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host --extra test -c requirements/production.txt \
		-o requirements/test.txt pyproject.toml

# Known advisories (PyPI's vulnerability data) in the locked versions.
audit: | $(PY)
	$(PY) -m pip install --quiet "pip-audit>=2.9"
	$(PY) -m pip_audit --strict --require-hashes --disable-pip -r requirements/test.txt

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo_content

run: demo
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "The mail worker and the scheduler (scheduled publishing) run alongside; one Ctrl-C stops all."
	$(PY) manage.py rundev $(HOST):$(PORT)

# The production stack on this machine: production settings (with the local defaults in
# recooperate/settings/local_production.py), DEBUG off, gunicorn (recooperate/gunicorn.conf.py;
# GUNICORN_WORKERS, GUNICORN_THREADS), the task worker, the booking mail worker and the
# scheduler; one Ctrl-C stops all. See README, Production.
serve: export DJANGO_SETTINGS_MODULE = recooperate.settings.local_production
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo_content
	@echo "Serving http://$(HOST):$(PORT)/ with the production settings (admin: /admin/)"
	$(PY) manage.py serve $(HOST):$(PORT)

# --ds wins over a DJANGO_SETTINGS_MODULE left in the shell: tests always run on test settings.
# One worker per core (pytest-xdist); each test file runs whole on one worker, the browser journeys
# together on one (tests/conftest.py). TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= auto
PARALLEL := -n $(TEST_WORKERS) --dist loadfile
test: install-test
	$(PY) -m pytest --ds=recooperate.settings.test $(PARALLEL) $(PYTEST_ARGS)

# The unit suite again on PostgreSQL (Debian's postgresql package): a throwaway cluster on a free
# port on 127.0.0.1, removed afterwards. CI runs this after `make test`. Left out: the browser tests
# and the two files that start the site's own processes (test_serve, test_dev_processes): those
# always serve a scratch SQLite site of their own, whatever the suite's database, so `make test`
# has run them already.
test-postgres: install-test
	@dir=$$(mktemp -d /tmp/recooperate-pg.XXXXXX); \
	port=$$($(PY) -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	.ci/postgres start "$$dir" "$$port" || exit 1; \
	DJANGO_DATABASE_URL="postgres://postgres@127.0.0.1:$$port/recooperate" \
		$(PY) -m pytest --ds=recooperate.settings.test $(PARALLEL) --ignore=tests/browser \
		--ignore=tests/recooperate/test_serve.py --ignore=tests/recooperate/test_dev_processes.py $(PYTEST_ARGS); \
	status=$$?; .ci/postgres stop "$$dir"; exit $$status

# Full-page screenshots of the site at phone, tablet and desktop widths, in Chromium
# (apt-get install chromium), saved to test-artifacts/screenshots/.
screenshots: install-test
	BROWSER_TESTS=required BROWSER_SCREENSHOTS=1 $(PY) -m pytest --ds=recooperate.settings.test -q tests/browser/test_responsive.py
	@echo "Screenshots: test-artifacts/screenshots/"

# Lighthouse's four scores for the main pages (Node's npm and Debian's chromium needed).
lighthouse: install-test node_modules/.installed
	$(PY) tests/perf/lighthouse.py

# --ignore-scripts: the Observatory's install script downloads certificate lists it does not
# need for a local scan (and the machines here reach only the package registries).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# The MDN HTTP Observatory's grades for the public pages and the admin, on the production stack
# (gunicorn, TLS with a self-signed certificate on 127.0.0.1); needs npm and openssl.
observatory: install node_modules/.installed
	@# The HSTS preload list the skipped install script would download matters only for domains on
	@# Chromium's list, never for localhost: an empty one lets the scan run offline.
	@test -f node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json || \
		echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	$(PY) tests/perf/observatory.py

# ruff: lint and format check (CI runs it before the tests).
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Sends appointment-request mail from the database queue (`make run` already runs it).
worker: migrate
	$(PY) manage.py db_worker --backend booking

# Publishes and unpublishes what editors scheduled, every minute (`make run` already runs it).
scheduler: migrate
	$(PY) manage.py run_scheduler

# 200 simultaneous booking POSTs to gunicorn on a scratch SQLite database (see README, Booking).
booking-load: install
	$(PY) tests/load/booking_load.py

# Requests/s, p50/p99 latency and CPU per request of the production stack (gunicorn on SQLite) for the
# main pages, cached and uncached, beside the framework's ceiling; then 200 simultaneous bookings with
# the mail server up, down and hanging, and article reads during them. About five minutes; needs wrk
# (apt-get install wrk), else it falls back to a Python load generator and says so. See README.
bench: install
	$(PY) tests/perf/bench.py

# Queries and CPU time per request in-process (Django's WSGI handler), next to a trivial view.
bench-render: install
	$(PY) tests/perf/measure_render.py

# Two gunicorn servers on one PostgreSQL and one Redis (Debian's postgresql and redis-server; all on
# 127.0.0.1, free ports, removed afterwards): a publish through one server's admin is served by both
# at once, and bookings sent to both land once each. Outside `make test`; about 1-2 minutes.
scale-check: install
	$(PY) tests/perf/scale_check.py

# Queries and time of the listing pages, feeds, search and sitemap at 100 and 10,000 articles.
scale: install
	$(PY) tests/perf/scale.py

clean:
	rm -rf $(VENV) staticfiles .cache .pytest_cache .hypothesis
