#!/usr/bin/env python3
"""Times pm against the `cmark` program over the same generated postmortems (called by Benchmarks/run).

    Benchmarks/measure.py --pm PATH --work DIR --size N [--size N …] [--prose] [--repeat K] [--seed S]
                          [--only NAME,…] [--version-runs R]

For each size: generates the corpus (Benchmarks/generate.py, in a folder made by `pm init`), then, K times, runs
every command cold (no cache: `.pm-cache/` and `$XDG_CACHE_HOME/pm` removed first) and warm (again at once,
nothing changed), each right after a run of `cmark` over the same files, so that every pm run has a paired cmark
run and machine drift cancels out. Each run is spawned directly and reaped with wait4(2): wall time, CPU time
(user + system) and peak resident memory (ru_maxrss; for cmark, the largest of find, xargs and the cmark batches).
Reports medians over the K repetitions (peak memory: the largest), ratios as medians of the paired ratios.
Commands or flags this pm does not have are probed first and marked missing; the rest still runs.
"""
import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# (name, pm arguments after the command path, issue-13 target for the cold ratio to cmark)
REPORTS = [
    ("pm actions --open", ["actions", "--open"], 0.5),
    ("pm list", ["list"], 0.5),
    ("pm stats", ["stats"], 0.5),
    ("pm lint", ["lint"], 0.7),
]
RENDER_FULL, RENDER_ONE = "pm render (full)", "pm render (1 file changed)"
WARM_TARGET = 0.05        # any report again, nothing changed: ≤ 0.05× cmark
RENDER_TARGET = 1.5       # pm render full ≤ 1.5× cmark
RENDER_ONE_TARGET = 0.05  # pm render after one change ≤ 0.05 of a full render
VERSION_TARGET_MS = 10.0


def memory_target_mb(n):
    return 150 if n <= 10_000 else 400


def spawn(argv, env, stdout=os.devnull, stderr=os.devnull):
    """Runs argv; returns (wall s, cpu s, peak MB, exit status)."""
    out = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    actions = [(os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)]
    try:
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.close(out)
        os.close(err)
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


