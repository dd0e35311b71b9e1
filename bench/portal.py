"""How long a clerk waits for the portal's verdict on an upload, against reading the file alone.

    python -m bench.portal [--rounds 5] [--concurrency 20]

A real `tineng serve` on a free port (its own process, two reader workers, as deployed) in a
scratch workspace with one clerk account and API token per unit. Each round is a burst: one
thread per upload, all released together, each a POST /api/upload with httpx timed from the
request to the parsed JSON verdict. A burst holds `--concurrency` filled templates for 2021-06
(each unit's own, from the project's template writer filled in with openpyxl) and the hostile
files below (金银湖街's clerk, 2021-03). One burst runs untimed first (the server's imports, the
page cache).

The floor is `read_submission` alone on the same files in this process (what a refresh does with
each file), one after another. The target: p95 under 1 s for a template.

The reader pool's workers come from a forkserver that imports the main module again: every import
of the project is inside main(), and main() runs only under `if __name__ == "__main__"`.
"""

import argparse
import math
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TEMPLATE_PERIOD, HOSTILE_PERIOD = "2021-06", "2021-03"
HOSTILE = ("truncated xlsx", "shared-string bomb", "64 MB whitespace sheet", "CSV of 100,001 rows")
TARGET_P95_S = 1.0
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
VERDICT = re.compile(r'class="card verdict verdict-(\w+)"')


def _percentile(samples: list[float], p: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(port: int, log: Path) -> subprocess.Popen:
    import httpx

    env = os.environ | {"PYTHONPATH": str(PROJECT)}
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("tineng")), "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"tineng serve exited:\n{log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"tineng serve did not answer:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def _burst(sends: list) -> list[tuple[float, str]]:
    """All uploads at once, one thread each: (seconds to the verdict, verdict) per upload."""
    results: list[tuple[float, str] | None] = [None] * len(sends)
    start = threading.Barrier(len(sends))

    def run(index: int) -> None:
        start.wait()
        began = time.perf_counter()
        verdict = sends[index]()
        results[index] = (time.perf_counter() - began, verdict)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sends))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results  # type: ignore[return-value]


def _api_send(client, base: str, token: str, period: str, name: str, content: bytes):
    """POST /api/upload with the clerk's token: the verdict from the JSON receipt."""

    def send() -> str:
        response = client.post(
            f"{base}/api/upload",
            headers={"Authorization": f"Bearer {token}"},
            data={"period": period},
            files={"file": (name, content)},
        )
        return response.json()["verdict"] if response.status_code == 200 else f"HTTP {response.status_code}"

    return send


def _page_send(client, base: str, csrf: str, period: str, name: str, content: bytes):
    """POST /unit/upload as the page's form does, signed in: the verdict from the page."""

    def send() -> str:
        response = client.post(
            f"{base}/unit/upload", data={"period": period, "csrf": csrf}, files={"file": (name, content)}
        )
        found = VERDICT.search(response.text)
        return found.group(1) if response.status_code == 200 and found else f"HTTP {response.status_code}"

    return send


