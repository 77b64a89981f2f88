"""Benchmark the issue API over real HTTP.

    .venv/bin/python bench/api.py [--data-dir DIR | --issues N] [--url URL]
        [--workers W] [--duration S] [--concurrency 1,8] [--ops get,list,...]
        [--json OUT] [--py-spy-op OP --py-spy-out FILE]

Reads DIR/bench.json written by bench/generate.py (token, project keys, busiest
assignee, search words; default DIR is bench/out/data-N, N from --issues, 10,000).
Unless --url is given it starts ``cairn serve --workers W`` on a free port against
that data (and CAIRN_DATABASE_URL when set), and stops it at the end.

Operations, each run for --duration seconds (after a short warm-up) per concurrency:
  get     GET  /api/v1/issues/KEY-n               (random n)
  list    GET  /api/v1/projects/KEY/issues?status=open&assignee=BUSIEST&limit=50
  search  GET  /api/v1/projects/KEY/issues?text=WORD&limit=50   (rare and common words)
  update  PATCH /api/v1/issues/KEY-n with If-Match  (each client its own issues)
  create  POST /api/v1/projects/KEY/issues

The load generator is one thread per concurrent client, each with its own keep-alive
httpx.Client.  To show that the client is not the bottleneck it first measures its
own ceiling against a trivial ASGI app (same server, same client), and for every cell
it reports the client's CPU (percent of one core) and the server processes' CPU
(percent of one core, so up to 100 x workers).

Prints one row per cell: operation, concurrency, requests/s, p50 ms, p99 ms, errors,
server CPU %, client CPU %, and the machine's 1-minute load average at the end of
the cell (on a shared 2-core machine anything above ~2.5 means other work was competing
for the CPUs: the figures are then lower bounds).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OPS = ("get", "list", "search", "update", "create")
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cairn_bin() -> str:
    candidate = Path(sys.executable).parent / "cairn"
    return str(candidate) if candidate.exists() else "cairn"


class Server:
    """`cairn serve` in its own process group, so stopping it stops its workers."""

    def __init__(self, data_dir: Path, workers: int, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, CAIRN_DATA_DIR=str(data_dir), CAIRN_LOG_LEVEL="WARNING")
        self.log = open(data_dir / f"server-{self.port}.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [cairn_bin(), "serve", "--port", str(self.port), "--workers", str(workers)],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self, token: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                r = httpx.get(f"{self.url}/api/v1/me", headers=auth(token), timeout=2)
                if r.status_code == 200:
                    return
                if r.status_code == 401:
                    raise RuntimeError("the token in bench.json is refused: run bench/generate.py again")
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout} s; see {self.log.name}")

    def pids(self) -> list[int]:
        return process_tree(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


STUB_APP = '''
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b'{"ok": true}'})
'''


def stub_server() -> tuple[subprocess.Popen[bytes], str]:
    """A trivial ASGI app under the same uvicorn: what the client alone can drive."""
    port = free_port()
    code = STUB_APP + (
        "\nimport uvicorn\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning', lifespan='off')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url + "/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return proc, url


# ---------------------------------------------------------------- the load

def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Result:
    op: str
    concurrency: int
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    server_cpu_pct: float | None
    client_cpu_pct: float
    client_ms_per_req: float
    load_avg: float | None = None
    first_error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Workload:
    """Makes the request functions; each returns (ok, description-on-error)."""

    def __init__(self, meta: dict[str, Any], seed: int = 0) -> None:
        self.meta = meta
        self.project = meta["projects"][0]["key"]
        self.size = meta["projects"][0]["issues"]
        self.assignee = meta["assignees"][0] if meta.get("assignees") else "me"
        self.words = meta.get("search_words") or ["login"]
        self.users = meta.get("users") or []
        self.labels = meta.get("labels") or []
        self.seed = seed

    def make(self, op: str, client: httpx.Client, worker: int, workers: int) -> Callable[[], tuple[bool, str]]:
        rng = random.Random(f"{self.seed}-{op}-{worker}")
        p = self.project
        if op == "get":
            def get() -> tuple[bool, str]:
                r = client.get(f"/api/v1/issues/{p}-{rng.randint(1, self.size)}")
                return r.status_code == 200, _err(r)
            return get
        if op == "list":
            url = f"/api/v1/projects/{p}/issues"
            params = {"status": "open", "assignee": self.assignee, "limit": "50"}

            def list_() -> tuple[bool, str]:
                r = client.get(url, params=params)
                return r.status_code == 200 and len(r.json()["items"]) > 0, _err(r)
            return list_
        if op == "search":
            url = f"/api/v1/projects/{p}/issues"
            counter = iter(range(10**9))

            def search() -> tuple[bool, str]:
                word = self.words[(next(counter) + worker) % len(self.words)]
                r = client.get(url, params={"text": word, "limit": "50"})
                return r.status_code == 200, _err(r)
            return search
        if op == "update":
            return self._updater(client, rng, worker, workers)
        if op == "create":
            def create() -> tuple[bool, str]:
                body = {
                    "title": f"Bench issue {rng.randrange(10**9)} from client {worker}",
                    "description": "Created by bench/api.py.\n\nSteps: none.",
                    "type": rng.choice(["Task", "Bug", "Feature"]),
                    "priority": rng.choice(["High", "Medium", "Low"]),
                    "assignee": rng.choice(self.users) if self.users else None,
                    "labels": rng.sample(self.labels, min(2, len(self.labels))),
                }
                r = client.post(f"/api/v1/projects/{p}/issues", json=body)
                return r.status_code == 201, _err(r)
            return create
        raise ValueError(op)

    def _updater(self, client: httpx.Client, rng: random.Random, worker: int, workers: int):  # type: ignore[no-untyped-def]
        # Disjoint issues per client, so an If-Match can only fail if the server is wrong.
        numbers = [n for n in range(1 + worker, self.size + 1, max(workers, 8))][:200]
        rng.shuffle(numbers)
        state: dict[int, tuple[str, str]] = {}  # number -> (etag, priority)
        i = iter(range(10**9))

        def update() -> tuple[bool, str]:
            n = numbers[next(i) % len(numbers)]
            if n not in state:  # untimed-in-spirit: one GET the first time we see an issue
                r = client.get(f"/api/v1/issues/{self.project}-{n}")
                state[n] = (r.headers["etag"], r.json()["priority"])
            etag, priority = state[n]
            new = "Low" if priority == "High" else "High"
            r = client.patch(f"/api/v1/issues/{self.project}-{n}", json={"priority": new},
                             headers={"If-Match": etag})
            if r.status_code == 200:
                state[n] = (r.headers["etag"], new)
                return True, ""
            state.pop(n, None)
            return False, _err(r)
        return update


def _err(r: httpx.Response) -> str:
    if r.status_code < 300:
        return ""
    return f"{r.status_code} {r.text[:200]}"


def run_cell(
    base_url: str, token: str | None, op: str, concurrency: int, duration: float, warmup: float,
    workload: Workload | None, server_pids: list[int], on_measure: Callable[[], None] | None = None,
) -> Result:
    headers = auth(token) if token else {}
    clients = [httpx.Client(base_url=base_url, headers=headers, timeout=60) for _ in range(concurrency)]
    if workload is None:
        fns = [(lambda c=c: (c.get("/").status_code == 200, "")) for c in clients]
    else:
        fns = [workload.make(op, c, w, concurrency) for w, c in enumerate(clients)]
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    first_error: list[str] = []
    phase = {"measuring": False, "stop": False}
    barrier = threading.Barrier(concurrency + 1)

    def loop(w: int) -> None:
        fn, lat = fns[w], latencies[w]
        barrier.wait()
        while not phase["stop"]:
            t0 = time.perf_counter()
            try:
                ok, err = fn()
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                ok, err = False, repr(exc)
            t1 = time.perf_counter()
            if phase["measuring"]:
                lat.append(t1 - t0)
                if not ok:
                    errors[w] += 1
                    if not first_error:
                        first_error.append(err)

    threads = [threading.Thread(target=loop, args=(w,), daemon=True) for w in range(concurrency)]
    for t in threads:
        t.start()
    barrier.wait()
    time.sleep(warmup)
    if on_measure:
        on_measure()
    cpu0_client, cpu0_server = time.process_time(), cpu_seconds(server_pids)
    t0 = time.perf_counter()
    phase["measuring"] = True
    time.sleep(duration)
    phase["measuring"] = False
    elapsed = time.perf_counter() - t0
    cpu_client = time.process_time() - cpu0_client
    cpu_server = cpu_seconds(server_pids) - cpu0_server
    phase["stop"] = True
    for t in threads:
        t.join(60)
    for c in clients:
        c.close()
    lat = sorted(x for per in latencies for x in per)
    n = len(lat)

    def pct(q: float) -> float:
        return 1000 * lat[min(n - 1, int(q * n))] if n else float("nan")

    return Result(
        op=op, concurrency=concurrency, requests=n, seconds=round(elapsed, 2),
        rps=round(n / elapsed, 1), p50_ms=round(pct(0.50), 2), p90_ms=round(pct(0.90), 2),
        p99_ms=round(pct(0.99), 2), max_ms=round(1000 * lat[-1], 1) if n else float("nan"),
        errors=sum(errors),
        server_cpu_pct=round(100 * cpu_server / elapsed, 1) if server_pids else None,
        client_cpu_pct=round(100 * cpu_client / elapsed, 1),
        client_ms_per_req=round(1000 * cpu_client / n, 3) if n else float("nan"),
        load_avg=round(os.getloadavg()[0], 2),
        first_error=first_error[0] if first_error else None,
    )


# ---------------------------------------------------------------- output

HEADER = f"{'operation':<10} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'srv cpu%':>8} {'cli cpu%':>8} {'load':>5}"


def row(r: Result) -> str:
    srv = "-" if r.server_cpu_pct is None else f"{r.server_cpu_pct:.0f}"
    return (f"{r.op:<10} {r.concurrency:>4} {r.rps:>8.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} "
            f"{r.errors:>6} {srv:>8} {r.client_cpu_pct:>8.0f} {r.load_avg or 0:>5.1f}")


def markdown(results: list[Result]) -> str:
    lines = ["| operation | concurrency | req/s | p50 ms | p99 ms | errors |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r.op} | {r.concurrency} | {r.rps:.1f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} |"
              for r in results]
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--issues", type=int, default=10_000, help="picks bench/out/data-N")
    parser.add_argument("--url", default=None, help="target a running server instead")
    parser.add_argument("--token", default=None, help="default: the one in bench.json")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per cell")
    parser.add_argument("--warmup", type=float, default=1.5, help="seconds before each cell")
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--ops", default=",".join(OPS))
    parser.add_argument("--no-calibrate", action="store_true", help="skip the client-ceiling run")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--py-spy-op", default=None, help="profile the server during this op (at top concurrency)")
    parser.add_argument("--py-spy-out", type=Path, default=None, help="collapsed-stack output file")
    parser.add_argument("--py-spy", default="py-spy", help="the py-spy binary")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = (args.data_dir or BENCH_DIR / "out" / (
        f"data-{args.issues}" + ("-pg" if os.environ.get("CAIRN_DATABASE_URL", "").startswith("postgres") else "")
    )).resolve()
    meta_file = data_dir / "bench.json"
    if not meta_file.exists():
        print(f"{meta_file} not found: run bench/generate.py --issues N first", file=sys.stderr)
        return 2
    meta = json.loads(meta_file.read_text())
    token = args.token or meta["token"]
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    ops = [o.strip() for o in args.ops.split(",") if o.strip()]
    unknown = set(ops) - set(OPS)
    if unknown:
        print(f"unknown ops: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2

    results: list[Result] = []
    calibration: list[Result] = []
    if not args.no_calibrate:
        proc, stub_url = stub_server()
        try:
            for c in concurrencies:
                calibration.append(run_cell(stub_url, None, "stub", c, min(args.duration, 3.0),
                                            0.5, None, process_tree(proc.pid)))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()

    server = None
    if args.url:
        base_url = args.url.rstrip("/")
        pids: list[int] = []
    else:
        server = Server(data_dir, args.workers)
        base_url = server.url
    try:
        if server:
            server.wait_ready(token)
            pids = server.pids()
        workload = Workload(meta, args.seed)
        env = os.environ.get("CAIRN_DATABASE_URL", "")
        print(f"# Cairn API benchmark: {meta['issues']:,} issues ({meta.get('database', '?')}"
              f"{', ' + env.split('@')[-1] if env else ''}), project {workload.project} "
              f"({workload.size:,} issues), {args.workers if server else '?'} server worker(s), "
              f"{args.duration:g} s per cell, {os.cpu_count()} CPUs, Python {platform.python_version()}")
        if calibration:
            ceiling = ", ".join(f"c={r.concurrency}: {r.rps:,.0f} req/s at {r.client_ms_per_req:.2f} ms client CPU/req"
                                for r in calibration)
            print(f"# client ceiling (trivial ASGI app, same uvicorn): {ceiling}")
        print(HEADER, flush=True)
        for op in ops:
            for c in concurrencies:
                profiler: list[subprocess.Popen[bytes]] = []

                def start_profiler(op: str = op, c: int = c, profiler: list[Any] = profiler) -> None:
                    if args.py_spy_op == op and c == max(concurrencies) and pids:
                        out = args.py_spy_out or data_dir / f"py-spy-{op}.txt"
                        workers = [p for p in pids if p != pids[0]] or pids
                        for k, pid in enumerate(workers):
                            target = out if len(workers) == 1 else out.with_suffix(f".{k}{out.suffix}")
                            profiler.append(subprocess.Popen(
                                [args.py_spy, "record", "-p", str(pid), "-d", str(int(args.duration)),
                                 "-r", "200", "-f", "raw", "-o", str(target), "--nonblocking"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

                r = run_cell(base_url, token, op, c, args.duration, args.warmup, workload, pids,
                             on_measure=start_profiler)
                for p in profiler:
                    p.wait()
                results.append(r)
                print(row(r), flush=True)
                if server and server.proc.poll() is not None:
                    print(f"the server stopped (exit {server.proc.returncode}) during {op} at c={c}; "
                          f"see {server.log.name}: results after this point are void", flush=True)
                    results.pop()
                    raise SystemExit(3)
                if r.errors:
                    print(f"  first error: {r.first_error}", flush=True)
        if args.markdown:
            print()
            print(markdown(results))
    finally:
        if server:
            server.stop()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "issues": meta["issues"], "database": meta.get("database"), "workers": args.workers,
            "duration": args.duration, "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "calibration": [asdict(r) for r in calibration],
            "results": [asdict(r) for r in results],
        }, indent=2))
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
