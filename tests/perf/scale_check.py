"""Two servers, one database, one cache: a publish is seen by both at once, and no booking is lost or doubled.

    .venv/bin/python tests/perf/scale_check.py [--bookings 50] [--resends 10] [--keep]

Not part of the test suite (`make scale-check`). It starts, all on 127.0.0.1
and on free ports: a throwaway PostgreSQL cluster (.ci/postgres, Debian's
postgresql), a Redis without persistence (Debian's redis-server, installed
with apt-get when missing; under systemd the package also starts Debian's own
service on port 6379, which this script never uses) and two gunicorn servers,
A and B, with the production settings, both pointed at that one database and
that one Redis.
The scratch site is built once (migrate, collectstatic, the demo content and
an editor account). Then it checks:

1. The page cache is shared: the article and the blog index, requested from A
   twice, are a hit the second time, and B answers them from the cache at its
   first request. Visitors' requests to both servers carry the same Host
   header, as they would behind one load balancer.
2. A publish through A is served by both at once: an editor signs in to A's
   Wagtail admin and publishes the article with a new title, sending back the
   edit form as the page gave it (every field, the StreamField rebuilt from its
   JSON state as Wagtail's JavaScript would); right after the redirect, both
   servers serve the new title on the article and on the blog index, and
   nothing else on the page has changed.
3. Bookings land once each: N forms opened on each server are sent to the
   same servers all at once, and the database holds exactly 2N new requests,
   each with its own reference and form key, the references those of the
   thank-you pages; forms sent again to the other server, and one form sent
   to both servers many times at once, add nothing and show the first
   thank-you page.

It prints what it checked, PASS or FAIL for each with timings, and exits 1 on
any failure. Every process it starts is stopped, and every scratch directory
removed, even when a step fails or the time limit (--time-limit) runs out.
"""

import argparse
import contextlib
import html
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.load.booking_load import form_body, open_form  # noqa: E402

PYTHON = sys.executable
HOST = "127.0.0.1"
# What a load balancer in front of both servers would pass on: the site's address.
SITE_HOST = HOST
ARTICLE_SLUG = "5-signs-you-might-need-running-specific-physical-therapy"
ARTICLE_URL = f"/blog/{ARTICLE_SLUG}/"
BLOG_URL = "/blog/"
EDITOR = "scale-check-editor"


class StepFailed(Exception):
    """A step that the later ones depend on went wrong: the run stops there."""


# --- the machinery: ports, processes, HTTP -------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def ensure_redis_server():
    """Debian's redis-server, installed the way .ci/run installs chromium when it is missing."""
    if shutil.which("redis-server"):
        return shutil.which("redis-server")
    print("redis-server is not installed: apt-get install redis-server", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], env=apt_env, check=True, timeout=300)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "redis-server"],
        env=apt_env,
        check=True,
        timeout=300,
        stdout=subprocess.DEVNULL,
    )
    path = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(path).exists():
        raise StepFailed("apt-get install redis-server did not provide redis-server")
    return path


