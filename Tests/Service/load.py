"""Loads a running `rueda serve` on loopback with wrk and prints requests per second, p50/p99 latency and errors.

Three targets at 64 connections: /healthz (no database: the baseline of the same run), a participant's agenda page
(signed in through its personal link) and an organiser API list (companies, 50 per page). Fails when any response
is an error (non-2xx/3xx) or a socket error: the figures are printed, never asserted.

  python3 Tests/Service/load.py --seconds 5 --build debug
Environment: RUEDA_SERVICE_URL, RUEDA_SERVICE_KEY, RUEDA_INVITES_PUBLISHED, RUEDA_WORK.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

BASE = os.environ["RUEDA_SERVICE_URL"]
KEY = os.environ["RUEDA_SERVICE_KEY"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_cookie():
    """Opens the first published participant's link and returns its session cookie."""
    with open(os.environ["RUEDA_INVITES_PUBLISHED"], encoding="utf-8-sig") as file:
        link = next(csv.DictReader(file))["link"]
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(link)
    except urllib.error.HTTPError as redirect:
        cookie = redirect.headers.get("Set-Cookie", "")
        return cookie.split(";")[0]
    sys.exit("load: the invite link did not redirect with a session cookie")


def seconds(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def warm(path, header):
    """One request before the load, so that the figures are the steady state, not the first view's build."""
    request = urllib.request.Request(BASE + path)
    if header:
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    with urllib.request.urlopen(request) as response:
        if response.status != 200:
            sys.exit(f"load: {path} answered {response.status} before the load")


def run(path, header, duration):
    warm(path, header)
    command = ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if header:
        command += ["-H", header]
    output = subprocess.run(command + [BASE + path], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = seconds(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = seconds(re.search(r"\s99%\s+(\S+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return {"rate": rate, "p50": p50, "p99": p99, "total": total, "errors": errors}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--build", default="debug")
    arguments = parser.parse_args()
    cookie = session_cookie()
    targets = [
        ("baseline: GET /healthz", "/healthz", None),
        ("participant agenda page", "/p/agenda", f"Cookie: {cookie}"),
        ("API: list 50 companies", "/api/v1/companies?limit=50", f"Authorization: Bearer {KEY}"),
    ]
    results = [(name, run(path, header, arguments.seconds)) for name, path, header in targets]
    baseline = results[0][1]["rate"]
    print(f"\nwrk, 2 threads, 64 connections, {arguments.seconds} s per target, loopback, {arguments.build} build")
    print("| target | requests/s | vs baseline | p50 ms | p99 ms | requests | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, result in results:
        print(
            f"| {name} | {result['rate']:.0f} | {result['rate'] / baseline:.2f} | {result['p50'] * 1000:.1f} | "
            f"{result['p99'] * 1000:.1f} | {result['total']} | {result['errors']} |"
        )
    failed = [name for name, result in results if result["errors"] > 0 or result["total"] == 0]
    if failed:
        sys.exit(f"load: errors under load on {', '.join(failed)}")


if __name__ == "__main__":
    main()