class Bench:
    def __init__(self, args):
        self.args = args
        self.pm = os.path.abspath(args.pm)
        self.env = dict(os.environ, NO_COLOR="1", PM_TODAY=args.today, XDG_CACHE_HOME=os.path.join(args.work, "xdg-cache"))
        self.env.pop("PM_NO_CACHE", None)
        self.env.pop("PM_DIR", None)
        self.stderr_dir = os.path.join(args.work, "stderr")
        os.makedirs(self.stderr_dir, exist_ok=True)

    # --- probes -----------------------------------------------------------------------------------------------
    def supports(self, argv, directory):
        _, _, _, code = spawn([self.pm] + argv + ["--dir", directory], self.env)
        return code in (0, 1)

    def probe(self, directory):
        """Which commands and flags this pm has (checked on a one-file copy of the corpus)."""
        probe_dir = os.path.join(self.args.work, "probe", "postmortems")
        if not os.path.isdir(probe_dir):
            os.makedirs(probe_dir)
            first = sorted(name for name in os.listdir(directory) if name.endswith(".md"))[0]
            shutil.copy(os.path.join(directory, first), probe_dir)
        self.has = {name: self.supports(argv, probe_dir) for name, argv, _ in REPORTS}
        site = os.path.join(self.args.work, "probe", "site")
        self.has[RENDER_FULL] = self.has[RENDER_ONE] = self.supports(["render", "--out", site], probe_dir)
        self.has_clean = self.supports(["render", "--clean", "--out", site], probe_dir)
        self.has_no_cache = self.supports(["list", "--no-cache"], probe_dir)

    # --- cache --------------------------------------------------------------------------------------------------
    def cache_paths(self, directory):
        return [os.path.join(directory, ".pm-cache"), os.path.join(os.path.dirname(directory), ".pm-cache"),
                os.path.join(self.env["XDG_CACHE_HOME"], "pm")]

    def clear_cache(self, directory):
        for path in self.cache_paths(directory):
            shutil.rmtree(path, ignore_errors=True)

    def cache_exists(self, directory):
        return any(os.path.exists(path) for path in self.cache_paths(directory))

    # --- one size ---------------------------------------------------------------------------------------------------
    def corpus(self, n):
        name = f"{n}{'-prose' if self.args.prose else ''}-seed{self.args.seed}"
        root = os.path.join(self.args.work, name)
        directory = os.path.join(root, "postmortems")
        stamp = os.path.join(root, ".complete")
        with open(os.path.join(HERE, "generate.py"), "rb") as handle:
            generator = hashlib.sha256(handle.read()).hexdigest()
        if not os.path.exists(stamp) or open(stamp).read() != generator:
            shutil.rmtree(root, ignore_errors=True)
            os.makedirs(root)
            # A directory as a team has it: `pm init` writes pm.yml (and, once the cache exists, its .gitignore).
            if subprocess.run([self.pm, "init", "--dir", directory], env=self.env, capture_output=True).returncode != 0:
                os.makedirs(directory, exist_ok=True)
            started = time.perf_counter()
            command = [sys.executable, os.path.join(HERE, "generate.py"), str(n), directory, "--seed", str(self.args.seed)]
            subprocess.run(command + (["--prose"] if self.args.prose else []), check=True)
            print(f"generated {n} postmortems in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            with open(stamp, "w") as handle:
                handle.write(generator)
        return root, directory

    def measure(self, n):
        root, directory = self.corpus(n)
        self.probe(directory)
        files = sorted(name for name in os.listdir(directory) if name.endswith(".md"))
        size = sum(os.path.getsize(os.path.join(directory, name)) for name in files)
        site = os.path.join(root, "site")
        quoted = directory.replace("'", "'\\''")
        cmark = ["bash", "-c", f"find '{quoted}' -name '*.md' -print0 | xargs -0 cmark"]
        cat = ["bash", "-c", f"find '{quoted}' -name '*.md' -print0 | xargs -0 cat"]
        only = set(self.args.only.split(",")) if self.args.only else None
        wanted = lambda name: only is None or any(word in name for word in only)
        runs = {}       # (name, phase) -> list of (wall, cpu, mb, cmark wall, cmark cpu, exit status)
        failures = {}   # (name, phase) -> first line of stderr
        cache_seen = False

        def paired(name, phase, argv):
            c_wall, c_cpu, c_mb, _ = spawn(cmark, self.env)
            runs.setdefault(("cmark", ""), []).append((c_wall, c_cpu, c_mb, c_wall, c_cpu, 0))
            log = os.path.join(self.stderr_dir, "last")
            wall, cpu, mb, code = spawn([self.pm] + argv, self.env, stderr=log)
            runs.setdefault((name, phase), []).append((wall, cpu, mb, c_wall, c_cpu, code))
            if code not in (0, 1) and (name, phase) not in failures:
                with open(log, errors="replace") as handle:
                    failures[(name, phase)] = (handle.readline().strip() or f"exit status {code}")

        # Warm-up: the files in the page cache, the binaries loaded.
        spawn(cat, self.env)
        spawn(cmark, self.env)
        for repetition in range(self.args.repeat):
            wall, cpu, mb, _ = spawn(cat, self.env)
            runs.setdefault(("cat", ""), []).append((wall, cpu, mb, wall, cpu, 0))
            for name, argv, _ in REPORTS:
                if not self.has[name] or not wanted(name):
                    continue
                self.clear_cache(directory)
                paired(name, "cold", argv + ["--dir", directory])
                cache_seen |= self.cache_exists(directory)
                paired(name, "warm", argv + ["--dir", directory])
            if self.has[RENDER_FULL] and wanted("render"):
                render = ["render", "--dir", directory, "--out", site]
                self.clear_cache(directory)
                shutil.rmtree(site, ignore_errors=True)
                paired(RENDER_FULL, "cold", render + (["--clean"] if self.has_clean else []))
                cache_seen |= self.cache_exists(directory)
                paired(RENDER_FULL, "warm", render)
                # One file changed (a different one each time), with the site and cache of the last render.
                changed = os.path.join(directory, files[(repetition * 7919) % len(files)])
                with open(changed, "rb") as handle:
                    original = handle.read()
                try:
                    with open(changed, "ab") as handle:
                        handle.write(f"\nEdited after the review (benchmark run {repetition + 1}).\n".encode())
                    paired(RENDER_ONE, "cold", render)
                    paired(RENDER_ONE, "warm", render)
                finally:  # the corpus stays as generated, for the next run that reuses it (--work)
                    with open(changed, "wb") as handle:
                        handle.write(original)
            print(f"  N = {n}: repetition {repetition + 1} of {self.args.repeat} done", file=sys.stderr)
        self.clear_cache(directory)
        return dict(n=n, size=size, runs=runs, failures=failures, cache_seen=cache_seen)

    def startup(self):
        times = {}
        for name, argv in (("pm --version", [self.pm, "--version"]), ("cmark --version", ["cmark", "--version"])):
            for _ in range(10):
                spawn(argv, self.env)
            times[name] = statistics.median(spawn(argv, self.env)[0] for _ in range(self.args.version_runs)) * 1000
        return times


# --- reporting --------------------------------------------------------------------------------------------------------
def seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def summary(samples):
    """Medians of wall, cpu and the paired ratios; the largest peak memory."""
    med = lambda index: statistics.median(sample[index] for sample in samples)
    return dict(wall=med(0), cpu=med(1), mb=max(sample[2] for sample in samples),
                ratio=statistics.median(s[0] / s[3] for s in samples), cpu_ratio=statistics.median(s[1] / s[4] for s in samples),
                codes=sorted({sample[5] for sample in samples}))


def report(bench, result, startup, mode):
    n, runs, failures = result["n"], result["runs"], result["failures"]
    cm = summary(runs[("cmark", "")])
    repeat = bench.args.repeat
    print(f"\nN = {n:,} postmortems ({mode}), {result['size'] / 1e6:.1f} MB; {repeat} repetition{'s' * (repeat != 1)}, "
          f"medians of paired runs (pm right after cmark)")
    print("\n| command | run | wall | CPU | peak MB | per file | wall ÷ cmark | CPU ÷ cmark | exit |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for name in ("cat", "cmark"):
        s = summary(runs[(name, "")])
        print(f"| {name} | | {seconds(s['wall'])} | {seconds(s['cpu'])} | {s['mb']:.0f} | {s['wall'] / n * 1e6:.0f} µs | "
              f"{s['wall'] / cm['wall']:.2f} | {s['cpu'] / cm['cpu']:.2f} | |")
    names = [name for name, _, _ in REPORTS] + [RENDER_FULL, RENDER_ONE]
    stats = {}
    for name in names:
        if not bench.has.get(name):
            print(f"| {name} | | missing | | | | | | |")
            continue
        for phase in ("cold", "warm"):
            if (name, phase) not in runs:
                continue
            s = stats[(name, phase)] = summary(runs[(name, phase)])
            note = f" ({failures[(name, phase)]})" if (name, phase) in failures else ""
            print(f"| {name} | {phase} | {seconds(s['wall'])} | {seconds(s['cpu'])} | {s['mb']:.0f} | "
                  f"{s['wall'] / n * 1e6:.0f} µs | {s['ratio']:.2f} | {s['cpu_ratio']:.2f} | "
                  f"{','.join(map(str, s['codes']))}{note} |")
    print()
    if not result["cache_seen"]:
        print("cache: none found after a run (no .pm-cache/, no $XDG_CACHE_HOME/pm): warm runs re-read every file")
    print(f"--no-cache: {'supported' if bench.has_no_cache else 'missing'}; render --clean: "
          f"{'supported' if bench.has_clean else 'missing'}")
    print(f"pm --version: {startup['pm --version']:.1f} ms, cmark --version: {startup['cmark --version']:.1f} ms "
          f"(medians of {bench.args.version_runs} runs)")

    # The table for the README: the targets next to this run.
    memory = memory_target_mb(n)
    check = lambda ok: "✓" if ok else "✗"
    print(f"\n| command | cold | warm | ÷ cmark, cold (CPU) | ÷ cmark, warm (CPU) | peak MB | target (issue 13) | met |")
    print("|---|---:|---:|---:|---:|---:|---|:-:|")
    print(f"| `cmark` (reference) | {seconds(cm['wall'])} | | 1 | | {cm['mb']:.0f} | | |")
    for name in names:
        label = {"pm actions --open": "`pm actions --open`", "pm list": "`pm list`", "pm stats": "`pm stats`",
                 "pm lint": "`pm lint`", RENDER_FULL: "`pm render` full", RENDER_ONE: "`pm render` after one changed file"}[name]
        cold, warm = stats.get((name, "cold")), stats.get((name, "warm"))
        if cold is None or warm is None:
            print(f"| {label} | {'missing' if not bench.has.get(name) else 'not run'} | | | | | | |")
            continue
        mb = max(cold["mb"], warm["mb"])
        ratios = (f"{cold['ratio']:.2f}× ({cold['cpu_ratio']:.2f}×) | {warm['ratio']:.2f}× ({warm['cpu_ratio']:.2f}×) | {mb:.0f}")
        if name == RENDER_ONE:
            of_full = cold["wall"] / stats[(RENDER_FULL, "cold")]["wall"]
            ok = of_full <= RENDER_ONE_TARGET and warm["ratio"] <= WARM_TARGET and mb <= memory
            print(f"| {label} | {seconds(cold['wall'])} ({of_full:.2f} of full) | {seconds(warm['wall'])} | {ratios} | "
                  f"≤ 0.05 of full; warm ≤ {WARM_TARGET}×; ≤ {memory} MB | {check(ok)} |")
            continue
        target = RENDER_TARGET if name == RENDER_FULL else dict(REPORTS_TARGETS)[name]
        ok = cold["ratio"] <= target and warm["ratio"] <= WARM_TARGET and mb <= memory
        print(f"| {label} | {seconds(cold['wall'])} | {seconds(warm['wall'])} | {ratios} | "
              f"≤ {target}×; warm ≤ {WARM_TARGET}×; ≤ {memory} MB | {check(ok)} |")
    version = startup["pm --version"]
    print(f"| `pm --version` | {version:.1f} ms | | | | | ≤ {VERSION_TARGET_MS:.0f} ms | {check(version <= VERSION_TARGET_MS)} |")


REPORTS_TARGETS = [(name, target) for name, _, target in REPORTS]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pm", required=True)
    parser.add_argument("--work", required=True, help="where corpora, sites and caches go (corpora are reused)")
    parser.add_argument("--size", type=int, action="append", required=True)
    parser.add_argument("--prose", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--only", help="comma-separated words: only the commands whose names contain one (e.g. lint,render)")
    parser.add_argument("--version-runs", type=int, default=200)
    parser.add_argument("--today", default="2026-11-21")
    args = parser.parse_args()
    args.work = os.path.abspath(args.work)
    bench = Bench(args)
    version = subprocess.run([bench.pm, "--version"], capture_output=True, text=True).stdout.strip()
    cmark = subprocess.run(["cmark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.machine())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    print(f"pm benchmark: {os.cpu_count()} cores, {memory / 1048576:.0f} GiB, {cpu}")
    print(f"pm {version}, {cmark}, {time.strftime('%Y-%m-%d')}")
    load = os.getloadavg()[0]
    results = []
    for n in args.size:
        results.append(bench.measure(n))
        raw = {f"{name}|{phase}": samples for (name, phase), samples in results[-1]["runs"].items()}
        with open(os.path.join(args.work, f"results-{n}{'-prose' if args.prose else ''}.json"), "w") as handle:
            json.dump(dict(n=n, size=results[-1]["size"], runs=raw), handle)
    print(f"load average (1 min) {load:.1f} before, {os.getloadavg()[0]:.1f} after: above {os.cpu_count()}, other "
          f"processes shared the cores and wall times grow; CPU times and paired ratios are steadier")
    startup = bench.startup()
    for result in results:
        report(bench, result, startup, "prose" if args.prose else "plain")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