def wait_for(what, ready, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StepFailed(f"{what} exited (status {process.returncode}) before it was ready; see its log")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise StepFailed(f"{what} was not ready after {seconds} s")


def redis_answers(port):
    with socket.create_connection((HOST, port), timeout=2) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")


def stop(process, name):
    """Stop one process this script started, by its PID: TERM, then KILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        print(f"{name} (pid {process.pid}) did not stop in 20 s: killing it", flush=True)
        process.kill()
        process.wait()


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def cache(self):
        return self.headers.get("X-Page-Cache", "-")


def request(port, method, path, *, host=SITE_HOST, cookies=None, form=None, timeout=30):
    """One HTTP request to one server; ``cookies`` (a dict) is sent and updated from Set-Cookie.

    The cookies are kept by hand: the production settings mark them Secure, and a
    cookie jar would not send those over plain HTTP.
    """
    headers = {"Host": host}
    body = None
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    if cookies is not None:
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                cookies[name] = morsel.value
    return Response(response.status, dict(response.getheaders()), content, time.monotonic() - started)


def at_once(calls, timeout):
    """Run every call (a function of no argument) in its own thread, released together; results in order."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index, call):
        try:
            barrier.wait(timeout=timeout)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (every failure is reported with the rest)
            results[index] = error

    threads = [threading.Thread(target=run, args=item, daemon=True) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout + 5
    for thread in threads:
        thread.join(max(0, deadline - time.monotonic()))
    return [TimeoutError("no answer") if result is None else result for result in results]


# --- the Wagtail edit form, as a browser would send it ---------------------------------------------------


class EditFormParser(HTMLParser):
    """The fields of ``<form id=page-edit-form>`` that a browser would submit, and its StreamFields' state.

    Skips ``<template>`` content (an inline panel's blank form), unchecked boxes,
    buttons and disabled fields. A StreamField is a ``w-block`` element whose
    fields Wagtail's JavaScript creates from two JSON attributes; they are kept
    here as (name, definition, state) for ``streamfield_data``.
    """

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.in_template = 0
        self.action = None
        self.fields = []
        self.streamfields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
            self.action = attrs.get("action")
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": [], "selected": []}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select["options"].append(value)
            if "selected" in attrs:
                self.select["selected"].append(value)
        elif tag == "div" and attrs.get("data-controller") == "w-block":
            state, _errors = json.loads(attrs["data-w-block-arguments-value"])
            self.streamfields.append((attrs["id"], json.loads(attrs["data-w-block-data-value"]), state))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "form":
            self.in_form = False
        elif tag == "template":
            self.in_template -= 1
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline right after <textarea>.
            name, value = self.textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["selected"] or ([] if self.select["multiple"] else self.select["options"][:1])
            self.fields.extend((self.select["name"], value) for value in chosen)
            self.select = None


def unpack_telepath(packed):
    """Wagtail's block definition (telepath's packed JSON) back to plain values: _id/_ref/_val/_list/_dict."""
    seen = {}

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "_ref" in node:
            return seen[node["_ref"]]
        if "_type" in node:
            value = {"_type": node["_type"], "_args": [walk(arg) for arg in node["_args"]]}
        elif "_val" in node:
            value = node["_val"]
        elif "_list" in node:
            value = [walk(item) for item in node["_list"]]
        elif "_dict" in node:
            value = {key: walk(item) for key, item in node["_dict"].items()}
        else:
            value = {key: walk(item) for key, item in node.items()}
        if "_id" in node:
            seen[node["_id"]] = value
        return value

    return walk(packed)


def streamfield_data(definition, state, prefix):
    """The form fields Wagtail's JavaScript would post for one block's state (``value_from_datadict``'s input)."""
    kind = definition["_type"].rsplit(".", 1)[-1]
    args = definition["_args"]
    if kind == "StreamBlock":
        children = {child["_args"][0]: child for _group, group in args[1] for child in group}
        yield f"{prefix}-count", str(len(state))
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            yield f"{item_prefix}-type", item["type"]
            yield f"{item_prefix}-deleted", ""
            yield f"{item_prefix}-order", str(index)
            yield f"{item_prefix}-id", item.get("id") or ""
            yield from streamfield_data(children[item["type"]], item["value"], f"{item_prefix}-value")
    elif kind == "ListBlock":
        yield f"{prefix}-count", str(len(state))
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            yield f"{item_prefix}-deleted", ""
            yield f"{item_prefix}-order", str(index)
            yield f"{item_prefix}-id", item.get("id") or ""
            yield from streamfield_data(args[1], item["value"], f"{item_prefix}-value")
    elif kind == "StructBlock":
        for child in args[1]:
            name = child["_args"][0]
            yield from streamfield_data(child, (state or {}).get(name), f"{prefix}-{name}")
    elif kind == "FieldBlock":
        # A chooser's state describes the chosen object; its form value is the id.
        if isinstance(state, dict):
            state = state.get("id")
        if state is True:
            yield prefix, "on"
        elif isinstance(state, list):
            yield from ((prefix, str(value)) for value in state)
        elif state is not None and state is not False:
            yield prefix, str(state)
        elif state is None:
            yield prefix, ""
    elif kind != "StaticBlock":
        raise StepFailed(f"the edit form has a {definition['_type']}, which this script cannot fill in")


def publish_new_title(port, page_id, new_title, password):
    """Sign in to the admin of the server on ``port`` and publish the page with ``new_title``, as an editor would."""
    cookies = {}
    login = request(port, "GET", "/admin/login/", cookies=cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
    if login.status != 200 or token is None:
        raise StepFailed(f"GET /admin/login/ answered {login.status} without a CSRF token")
    form = {"csrfmiddlewaretoken": token.group(1), "username": EDITOR, "password": password, "next": "/admin/"}
    signed_in = request(port, "POST", "/admin/login/", cookies=cookies, form=form)
    if signed_in.status != 302 or "sessionid" not in cookies:
        raise StepFailed(f"signing in to the admin failed ({signed_in.status})")

    edit_path = f"/admin/pages/{page_id}/edit/"
    edit = request(port, "GET", edit_path, cookies=cookies)
    if edit.status != 200:
        raise StepFailed(f"GET {edit_path} answered {edit.status}")
    parser = EditFormParser("page-edit-form")
    parser.feed(edit.text)
    parser.close()
    if not parser.action or not any(name == "title" for name, _value in parser.fields):
        raise StepFailed("no page edit form with a title field on the edit page")
    fields = [(name, new_title if name == "title" else value) for name, value in parser.fields]
    for name, definition, state in parser.streamfields:
        fields.extend(streamfield_data(unpack_telepath(definition), state, name))
    fields.append(("action-publish", "action-publish"))

    started = time.monotonic()
    published = request(port, "POST", html.unescape(parser.action), cookies=cookies, form=fields, timeout=60)
    if published.status != 302:
        errors = re.findall(r'class="error-message"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', published.text)
        raise StepFailed(f"the publish POST answered {published.status}, not a redirect; errors: {errors[:5]}")
    return time.monotonic() - started, len(fields), len(parser.streamfields)


# --- the run --------------------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.results = []

    def check(self, ok, text):
        self.results.append((bool(ok), text))
        print(f"  {'PASS' if ok else 'FAIL'}  {text}", flush=True)
        return ok

    @property
    def passed(self):
        return bool(self.results) and all(ok for ok, _text in self.results)


def site_environment(scratch, ports):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recooperate.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DJANGO_DATABASE_URL": f"postgres://postgres@{HOST}:{ports['postgres']}/recooperate",
        "REDIS_URL": f"redis://{HOST}:{ports['redis']}/0",
        "WAGTAILADMIN_BASE_URL": f"http://{SITE_HOST}",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_BACKUP_DIR": str(scratch / "backups"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        "BOOKING_MIN_SECONDS": "0",
        "BOOKING_RATE_LIMIT_PER_IP": "0",
        "BOOKING_RATE_LIMIT_PER_EMAIL": "0",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
    }


def manage(env, *args, timeout=180):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, timeout=timeout
    )


def query(ports, sql, params=()):
    with psycopg.connect(host=HOST, port=ports["postgres"], user="postgres", dbname="recooperate") as connection:
        return connection.execute(sql, params).fetchall()


# Everything the editor did not touch: sending the form back must leave it as it was.
UNTOUCHED_SQL = """
    SELECT p.slug, p.seo_title, p.search_description, a.intro, a.listing_image_id, a.date, a.author_id,
           a.reviewer_id, a.reviewed_on, a.body, a.reading_minutes, a.table_of_contents,
           ARRAY(SELECT t.topic_id FROM blog_articlepage_topics t WHERE t.articlepage_id = a.page_ptr_id
                 ORDER BY t.topic_id),
           ARRAY(SELECT r.article_id FROM blog_articlerelatedpick r WHERE r.page_id = a.page_ptr_id
                 ORDER BY r.sort_order)
    FROM wagtailcore_page p JOIN blog_articlepage a ON a.page_ptr_id = p.id
    WHERE p.id = %s
"""
UNTOUCHED_COLUMNS = (
    "slug seo_title search_description intro listing_image date author reviewer reviewed_on body reading_minutes "
    "table_of_contents topics related_picks"
).split()


def untouched_fields(ports, page_id):
    """The article's fields but its title; rich text without the block keys Draftail adds to every paragraph saved."""
    row = dict(zip(UNTOUCHED_COLUMNS, query(ports, UNTOUCHED_SQL, (page_id,))[0], strict=True))
    row["body"] = re.sub(r' data-block-key=\\"[^"\\]*\\"', "", json.dumps(row["body"], sort_keys=True))
    return row


def check_shared_cache(report, servers):
    print("\n1. The page cache is shared between the servers", flush=True)
    for path in (ARTICLE_URL, BLOG_URL):
        a1, a2 = request(servers["A"], "GET", path), request(servers["A"], "GET", path)
        b1, b2 = request(servers["B"], "GET", path), request(servers["B"], "GET", path)
        statuses = {a1.status, a2.status, b1.status, b2.status}
        shared = b1.cache == "hit"
        report.check(
            statuses == {200} and a2.cache == "hit" and shared and b2.cache == "hit",
            f"{path}: A {a1.cache} then {a2.cache}; B {b1.cache} then {b2.cache} "
            + ("(B's first answer is the page A stored" if shared else "(B did not find what A stored")
            + f"; statuses {sorted(statuses)}; hits in {max(a2.seconds, b2.seconds) * 1000:.0f} ms)",
        )


def check_publish(report, servers, ports, password):
    print("\n2. A publish through A's admin is served by both servers at once", flush=True)
    page_id, old_title = query(ports, "SELECT id, title FROM wagtailcore_page WHERE slug = %s", (ARTICLE_SLUG,))[0]
    new_title = f"Running Physical Therapy Signs, Edited {secrets.token_hex(4)}"
    for path in (ARTICLE_URL, BLOG_URL):
        before = request(servers["B"], "GET", path)
        report.check(
            html.escape(old_title) in before.text and new_title not in before.text,
            f"before: B serves {path} with the old title ({before.cache})",
        )
    untouched = untouched_fields(ports, page_id)
    seconds, field_count, streamfields = publish_new_title(servers["A"], page_id, new_title, password)
    published_at = time.monotonic()
    report.check(
        True,
        f"an editor signed in to A's admin and published the article with a new title "
        f"({field_count} form fields, {streamfields} StreamField rebuilt from its state; publish took {seconds:.2f} s)",
    )
    calls = [
        (lambda server=server, path=path: (server, path, request(servers[server], "GET", path)))
        for server in ("A", "B")
        for path in (ARTICLE_URL, BLOG_URL)
    ]
    for result in at_once(calls, timeout=30):
        if isinstance(result, Exception):
            report.check(False, f"after the publish, a GET failed: {result!r}")
            continue
        server, path, response = result
        after = time.monotonic() - published_at
        report.check(
            response.status == 200 and html.escape(new_title) in response.text,
            f"right after: {server} serves {path} with the new title "
            f"({response.status}, cache {response.cache}, answered {after:.2f} s after the publish)",
        )
    stored = query(ports, "SELECT title, live, has_unpublished_changes FROM wagtailcore_page WHERE id = %s", (page_id,))
    report.check(
        stored == [(new_title, True, False)],
        f"the database holds the published title (title, live, has_unpublished_changes = {stored[0]})",
    )
    now = untouched_fields(ports, page_id)
    changed = [name for name in UNTOUCHED_COLUMNS if now[name] != untouched[name]]
    report.check(
        not changed,
        f"everything else is as it was: slug, SEO fields, intro, byline, dates, topics, related picks and "
        f"the body's {len(json.loads(untouched['body']))} blocks"
        + (f" (changed: {', '.join(changed)})" if changed else ""),
    )
    return page_id


def send_forms(posts, timeout):
    """POST every (port, form, body) at the same moment; one (status, Location, seconds) or an error each."""

    def post(port, form, body):
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(
                "POST",
                "/book/",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": form["cookie"]},
            )
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        return response.status, response.getheader("Location"), time.monotonic() - started

    return at_once([lambda item=item: post(*item) for item in posts], timeout)


def outcome(results):
    statuses = {}
    for result in results:
        key = result[0] if isinstance(result, tuple) else type(result).__name__
        statuses[key] = statuses.get(key, 0) + 1
    times = sorted(result[2] for result in results if isinstance(result, tuple))
    timing = f"median {times[len(times) // 2]:.2f} s, slowest {times[-1]:.2f} s" if times else "no answers"
    return statuses, timing


def thank_you_reference(location):
    match = re.search(r"/thanks/([^/]+)/", location or "")
    return match.group(1) if match else None


def check_bookings(report, servers, ports, source_id, per_server, resends):
    print("\n3. Bookings sent to both servers land once each in the one database", flush=True)
    count_sql = "SELECT COUNT(*), COUNT(DISTINCT reference), COUNT(DISTINCT form_key) FROM booking_appointmentrequest"
    started = time.monotonic()
    batch = [
        (name, servers[name], open_form(servers[name], source_id)) for name in ("A", "B") for _ in range(per_server)
    ]
    opened = time.monotonic() - started
    (before, _refs, _keys) = query(ports, count_sql)[0]
    started = time.monotonic()
    results = send_forms(
        [(port, form, form_body(form, number)) for number, (_name, port, form) in enumerate(batch)], timeout=90
    )
    elapsed = time.monotonic() - started
    statuses, timing = outcome(results)
    total = len(batch)
    report.check(
        statuses == {302: total},
        f"{total} forms ({per_server} opened on each server) sent at once: responses {statuses} "
        f"(forms opened in {opened:.1f} s; sent in {elapsed:.1f} s, {timing})",
    )
    (rows, references, keys) = query(ports, count_sql)[0]
    report.check(
        rows - before == total and references == rows and keys == rows,
        f"the database holds {rows - before} new requests for {total} forms: {references} distinct references, "
        f"{keys} distinct form keys",
    )
    answered = {thank_you_reference(result[1]) for result in results if isinstance(result, tuple)}
    stored = {reference for (reference,) in query(ports, "SELECT reference FROM booking_appointmentrequest")}
    report.check(
        None not in answered and len(answered) == total and answered == stored,
        f"every thank-you page names its own request: {len(answered - {None})} references answered, "
        f"all of them stored, none stored without an answer",
    )
    spam = query(ports, "SELECT COUNT(*) FROM booking_appointmentrequest WHERE spam_reason <> ''")[0][0]
    report.check(spam == 0, f"none filed as spam ({spam})")

    # The same forms again, to the server that did not take them: the one-time form key holds across servers.
    other = {"A": servers["B"], "B": servers["A"]}
    picked = [*range(resends), *range(per_server, per_server + resends)]
    again = send_forms(
        [(other[batch[index][0]], batch[index][2], form_body(batch[index][2], index)) for index in picked], timeout=60
    )
    same_page = sum(
        1
        for index, result in zip(picked, again, strict=True)
        if isinstance(result, tuple) and result[0] == 302 and result[1] == results[index][1]
    )
    rows_after = query(ports, count_sql)[0][0]
    report.check(
        same_page == len(picked) and rows_after == rows,
        f"{len(picked)} forms sent again to the other server: {same_page} showed their first thank-you page, "
        f"{rows_after - rows} new requests",
    )

    # One new form sent many times at once, half to each server: the database's unique form key decides.
    form = open_form(servers["A"], source_id)
    body = form_body(form, 100_000)
    copies = max(2, resends)
    racing = send_forms([(servers["A" if n % 2 else "B"], form, body) for n in range(copies)], timeout=60)
    statuses, _timing = outcome(racing)
    locations = {result[1] for result in racing if isinstance(result, tuple)}
    rows_raced = query(ports, count_sql)[0][0]
    report.check(
        rows_raced - rows_after == 1 and statuses == {302: copies} and len(locations) == 1,
        f"one form sent {copies} times at once to both servers: {rows_raced - rows_after} request stored, "
        f"responses {statuses}, {len(locations)} thank-you page",
    )


def show_log_tails(scratch, lines=15):
    for log in sorted(scratch.glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-lines:]
        if tail:
            print(f"\n--- last lines of {log.name} ---\n" + "\n".join(tail))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bookings", type=int, default=50, help="booking forms per server (default 50, at most 200)")
    parser.add_argument("--resends", type=int, default=10, help="forms sent again per server (default 10)")
    parser.add_argument(
        "--time-limit", type=int, default=240, help="stop and clean up after this many seconds (default 240)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs) and print its path")
    args = parser.parse_args()
    per_server = max(1, min(args.bookings, 200))
    resends = max(1, min(args.resends, per_server))

    def out_of_time(signum, frame):
        raise StepFailed(f"the run took longer than {args.time_limit} s")

    # SIGTERM and the time limit unwind through the finally below, which stops everything.
    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    signal.alarm(args.time_limit)

    run_started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="recooperate-scale-check-"))
    # Its own directory: .ci/postgres hands it to the postgres user and removes it on stop.
    postgres_dir = Path(tempfile.mkdtemp(prefix="recooperate-scale-check-pg-"))
    ports = {"postgres": free_port(), "redis": free_port()}
    servers = {"A": free_port(), "B": free_port()}
    processes = {}
    postgres_started = False
    report = Report()
    logs = contextlib.ExitStack()
    try:
        redis_server = ensure_redis_server()
        postgres_started = True  # from here on, stop it whatever happens: a start may fail half-way
        subprocess.run([str(ROOT / ".ci/postgres"), "start", str(postgres_dir), str(ports["postgres"])], check=True)
        with psycopg.connect(
            host=HOST, port=ports["postgres"], user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute("CREATE DATABASE recooperate")
        processes["redis"] = subprocess.Popen(
            [redis_server, "--port", str(ports["redis"]), "--bind", HOST, "--save", "", "--appendonly", "no"]
            + ["--daemonize", "no", "--dir", str(scratch)],
            stdout=logs.enter_context(open(scratch / "redis.log", "w")),
            stderr=subprocess.STDOUT,
        )
        wait_for("redis-server", lambda: redis_answers(ports["redis"]), processes["redis"], 20)
        print(
            f"PostgreSQL on {HOST}:{ports['postgres']} and Redis (pid {processes['redis'].pid}) on "
            f"{HOST}:{ports['redis']}; building the site (migrate, collectstatic, demo content)...",
            flush=True,
        )

        env = site_environment(scratch, ports)
        started = time.monotonic()
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo_content", "--no-admin")
        password = secrets.token_urlsafe(24)
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": password},
            "createsuperuser",
            "--noinput",
            "--username",
            EDITOR,
            "--email",
            "editor@example.com",
        )
        print(f"Site built in {time.monotonic() - started:.0f} s", flush=True)

        started = time.monotonic()
        for name, port in servers.items():
            command = [PYTHON, "-m", "gunicorn", "-c", "recooperate/gunicorn.conf.py", "--bind", f"{HOST}:{port}"]
            processes[name] = subprocess.Popen(
                [*command, "recooperate.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=logs.enter_context(open(scratch / f"gunicorn-{name}.log", "w")),
                stderr=subprocess.STDOUT,
            )
        for name, port in servers.items():
            wait_for(
                f"gunicorn {name}",
                lambda port=port: request(port, "GET", "/book/", timeout=5).status == 200,
                processes[name],
                90,
            )
        print(
            "Serving: "
            + ", ".join(f"{name} on {HOST}:{port} (pid {processes[name].pid})" for name, port in servers.items())
            + f"; each 2 workers x 2 threads, one database, one Redis (ready in {time.monotonic() - started:.0f} s)",
            flush=True,
        )

        check_shared_cache(report, servers)
        page_id = check_publish(report, servers, ports, password)
        check_bookings(report, servers, ports, page_id, per_server, resends)
    except (StepFailed, subprocess.SubprocessError, OSError, psycopg.Error) as error:
        report.check(False, f"stopped: {error}")
    finally:
        signal.alarm(0)
        for name in ("A", "B", "redis"):
            stop(processes.get(name), f"gunicorn {name}" if name != "redis" else "redis-server")
        logs.close()
        if postgres_started:
            subprocess.run([str(ROOT / ".ci/postgres"), "stop", str(postgres_dir)], check=False)
        shutil.rmtree(postgres_dir, ignore_errors=True)
        if not report.passed:
            show_log_tails(scratch)
        if args.keep:
            print(f"\nKept {scratch} (gunicorn-A.log, gunicorn-B.log, redis.log)")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    failed = sum(1 for ok, _text in report.results if not ok)
    print(
        f"\n{len(report.results) - failed} checks passed, {failed} failed, in {time.monotonic() - run_started:.0f} s "
        f"(everything started here is stopped).",
        flush=True,
    )
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