def _report(label: str, waited: dict, verdicts: dict, floor: dict, walls: list, sequential: float) -> None:
    from bench.common import Timing

    print(label)
    for kind in ("template", "hostile"):
        samples, alone = waited[kind], Timing.of(floor[kind])
        p95 = _percentile(samples, 95)
        line = (
            f"  {kind:8} n={len(samples):3}: p50 {_percentile(samples, 50):.2f} s, p95 {p95:.2f} s,"
            f" max {max(samples):.2f} s; verdicts {sorted(verdicts[kind])}"
        )
        if kind == "template":
            line += f"; target p95 < {TARGET_P95_S:g} s: {'met' if p95 < TARGET_P95_S else 'NOT met'}"
        print(line)
        print(f"  {'':8} p95 upload / read_submission alone (median): {p95 / alone.median:,.0f}x")
    wall = Timing.of(walls)
    print(
        f"  whole burst: {wall.format('s', 2)}; / the same files read one after another: {wall.median / sequential:.0f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=20, help="filled templates per burst")
    args = parser.parse_args()

    import httpx

    from bench.common import Timing, scratch_dir

    with scratch_dir("bench-portal-") as root:
        os.environ["TINENG_RAW_DIR"] = str(root / "raw")
        os.environ["TINENG_WAREHOUSE_DIR"] = str(root / "warehouse")
        os.environ["TINENG_BUILD_DB"] = str(root / "warehouse" / "build" / "tineng.duckdb")
        os.environ["TINENG_LEDGER_DIR"] = str(root / "ledger")
        from orchestration import reference, settings
        from orchestration.ingest.read import read_submission
        from orchestration.portal import accounts
        from tests.reliability import hostile
        from tests.reliability.kinds import KINDS

        units = [u for u in sorted(reference.units()) if reference.assignments_for(u)][: args.concurrency]
        if len(units) < args.concurrency:
            raise SystemExit(f"the plan has {len(units)} submitting units; --concurrency needs one each")
        jyh = "S06" if "S06" in units else units[0]
        with accounts.connect(settings.accounts_db()) as connection:
            passwords = {unit: accounts.add(connection, f"clerk_{unit}", "clerk", unit) for unit in units}
            tokens = {unit: accounts.new_token(connection, f"clerk_{unit}") for unit in units}
        made = root / "made"
        files = []  # (unit, period, path, kind)
        for unit in units:
            path = made / TEMPLATE_PERIOD / f"{TEMPLATE_PERIOD}_{unit}.xlsx"
            files.append(
                (unit, TEMPLATE_PERIOD, hostile.filled_template(path, unit, TEMPLATE_PERIOD), "template")
            )
        by_name = {k.name: k for k in KINDS}
        for name in HOSTILE:
            path = made / by_name[name].path
            by_name[name].make(path)
            files.append((jyh, HOSTILE_PERIOD, path, "hostile"))
        contents = [path.read_bytes() for _, _, path, _ in files]

        # The floor: read_submission alone, each file once per round, one after another.
        floor: dict[str, list[float]] = {"template": [], "hostile": []}
        for _, period, path, _ in files:
            read_submission(path, period)  # imports, page cache
        for _ in range(args.rounds):
            for _, period, path, kind in files:
                began = time.perf_counter()
                read_submission(path, period)
                floor[kind].append(time.perf_counter() - began)
        sequential = sum(Timing.of(floor[kind]).median for *_, kind in files)

        port = _free_port()
        server = _serve(port, root / "serve.log")
        base = f"http://127.0.0.1:{port}"
        measured = {}
        try:
            limits = httpx.Limits(max_connections=len(files), max_keepalive_connections=len(files))
            with httpx.Client(timeout=120, limits=limits) as api:
                sessions = {}
                for unit in units:  # each clerk signed in once, as in a browser
                    client = httpx.Client(base_url=base, timeout=120)
                    csrf = CSRF.search(client.get("/login").text).group(1)
                    client.post(
                        "/login", data={"name": f"clerk_{unit}", "password": passwords[unit], "csrf": csrf}
                    )
                    sessions[unit] = (client, CSRF.search(client.get("/unit").text).group(1))
                paths = {
                    "API (POST /api/upload, Bearer token)": [
                        _api_send(api, base, tokens[unit], period, path.name, content)
                        for (unit, period, path, _), content in zip(files, contents, strict=True)
                    ],
                    "page form (POST /unit/upload, signed-in session)": [
                        _page_send(sessions[unit][0], base, sessions[unit][1], period, path.name, content)
                        for (unit, period, path, _), content in zip(files, contents, strict=True)
                    ],
                }
                for label, sends in paths.items():
                    _burst(sends)  # untimed
                    waited = {"template": [], "hostile": []}
                    verdicts = {"template": set(), "hostile": set()}
                    walls = []
                    for _ in range(args.rounds):
                        began = time.perf_counter()
                        results = _burst(sends)
                        walls.append(time.perf_counter() - began)
                        for (seconds, verdict), (*_, kind) in zip(results, files, strict=True):
                            waited[kind].append(seconds)
                            verdicts[kind].add(verdict)
                    measured[label] = (waited, verdicts, walls)
                for client, _ in sessions.values():
                    client.close()
        finally:
            _stop(server)

    print(
        f"portal upload → verdict against tineng serve (2 reader workers), httpx, one thread per upload:"
        f" bursts of {args.concurrency} filled templates + {len(HOSTILE)} hostile files at once,"
        f" {args.rounds} bursts per path (one more untimed first)"
    )
    for kind in ("template", "hostile"):
        print(f"read_submission alone, one process, {kind}: {Timing.of(floor[kind]).format('s', 3)} per file")
    for label, (waited, verdicts, walls) in measured.items():
        _report(label, waited, verdicts, floor, walls, sequential)


if __name__ == "__main__":
    main()
