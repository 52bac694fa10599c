#!/usr/bin/env python3
"""A lab's change visible on the platform (issue 14, item 9): against scripts/platform-demo.sh.

Lab 1's manager suspends and reinstates the lab's CNAS accreditation, alternately, --rounds
times; each time the script measures how long until the platform's public catalogue shows the
change (the lab's rows present or absent under scheme=CNAS). Prints p50 / p99 / max.
Usage: scripts/platform-demo.sh && tests/bench/platform_freshness.py [--rounds 20]
"""
import datetime
import json
import sys
import time
import urllib.parse
import urllib.request

PLATFORM, LAB = "http://127.0.0.1:8090", "http://127.0.0.1:8091"


def call(method, url, body=None, token=None, etag=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if etag:
        req.add_header("If-Match", etag)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"{}"), r.headers.get("ETag")


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 20
    token = call("POST", LAB + "/api/auth/login", {"username": "manager.liu", "password": "Assay-demo-2026"})[0]["token"]
    quals = call("GET", LAB + "/api/qualifications", token=token)[0]["items"]
    cnas = next(q for q in quals if q["scheme"] == "CNAS")
    link = call("GET", LAB + "/api/platform/link", token=token)[0]
    page = call("GET", PLATFORM + "/api/catalogue/labs/" + link["enrolment_id"])[0]
    name = page["lab"]["lab_name"]
    query = PLATFORM + "/api/catalogue?limit=100&scheme=CNAS&q=" + urllib.parse.quote("铅")
    today = datetime.date.today().isoformat()
    times = []
    for i in range(rounds):
        suspend = i % 2 == 0
        _, etag = call("GET", LAB + "/api/qualifications/" + cnas["id"], token=token)
        body = {"kind": "suspend" if suspend else "reinstate", "effective_date": today, "reason": "freshness benchmark"}
        t0 = time.monotonic()
        call("POST", LAB + "/api/qualifications/" + cnas["id"] + "/events", body, token, etag)
        while True:
            shown = any(r["lab_name"] == name for r in call("GET", query)[0]["items"])
            if shown != suspend:
                break
            if time.monotonic() - t0 > 30:
                raise SystemExit("not visible after 30 s")
            time.sleep(0.02)
        times.append(time.monotonic() - t0)
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print("platform freshness  rounds=%d  p50=%.2fs  p99=%.2fs  max=%.2fs  (target p99 <= 5 s)" % (rounds, pick(0.5), pick(0.99), times[-1]))


if __name__ == "__main__":
    main()
