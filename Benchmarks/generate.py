#!/usr/bin/env python3
"""Writes N postmortems in pm's format, deterministically (seeded), sized like real ones.

    Benchmarks/generate.py N OUT_DIR [--seed S]

Each file is 3-8 KB with 3-8 action items, varied sections and metadata, written from both built-in
templates; a few percent have lint findings (a missing owner, an unanswered section, a blaming phrase).
The same N and seed always give the same files, byte for byte.
"""
import argparse
import os
import random

WORDS = ("service queue worker database replica primary cache token certificate deploy release rollout "
         "migration index query latency rate alert page runbook dashboard customer support user "
         "request timeout retry backoff pool connection lock table schema config flag traffic region "
         "load balancer health check webhook provider payment message notification job scheduler disk "
         "memory cpu thread process container node cluster network dns gateway api endpoint client").split()
TEAMS = ["sam", "jo", "priya", "tomasz", "amara", "li", "ben", "noor", "kai", "ines", "omar", "yuki"]
SERVICES = ["api", "payments", "messenger", "bank-sync", "insights", "notifications", "auth", "search", "ledger"]
TAGS = ["database", "third-party", "deploy", "config", "capacity", "credentials", "network", "latency"]
KINDS = ["prevent", "detect", "mitigate", "process", "runbook"]
SEVERITIES = ["critical", "high", "medium", "low"]
STATUSES = ["published", "published", "published", "in-review", "draft"]
DETECTION = ["alert", "error-tracker", "customer-support", "user", "engineer"]
V1 = ["What went wrong?", "What was the impact of the problem?", "What was the root cause of the problem?",
      "How did we fix it?",
      "What could we do differently in the future to prevent this from happening (if possible/feasible)?",
      "What could we do to find and fix the issue faster?"]
V2 = ["Summary", "What was the scale and impact of the issue?", "What was the root cause, beyond its symptoms?",
      "How were we made aware of the problem?", "How was the problem resolved?",
      "What reasonable steps could prevent this from happening again?", "Timeline", "People involved"]


def sentence(rng, words=None):
    n = words or rng.randint(8, 20)
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    if words is None and rng.random() < 0.2:
        text += " in `" + rng.choice(WORDS) + "_" + rng.choice(WORDS) + "`"
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def postmortem(rng, index, flawed):
    year = 2015 + index % 11
    month = 1 + (index * 7) % 12
    day = 1 + (index * 13) % 28
    date = f"{year:04d}-{month:02d}-{day:02d}"
    title = sentence(rng, rng.randint(4, 9)).rstrip(".")
    slug = "-".join("".join(c for c in word if c.isalnum()) for word in title.lower().split()[:6])
    hour = rng.randint(0, 20)
    detect = rng.randint(1, 90)
    resolve = rng.randint(5, 400)
    version = rng.choice([1, 2])
    lines = ["---", f"title: {title}", f"date: {date}", f"severity: {rng.choice(SEVERITIES)}",
             f"status: {rng.choice(STATUSES)}", f"template: six-questions@{version}",
             f"started: {date}T{hour:02d}:00:00Z",
             f"detected: {date}T{hour + detect // 60:02d}:{detect % 60:02d}:00Z",
             f"resolved: {date}T{min(23, hour + (detect + resolve) // 60):02d}:{(detect + resolve) % 60:02d}:00Z",
             f"detection: {rng.choice(DETECTION)}",
             f"responders: [{', '.join(rng.sample(TEAMS, rng.randint(1, 3)))}]",
             f"facilitator: {rng.choice(TEAMS)}",
             f"services: [{', '.join(rng.sample(SERVICES, rng.randint(1, 2)))}]",
             f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]", "---", "", f"# {title}", ""]
    headings = V1 if version == 1 else V2
    for position, heading in enumerate(headings):
        lines += [f"## {heading}", ""]
        if flawed and position == 2:
            lines += ["<!-- Why did the system allow this? -->", ""]
            continue
        if heading == "Timeline":
            for minute in range(0, rng.randint(4, 9) * 7, 7):
                lines.append(f"- {hour:02d}:{minute:02d} UTC — {sentence(rng, rng.randint(5, 10))}")
            lines.append("")
        else:
            for _ in range(rng.randint(1, 2)):
                lines += [paragraph(rng), ""]
            if rng.random() < 0.15:
                lines += ["```sql", "SELECT count(*) FROM " + rng.choice(WORDS) + " WHERE created_at > now() - interval '1 hour';", "```", ""]
    lines += ["## Action items", ""]
    for action in range(rng.randint(3, 8)):
        done = rng.random() < 0.5
        owner = "" if (flawed and action == 0) else f" @{rng.choice(TEAMS)}"
        due = f" due:{year + rng.randint(0, 1):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ticket = f" ENG-{rng.randint(100, 9999)}" if rng.random() < 0.6 else ""
        lines.append(f"- [{'x' if done else ' '}] {sentence(rng, rng.randint(5, 12)).rstrip('.')}{owner}{due} #{rng.choice(KINDS)}{ticket}")
    if flawed:
        lines += ["", "Someone was careless with the config."]
    return f"{date}-{slug}.md", "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    names = set()
    for index in range(args.count):
        name, text = postmortem(rng, index, flawed=rng.random() < 0.04)
        while name in names:
            name = name[:-3] + "-2.md"
        names.add(name)
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
