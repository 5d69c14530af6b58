"""A small load-generation kit for `make loadtest` and `make bench` (standard library only).

Every simulated user is a `Browser`: its own cookie jar, keep-alive-free urllib requests,
CSRF tokens read from the forms it gets. Every request is timed and recorded per
endpoint label in a thread-safe `Stats`, which prints requests, errors, throughput and
p50/p95/p99. Only loopback addresses are allowed as targets.
"""

import http.cookiejar
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def say(*parts):
    """Print a line of the report at once (these scripts are command-line tools)."""
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.samples = defaultdict(list)  # label -> [seconds]
        self.errors = defaultdict(int)
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.started = time.perf_counter()
        self.finished = None

    def add(self, label, seconds, status, ok):
        with self._lock:
            self.samples[label].append(seconds)
            self.statuses[label][status] += 1
            if not ok:
                self.errors[label] += 1

    def stop(self):
        self.finished = time.perf_counter()

    def rows(self):
        elapsed = (self.finished or time.perf_counter()) - self.started
        rows = []
        for label in sorted(self.samples):
            values = sorted(self.samples[label])
            rows.append(
                {
                    "endpoint": label,
                    "requests": len(values),
                    "errors": self.errors[label],
                    "rps": len(values) / elapsed if elapsed else 0.0,
                    "p50": percentile(values, 0.50) * 1000,
                    "p95": percentile(values, 0.95) * 1000,
                    "p99": percentile(values, 0.99) * 1000,
                    "statuses": dict(self.statuses[label]),
                }
            )
        return rows

    def table(self):
        lines = [
            f"{'endpoint':<28} {'requests':>8} {'errors':>6} {'req/s':>8} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses"
        ]
        for r in self.rows():
            lines.append(
                f"{r['endpoint']:<28} {r['requests']:>8} {r['errors']:>6} {r['rps']:>8.1f} "
                f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f}  {r['statuses']}"
            )
        return "\n".join(lines)


ROOM_SIZE = 30


def room_address(index):
    """The address participant `index` arrives from: rooms of ROOM_SIZE, each behind one
    address (one municipal Wi-Fi), as the proxy in front of the servers of `make
    loadtest`, `make bench` and the fault tests reports it (AKTIV_TRUSTED_PROXIES=1 in
    serverkit.PRODUCTION_ENV). The limit on new ballots per address is then met as in a
    real building, not by 300 participants sharing 127.0.0.1."""
    room = index // ROOM_SIZE
    return f"10.{room // 250 % 250}.{room % 250}.1"


class Browser:
    """One simulated user with its own cookies; `address`: the X-Forwarded-For a proxy
    would add for it (see room_address)."""

    def __init__(self, base_url, stats, timeout=30, address=None):
        host = urllib.parse.urlsplit(base_url).hostname
        if host not in LOOPBACK:
            raise ValueError(f"load is only ever sent to loopback, not {host}")
        self.base = base_url.rstrip("/")
        self.address = address
        self.stats = stats
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.last_body = ""
        self.last_url = ""

    def request(self, label, path, data=None, ok_statuses=(200, 302), referer=None):
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        if urllib.parse.urlsplit(url).hostname not in LOOPBACK or not url.startswith("http://"):
            raise ValueError(f"refusing to send load to {url}")
        req = urllib.request.Request(url, data=body)  # noqa: S310 (http to loopback, checked)
        req.add_header("Referer", referer or self.last_url or url)
        if self.address:
            req.add_header("X-Forwarded-For", self.address)
        started = time.perf_counter()
        status, text, location = 0, "", None
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                status = response.status
                text = response.read().decode("utf-8", "replace")
                location = response.headers.get("Location")
        except urllib.error.HTTPError as exc:
            status = exc.code
            text = exc.read().decode("utf-8", "replace")
            location = exc.headers.get("Location")
        except OSError:
            status = 0
        elapsed = time.perf_counter() - started
        self.stats.add(label, elapsed, status, status in ok_statuses)
        self.last_body = text
        self.last_url = url
        return status, text, location

    def csrf(self, text=None):
        match = CSRF_RE.search(text if text is not None else self.last_body)
        return match.group(1) if match else ""

    def follow(self, label, location, **kwargs):
        if not location:
            return 0, "", None
        return self.request(label, urllib.parse.urljoin(self.last_url, location), **kwargs)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let the scenario see and time each redirect itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def run_threads(count, target, *args, barrier=False):
    """Run `target(index, *args)` in `count` threads; with barrier they start together."""
    gate = threading.Barrier(count) if barrier else None
    results = [None] * count

    def worker(index):
        if gate is not None:
            gate.wait()
        results[index] = target(index, *args)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
