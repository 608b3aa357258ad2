"""Lighthouse's four category scores for the main pages, on a scratch copy of the demo site.

    make lighthouse        (npm install and Debian's chromium needed; see README)

Starts the site as the browser tests do (manage.py rundev, DEBUG off, page cache
on, scratch database with the demo content), runs Lighthouse 12 with mobile
settings against each page ROUNDS times, and prints each category's median:
scores move by up to 0.05 between runs on a shared 2-core machine.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.server import SiteServer  # noqa: E402

PAGES = {
    "home": "/",
    "article": "/blog/5-signs-you-might-need-running-specific-physical-therapy/",
    "blog": "/blog/",
    "program": "/programs/running-gait-analysis/",
    "booking form": "/book/",
    "first visit": "/first-visit/",
    "clinician": "/team/jason-cooper/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ROUNDS = int(os.environ.get("LIGHTHOUSE_ROUNDS", "3"))


def lighthouse(url):
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS]).replace(", ", ",")
    done = subprocess.run(
        [
            str(ROOT / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--disable-full-page-screenshot",
            f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main():
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (make lighthouse does).")
    scratch = Path(tempfile.mkdtemp(prefix="recooperate-lighthouse-"))
    server = SiteServer(scratch)
    server.set_up()
    server.start()
    try:
        print(f"{'page':<14}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for label, path in PAGES.items():
            runs = [lighthouse(server.url + path) for _ in range(ROUNDS)]
            medians = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
            print(f"{label:<14}" + "".join(f"{medians[name]:>16.2f}" for name in CATEGORIES))
        print(f"(median of {ROUNDS} Lighthouse runs per page, mobile settings)")
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
