"""Schemathesis against a live Roster: the OpenAPI document is the contract.

`cargo xtask` starts `roster serve --demo` on an in-memory database and runs this script with the
Python of `.tools/python`, where schemathesis is installed. It signs in as the demo administrator,
then runs schemathesis (`schemathesis.toml` beside this file) in two phases:

1. every operation but signing in and out, with the administrator's session;
2. signing in and out alone, last, with ending one of my sessions by its id (which may be this
   one). Signing out ends the session every other operation uses, so it cannot come earlier. Signing in comes with it: its failures are throttled per address, from
   the same budget as the current password of `POST /me/password`, so thousands of them in the
   first phase would leave that operation nothing but 429s to answer.

Between the two, the session must still work: a run whose session ended half-way would have
tested little but 401s. It prints the counts of each phase (operations, requests, and per check
the failures among the checks run), then one line the caller reads:

    schemathesis: N operations passed, N failed

and exits 1 on any failure.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "schemathesis.toml")
SESSION_OPERATIONS = ["sign_in", "sign_out", "end_my_session"]
COOKIE = "roster_session"


def request(method, url, origin, body=None, cookie=None):
    """A request to the server: (status, headers), or the error's status."""
    headers = {"Origin": origin, "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if cookie:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.headers
    except urllib.error.HTTPError as err:
        return err.code, err.headers


def sign_in(base, username, password):
    status, headers = request(
        "POST", f"{base}/api/v1/session", base, {"username": username, "password": password}
    )
    if status != 200:
        sys.exit(f"schemathesis: signing in as {username} answered {status}")
    for cookie in headers.get_all("Set-Cookie") or []:
        name, _, rest = cookie.partition("=")
        if name.strip() == COOKIE:
            return rest.split(";", 1)[0]
    sys.exit("schemathesis: signing in set no session cookie")


def signed_in(base, cookie):
    status, _ = request("GET", f"{base}/api/v1/me", base, cookie=cookie)
    return status == 200


def run_phase(name, base, cookie, seconds, operations, workdir, extra):
    """Runs schemathesis on the operations (`include` or `exclude` ids); returns its counts."""
    reports = os.path.join(workdir, name)
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        CONFIG,
        "run",
        f"{base}/api/v1/openapi.json",
        "--url",
        f"{base}/api/v1",
        "--header",
        f"Origin: {base}",
        "--max-time",
        str(seconds),
        "--report",
        "ndjson,json",
        "--report-dir",
        reports,
        "--no-color",
        *extra,
    ]
    kind, ids = operations
    for operation in ids:
        command += [f"--{kind}-operation-id", operation]
    print(f"\n--- schemathesis, {name} ({seconds} s at most)", flush=True)
    env = dict(os.environ, ROSTER_SESSION=cookie)
    started = time.monotonic()
    # Its output goes straight to the terminal; the counts come from its reports.
    code = subprocess.run(command, env=env, cwd=workdir).returncode
    counts = read_reports(reports)
    counts["seconds"] = time.monotonic() - started
    counts["exit_code"] = code
    return counts


def read_reports(reports):
    counts = {"checks": {}, "requests": 0, "operations": 0, "failed_operations": set(), "errors": 0}
    for path in glob.glob(os.path.join(reports, "*.ndjson")):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                event = json.loads(line)
                error = event.get("NonFatalError")
                if error:
                    # A request that could not be made or read (the server hung up, say).
                    counts["failed_operations"].add(error.get("label") or "?")
                finished = event.get("ScenarioFinished")
                if not finished:
                    continue
                recorder = finished.get("recorder") or {}
                counts["requests"] += len(recorder.get("interactions") or {})
                for results in (recorder.get("checks") or {}).values():
                    for result in results:
                        ran, failed = counts["checks"].get(result["name"], (0, 0))
                        counts["checks"][result["name"]] = (
                            ran + 1,
                            failed + (result["status"] == "failure"),
                        )
    for path in glob.glob(os.path.join(reports, "*.json")):
        with open(path, encoding="utf-8") as file:
            report = json.load(file)
        counts["operations"] = report["operations"]["tested"]
        counts["errors"] = len(report.get("errors") or [])
        counts["warnings"] = {k: v for k, v in (report.get("warnings") or {}).items() if v}
        for failure in report.get("failures") or []:
            counts["failed_operations"].update(failure.get("operations") or [])
    return counts


def show(name, counts):
    print(
        f"schemathesis {name}: {counts['operations']} operations, {counts['requests']} requests "
        f"in {counts['seconds']:.0f} s"
    )
    for check, (ran, failed) in sorted(counts["checks"].items()):
        print(f"  {check}: {failed} failed of {ran}")
    if counts["errors"]:
        print(f"  errors (requests that could not be made or read): {counts['errors']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="the server, http://HOST:PORT")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--seconds", type=int, default=150, help="the first phase's budget")
    parser.add_argument("--final-seconds", type=int, default=20, help="the last phase's budget")
    parser.add_argument("--seed", help="replay a run: the seed it printed")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    extra = ["--seed", args.seed] if args.seed else []

    cookie = sign_in(base, args.username, args.password)
    with tempfile.TemporaryDirectory(prefix="roster-schemathesis-") as workdir:
        phases = [
            (
                "operations",
                run_phase(
                    "operations",
                    base,
                    cookie,
                    args.seconds,
                    ("exclude", SESSION_OPERATIONS),
                    workdir,
                    extra,
                ),
            )
        ]
        alive = signed_in(base, cookie)
        if not alive:
            print("schemathesis: the administrator's session ended during the run: its answers are "
                  "not to be trusted")
        phases.append(
            (
                "sign-in and sign-out",
                run_phase(
                    "sign-in-and-out",
                    base,
                    cookie,
                    args.final_seconds,
                    ("include", SESSION_OPERATIONS),
                    workdir,
                    # No stateful phase: the links of the document lead to the other operations.
                    [*extra, "--phases", "examples,coverage,fuzzing"],
                ),
            )
        )

    print()
    passed = failed = 0
    ok = alive
    for name, counts in phases:
        show(name, counts)
        bad = len(counts["failed_operations"])
        failed += bad
        passed += counts["operations"] - bad
        ok = ok and counts["exit_code"] == 0 and bad == 0 and counts["errors"] == 0
    print(f"schemathesis: {passed} operations passed, {failed} failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
