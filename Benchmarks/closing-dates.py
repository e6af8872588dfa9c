#!/usr/bin/env python3
"""Times pm's closing-date walk (issue 14) over a generated git history:

    Benchmarks/closing-dates.py                          # 10,000 postmortems, 2,000 commits, 3 runs each
    Benchmarks/closing-dates.py --files 1000 --commits 200 --repeat 1        # a smoke run
    Benchmarks/closing-dates.py --work /tmp/pm-closing --keep                # keep the repository

Builds a git repository (with `git fast-import`, so that building it takes seconds) holding FILES postmortems in
pm's format, added in a first commit, then COMMITS - 1 commits by six authors over two years, each changing a few
files the way people do: ticking items by hand, un-ticking them, rewording them (ids kept in `<!-- id:… -->`
comments, or derived from the words), adding items, and renaming files. Then runs `pm actions --done --format
json` over it:

- `PM_GIT=off`: no history read (what reading and printing cost without the walk);
- cold: no cache (`.pm-cache/closing-dates.tsv` removed): one `git log -p` over the directory, read and cached;
- warm: the cache keyed by HEAD is read instead;

and, alone, the `git log` pm runs (how much of the cold run is git's). Prints the medians in seconds, the walk's
own share (cold minus PM_GIT=off) and how many done actions got their day from git.

pm is .build/release/pm if built, else .build/debug/pm, unless --pm PATH (build with `swift build -c release`
for figures worth quoting).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUTHORS = [("Ama Mensah", "ama"), ("Bruno Costa", "bruno"), ("Chen Wei", "chen"), ("Dana Levi", "dana"),
           ("Erik Lund", "erik"), ("Fatima Zahra", "fatima")]
VERBS = ["Alert on", "Add a dashboard for", "Write a runbook for", "Add a canary for", "Rate-limit",
         "Add retries to", "Document", "Load-test", "Add a guard to", "Page on"]
THINGS = ["the checkout error rate", "replication lag", "the payment webhook", "the search indexer",
          "the CDN purge", "the certificate expiry", "the queue consumer", "the login service",
          "the nightly export", "the feature-flag cache", "disk usage on the brokers", "the DNS resolver"]
KINDS = ["prevent", "detect", "mitigate", "process"]
TOKEN_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


class Item:
    def __init__(self, rng, number):
        self.done = False
        self.text = f"{rng.choice(VERBS)} {rng.choice(THINGS)} ({number})"
        self.owner = rng.choice(AUTHORS)[1]
        self.due = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        self.kind = rng.choice(KINDS)
        # Most items carry an id comment (pm fix ids); some go by the id derived from their words.
        self.token = "".join(rng.choice(TOKEN_LETTERS) for _ in range(5)) if rng.random() < 0.8 else None

    def line(self):
        token = f" <!-- id:{self.token} -->" if self.token else ""
        return f"- [{'x' if self.done else ' '}] {self.text} @{self.owner} due:{self.due} #{self.kind}{token}"


class Postmortem:
    def __init__(self, rng, number):
        self.date = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
        self.slug = f"incident-{number:05d}"
        self.title = f"Incident {number}: {rng.choice(THINGS)} degraded"
        self.severity = rng.choice(["critical", "high", "medium", "low"])
        self.items = [Item(rng, number * 10 + i) for i in range(rng.randint(2, 5))]
        self.renames = 0

    @property
    def path(self):
        suffix = f"-v{self.renames}" if self.renames else ""
        return f"postmortems/{self.date}-{self.slug}{suffix}.md"

    def text(self):
        lines = ["---", f"title: {self.title}", f"date: {self.date}", f"severity: {self.severity}",
                 "status: published", "template: six-questions@2", "---", "", f"# {self.title}", "",
                 "## Summary", "", "The service returned errors for about an hour; the on-call rolled back.", "",
                 "## Action items", ""]
        lines += [item.line() for item in self.items]
        return "\n".join(lines) + "\n"


def fast_import_stream(args, out):
    """Writes the fast-import stream; returns the count of items ticked in the history."""
    rng = random.Random(args.seed)
    postmortems = [Postmortem(rng, n) for n in range(args.files)]
    when = 1_704_067_200  # 2024-01-01
    step = (2 * 365 * 86400) // max(args.commits, 1)
    mark = 0

    def blob(text):
        nonlocal mark
        mark += 1
        data = text.encode()
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
        return mark

    def commit(message, changes, author):
        nonlocal when
        when += step
        name, handle = author
        data = message.encode()
        out.write(b"commit refs/heads/main\n")
        out.write(f"author {name} <{handle}@example.com> {when} +0000\n".encode())
        out.write(f"committer {name} <{handle}@example.com> {when} +0000\n".encode())
        out.write(b"data %d\n" % len(data) + data + b"\n")
        # Each commit follows the branch's last one (fast-import's default within one stream).
        for change in changes:
            out.write(change.encode() + b"\n")
        out.write(b"\n")

    config = "template: six-questions@2\nseverities: [critical, high, medium, low]\n"
    changes = [f"M 100644 :{blob(config)} postmortems/pm.yml"]
    for postmortem in postmortems:
        changes.append(f"M 100644 :{blob(postmortem.text())} {postmortem.path}")
    commit("Import the postmortems", changes, AUTHORS[0])

    ticked = 0
    for number in range(1, args.commits):
        changes = []
        for postmortem in rng.sample(postmortems, args.files_per_commit):
            operation = rng.random()
            old_path = postmortem.path
            if operation < 0.45:  # tick an open item by hand
                open_items = [item for item in postmortem.items if not item.done]
                if open_items:
                    rng.choice(open_items).done = True
                    ticked += 1
            elif operation < 0.55:  # un-tick
                done = [item for item in postmortem.items if item.done]
                if done:
                    rng.choice(done).done = False
            elif operation < 0.75:  # reword (an item with an id keeps it; one without gets another)
                item = rng.choice(postmortem.items)
                item.text = f"{rng.choice(VERBS)} {rng.choice(THINGS)}, reworded in commit {number}"
            elif operation < 0.85:  # re-own, re-date
                item = rng.choice(postmortem.items)
                item.owner = rng.choice(AUTHORS)[1]
                item.due = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            elif operation < 0.93:  # a new item
                postmortem.items.append(Item(rng, number * 1000 + len(postmortem.items)))
            else:  # rename the file
                postmortem.renames += 1
                changes.append(f"D {old_path}")
            changes.append(f"M 100644 :{blob(postmortem.text())} {postmortem.path}")
        commit(f"Postmortem upkeep {number}", changes, rng.choice(AUTHORS))
    out.write(b"done\n")
    return ticked


def build_repository(args, folder):
    subprocess.run(["git", "init", "-q", "-b", "main", folder], check=True)
    stream_path = os.path.join(folder, ".git", "pm-bench.stream")
    with open(stream_path, "wb") as stream:
        ticked = fast_import_stream(args, stream)
    with open(stream_path, "rb") as stream:
        subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=folder, stdin=stream, check=True)
    os.remove(stream_path)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=folder, check=True)
    return ticked


def timed(command, cwd, environment):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"closing-dates: {' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=2_000)
    parser.add_argument("--files-per-commit", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--pm", help="the pm binary (default: .build/release/pm, else .build/debug/pm)")
    parser.add_argument("--work", help="where to build the repository (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the repository")
    args = parser.parse_args()

    pm = args.pm or next((p for p in (os.path.join(ROOT, ".build", c, "pm") for c in ("release", "debug"))
                          if os.access(p, os.X_OK)), None)
    if not pm:
        sys.exit("closing-dates: no pm binary; run `swift build -c release` first, or pass --pm PATH")
    work = args.work or tempfile.mkdtemp(prefix="pm-closing-")
    if os.path.exists(os.path.join(work, ".git")):
        shutil.rmtree(work)
    os.makedirs(work, exist_ok=True)
    try:
        start = time.perf_counter()
        ticked = build_repository(args, work)
        print(f"repository: {args.files:,} postmortems, {args.commits:,} commits, {ticked:,} ticks by hand "
              f"(built in {time.perf_counter() - start:.1f} s) at {work}")
        print(f"pm: {pm}")
        environment = dict(os.environ)
        environment.pop("PM_GIT", None)
        command = [pm, "actions", "--done", "--format", "json", "--dir", "postmortems"]
        cache = os.path.join(work, "postmortems", ".pm-cache")
        figures = {"off": [], "cold": [], "warm": [], "git": []}
        log = ["git", "log", "-p", "-M", "-U0", "--no-ext-diff", "--no-textconv", "--topo-order", "--reverse",
               "--relative", "--format=%x01pm-commit%x01%H%x09%as%x09%an%x09%ae%x09%s", "--", "."]
        output = b"[]"
        for _ in range(args.repeat):
            figures["off"].append(timed(command, work, dict(environment, PM_GIT="off"))[0])
            shutil.rmtree(cache, ignore_errors=True)
            elapsed, output = timed(command, work, environment)
            figures["cold"].append(elapsed)
            figures["warm"].append(timed(command, work, environment)[0])
            figures["git"].append(timed(log, os.path.join(work, "postmortems"), environment)[0])
        records = json.loads(output or b"[]")
        sources = {}
        for record in records:
            sources[record.get("closed_source")] = sources.get(record.get("closed_source"), 0) + 1
        median = {name: statistics.median(values) for name, values in figures.items()}
        print(f"done actions: {len(records):,} ({', '.join(f'{k}: {v:,}' for k, v in sorted(sources.items()))})")
        print(f"medians of {args.repeat} run{'s' if args.repeat != 1 else ''} of `pm actions --done --format json`:")
        print(f"  PM_GIT=off (no walk)          {median['off']:7.2f} s")
        print(f"  cold (git log, read, cache)   {median['cold']:7.2f} s   walk: {median['cold'] - median['off']:.2f} s")
        print(f"  warm (HEAD-keyed cache)       {median['warm']:7.2f} s   cache: {median['warm'] - median['off']:.2f} s")
        print(f"  the git log alone             {median['git']:7.2f} s")
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
