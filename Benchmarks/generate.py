#!/usr/bin/env python3
"""Writes N postmortems in pm's format, deterministically (seeded), sized like real ones.

    Benchmarks/generate.py N OUT_DIR [--seed S] [--prose [--vocabulary SHARE] [--jobs J]]

Default: each file is 3-8 KB with 3-8 action items, varied sections and metadata, written from both built-in
templates; a few percent have lint findings (a missing owner, an unanswered section, a blaming phrase).

--prose: postmortems as teams write them, 2-50 KB (about 7.5 KB on average). Half the sentences (--vocabulary)
use everyday incident vocabulary in a neutral way ("error", "failed", "should", "missed", "fault", "default",
"human", "blame-free": the words the blameless check must look at twice), the rest are plain; about 7% of files
have a blaming sentence ("careless", "X's fault", "forgot to", "human error" ...). Code spans, links, block
quotes, logs and config snippets, pipe tables, long timelines (sometimes as tables), five whys, 3-12 action
items; the structures of the five built-in templates and hand-written ones with other headings (no `template:`).
About 4% have deliberate findings (a missing owner or due date, an unanswered section). 100,000 files take
15-30 s on two cores (--jobs, default: every core).

The same N, seed and mode always give the same files, byte for byte (in --prose mode whatever --jobs is).
"""
import argparse
import datetime as dt
import multiprocessing
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


# --- Prose mode (--prose) ---------------------------------------------------------------------------------------
# Postmortems as teams write them: everyday incident vocabulary ("error", "failed", "should", "missed", "fault",
# "default", "human", "blame-free") in neutral sentences, a blaming sentence now and then, code spans, links,
# block quotes, logs, pipe tables, long timelines, and the structures of five templates plus hand-written ones.
# Each file's body comes from a generator seeded by (seed, block of 100 files), names and titles from one pass in
# the parent, so the output is the same whatever the number of worker processes.

P_SERVICES = ["checkout-api", "payments", "messenger", "bank-sync", "insights", "notifications", "auth", "search",
              "ledger", "billing", "gateway", "scheduler", "webhooks", "exports", "identity", "catalog", "mobile-api",
              "email-sender", "fraud-score", "reporting"]
P_COMPONENTS = ["the connection pool", "the primary database", "the read replica", "the Redis cache", "the load balancer",
                "the Kafka consumer group", "the cron scheduler", "the feature-flag service", "the DNS resolver",
                "the TLS terminator", "the job queue", "the CDN", "the rate limiter", "the config server",
                "the service mesh sidecar", "the search cluster", "the object store", "the message broker",
                "the autoscaler", "the secrets manager", "the CI runner pool", "the deploy pipeline"]
P_METRICS = ["error rate", "p99 latency", "queue depth", "5xx rate", "CPU usage", "memory usage", "connection count",
             "replication lag", "timeout rate", "retry rate", "consumer lag", "disk usage"]
P_PEOPLE = ["Sam", "Jo", "Priya", "Tomasz", "Amara", "Li", "Ben", "Noor", "Kai", "Ines", "Omar", "Yuki", "Fatima",
            "Mateo", "Chloe", "Ravi"]
P_HANDLES = [name.lower() for name in P_PEOPLE]
P_CODES = ["`max_connections`", "`retry_backoff_ms`", "`pool.size`", "`payments.v2.enabled`", "`read_timeout`",
           "`kubectl rollout undo deploy/checkout-api`", "`SELECT pg_cancel_backend(pid)`", "`cache.ttl_seconds`",
           "`idle_in_transaction_session_timeout`", "`--max-inflight=64`", "`ENABLE_NEW_ROUTER`", "`worker_concurrency`",
           "`helm rollback gateway 41`", "`dns.negative_ttl`", "`circuit_breaker.window`", "`batch_size`",
           "`terraform apply`", "`X-Request-Id`", "`healthz`", "`token_refresh_interval`"]
P_ERRORS = ["`HTTP 503`", "`connection reset by peer`", "`OOMKilled`", "`certificate has expired`", "`deadlock detected`",
            "`too many connections`", "`context deadline exceeded`", "`ECONNREFUSED`", "`NXDOMAIN`", "`HTTP 429`",
            "`no space left on device`", "`invalid token`", "`read timeout`", "`NullPointerException`",
            "`duplicate key value violates unique constraint`", "`upstream connect error`"]
P_TEAMS = ["payments", "platform", "data", "mobile", "growth", "infrastructure", "identity", "support tooling"]
P_LINK_TEXT = ["the dashboard", "the runbook", "the alert definition", "the incident channel", "the pull request",
               "the vendor's status page", "the design doc", "the error tracker issue", "the deploy log", "the trace"]
P_LINK_URL = ["https://grafana.example.com/d/{a}/{s}", "https://wiki.example.com/runbooks/{s}",
              "https://alerts.example.com/rules/{s}-{a}", "https://chat.example.com/archives/C0{a}",
              "https://git.example.com/platform/{s}/pull/{a}", "https://status.vendor.example/incidents/{a}",
              "https://docs.example.com/design/{s}", "https://errors.example.com/issues/{a}",
              "https://ci.example.com/{s}/builds/{a}", "https://tracing.example.com/trace/{a}f3e"]
P_VERSIONS = [f"v{major}.{minor}.{patch}" for major in (1, 2, 3) for minor in (0, 4, 9, 14) for patch in (0, 2, 7)]
P_NUMBERS = [str(n) for n in (2, 3, 4, 5, 6, 8, 12, 17, 20, 40, 64, 120, 300, 1500)]
P_PERCENTS = [f"{p}%" for p in (0.1, 1, 2, 5, 12, 18, 35, 60, 80, 95, 99)]
P_DURATIONS = ["90 seconds", "4 minutes", "11 minutes", "25 minutes", "40 minutes", "an hour", "two hours", "six hours",
               "three days"]
P_YEARS = [str(y) for y in range(2012, 2026)]

# Neutral sentences full of the words a blaming-language check must look at twice.
P_NEUTRAL = [
    "The {metric} on {svc} rose from {pct} to {pct} within {dur}.",
    "Requests to {svc} failed with {err} while {comp} was unavailable.",
    "The {metric} alert should have fired at {pct}, but its threshold was still the default of {pct}.",
    "We missed the first page because it was routed to the {team} rotation, which had been renamed.",
    "The error budget for {svc} was exhausted by {time}.",
    "Retries from {svc} multiplied the load on {comp} by {n}x, and the circuit breaker did not open because its default window was {dur}.",
    "{Comp} failed over to the standby in {dur}, as designed, but clients kept their old connections.",
    "The deploy of {svc} {ver} failed its health checks and was rolled back with {code}.",
    "This review is blame-free: we ask what made each decision reasonable at the time.",
    "Fault injection in staging had never exercised this path, so the fault tolerance of {comp} was untested.",
    "The human-readable message said {err}, which pointed the responders at {comp} rather than {svc}.",
    "The runbook should say which dashboard to open first; today it links to {link}.",
    "Nothing in the pipeline checks that {code} matches between regions, so the mismatch was easy to miss.",
    "Error tracking grouped {n} distinct exceptions under one issue, so the spike looked like noise.",
    "The default for {code} is {dur}, longer than the upstream's own timeout.",
    "We should add an alert on {metric} for {svc}; see {link}.",
    "The migration failed halfway through, leaving {n} rows with a null {code}.",
    "Customer support raised the first ticket at {time}, {dur} before any alert fired.",
    "{person} acknowledged the page at {time} and opened {link}.",
    "Failed jobs were retried without a limit, and the dead-letter queue filled up in {dur}.",
    "The fix should also cover {svc}, which uses the same client library.",
    "Error rates returned to normal at {time} after {comp} was restarted.",
    "The on-call engineer followed the runbook, which was correct for the old topology but not for the new one.",
    "Monitoring missed the problem because the health check only tested that the process was up.",
    "The config change passed review; the diff was {n} lines and the default it changed was not visible in it.",
    "Who owns {comp} was unclear, so the escalation took {dur}.",
    "It was not clear from the logs whether {svc} or {comp} failed first.",
    "The certificate for {svc} expired at {time}; the renewal job had failed silently for {n} days.",
    "Should the primary fail again, {comp} now fails over automatically.",
    "A known issue ({link}) described the same symptom in {year}.",
    "The error looks plain in hindsight, but at {time} the signals pointed elsewhere.",
    "Load on {comp} exceeded its capacity by {pct} during the nightly batch window.",
    "We could not reproduce the fault in staging until we copied the production value of {code}.",
    "The fault was in the retry policy, not in {svc} itself.",
    "A missed heartbeat marked {n} nodes unhealthy at once, and the scheduler drained all of them.",
    "Paging policy says critical alerts should page within {dur}; this one took {dur}.",
    "The {code} flag defaulted to true in {ver}, which nobody reviewing the upgrade could see from the changelog.",
    "The failure mode was new to everyone on the call.",
    "Errors in {svc} were attributed to {comp} for the first {dur}, because both dashboards turned red together.",
    "The deploy pipeline does not stop when canary errors exceed {pct}; it should.",
    "The human cost was real: {n} people worked past midnight.",
    "Disk usage on {comp} reached {pct}, and writes failed with {err}.",
    "Clients that had cached the bad DNS answer kept failing for {dur} after the fix.",
    "The rollback itself failed once, because the previous image had been garbage-collected.",
    "No alert covered {metric}; adding one should be part of every launch checklist.",
    "The fault domain of {comp} spans both availability zones, which the design review had missed.",
    "Support agents saw {n} tickets mentioning {err} in the first hour.",
    "The error handling in {svc} swallowed {err} and returned an empty list, so the failure was silent.",
    "With hindsight the signal is clear; at {time} it was one graph among {n}.",
    "Someone asked in the channel whether {svc} had deployed, and that question found the cause.",
    "We found {n} other services with the same default.",
    "The default came from a library upgrade ({ver}), not from a change anyone made on purpose.",
    "Engineers who joined the call later had no summary to read, so they repeated the first checks.",
    "The careful, step-by-step restart took {dur}; an automated one takes {dur}.",
    "Running `git blame` on the config shows the value dates from {year}.",
    "The step is easy to forget, so it is now part of the deploy script.",
    "A failed lock acquisition in {comp} was logged as a warning, not an error.",
    "{person} and {person} split the work: one on {svc}, one on {comp}.",
    "The status page was updated at {time} with a link to {link}.",
    "Should we have seen this coming? The capacity plan for {comp} predicted it for {year}, not this quarter.",
    "The timing was nobody's doing: the batch job and the deploy had never overlapped before.",
    "The {team} team owns {svc}, and the human on call there was paged at {time}.",
    "The error message {err} appears in {n} places in {svc}, so searching for it was slow.",
    "Failover should have taken {dur} and took {dur}, because {comp} waited for every in-flight request.",
    "We missed a step in the restore drill in {year}, and that step was the one needed here.",
    "Traffic shifted to the other region at {time}, and the {metric} there doubled.",
    "The vendor confirmed an error on their side at {time} ({link}).",
    "It failed closed, which protected the data but stopped every checkout for {dur}.",
]
# Sentences without any of that vocabulary: most of a real postmortem's prose.
P_PLAIN = [
    "The {svc} pods were rescheduled onto {n} new nodes at {time}.",
    "{Comp} serves about {n} thousand requests per second at peak.",
    "We rolled back to {ver} at {time}, and latency recovered within {dur}.",
    "The change went to one region first, then to all regions {dur} later.",
    "Traffic to {svc} comes mostly from the mobile apps, with a peak around lunchtime.",
    "The dashboard at {link} shows the {metric} for the whole period.",
    "{person} was the incident commander and {person} kept the notes.",
    "Queue consumers in {svc} process jobs in batches of {n}.",
    "The vendor's API returns {err} when the token has expired.",
    "We raised {code} from {n} to {n} as a stopgap.",
    "Most users retried and succeeded within a few minutes.",
    "{Comp} was upgraded to {ver} the week before.",
    "The incident lasted {dur} from the first report to full recovery.",
    "Around {pct} of checkout attempts in that window did not complete.",
    "We paused the nightly export until the backlog drained.",
    "The on-call rotation for {svc} has {n} engineers across two time zones.",
    "Replication caught up at {time}, and reads moved back to the replica.",
    "A status update went out to customers at {time}.",
    "The deploy pipeline runs integration tests against a copy of production data.",
    "Capacity for {comp} was last reviewed in {year}.",
    "We added temporary logging around {code} to confirm the theory.",
    "The same pattern appears in {n} other incidents since {year}.",
    "The scheduler started {n} jobs at once at midnight UTC.",
    "Latency on {svc} went back to its usual {n} ms at {time}.",
    "Data from {link} confirmed that no payments were lost.",
    "We moved {svc} to the new cluster in {year}.",
    "The alert routes to the {team} channel and pages the primary on call.",
    "Config lives in the platform repository and is applied by {code}.",
    "{Svc} depends on {comp} for every write.",
    "No data was lost; {n} requests were replayed from the queue.",
]
# Now and then a sentence that does blame someone, as first drafts do.
P_BLAMING = [
    "{person} forgot to renew the certificate.",
    "This was human error on the part of the on-call engineer.",
    "It was {person}'s fault for merging without a review.",
    "The reviewer should have checked the migration before approving it.",
    "The operator was careless with the production config.",
    "{person} should have known that the flag was shared.",
    "The on-call engineer ignored the alerts for twenty minutes.",
    "{person} made a mistake in the rollout order.",
    "We still need to find out who caused the outage.",
    "Frankly, the team dropped the ball on this one.",
    "{person} fat-fingered the region name.",
    "The engineer didn't bother to run the tests.",
    "Whoever wrote this script was not careful enough.",
    "The deploy was sloppy and rushed.",
]
P_QUOTES = [
    "> {person}: is anyone looking at {svc}? I'm seeing {err} everywhere.",
    "> **[FIRING:1]** {metric} above {pct} on {svc} ({link})",
    "> From the vendor: \"We are investigating elevated error rates affecting API requests.\"",
    "> {person}: rolling back {svc} to {ver} now.",
    "> Customer report: \"Checkout failed three times with an error, then charged me twice.\"",
]
P_ACTION_TEXT = [
    "Alert when the {metric} of {svc} passes {pct}",
    "Add a runbook section for failing over {comp}",
    "Make {code} a required setting, with no default",
    "Add a canary stage that stops on errors above {pct}",
    "Test the restore of {comp} every quarter",
    "Page the {team} rotation for {svc} errors",
    "Cap retries in the {svc} client and add jitter",
    "Show the effective value of {code} in the deploy diff",
    "Renew certificates for {svc} automatically and alert {dur} before expiry",
    "Add a health check that exercises {comp}, not just the process",
    "Load-test {svc} at twice the peak traffic",
    "Document who owns {comp}",
    "Run fault injection against {comp} in staging",
    "Record the timeline automatically from the incident channel",
]
P_TITLES = [
    "{Svc} returned errors after {comp} ran out of connections",
    "{Svc} outage: {metric} spike after the {ver} deploy",
    "Failed payments while {comp} was failing over",
    "Missed alerts for {svc} during the {team} rotation change",
    "{Svc} timeouts caused by a changed default",
    "Expired certificate took down {svc}",
    "Duplicate notifications after the {svc} retry storm",
    "Search results stale for {dur}",
    "Data loss risk in {svc} after a failed migration",
    "Slow {svc} responses from a saturated {metric_noun}",
    "{Svc} unavailable in one region",
    "Webhook deliveries delayed by {dur}",
]
P_METRIC_NOUNS = ["queue", "cache", "disk", "thread pool", "network link", "database"]

# Headings per structure: (template field or None, [(heading, kind)]). Kinds: prose, timeline, people, actions.
P_STRUCTURES = [
    ("six-questions@2", [("Summary", "prose"), ("What was the scale and impact of the issue?", "impact"),
                         ("What was the root cause, beyond its symptoms?", "prose"),
                         ("How were we made aware of the problem?", "prose"), ("How was the problem resolved?", "prose"),
                         ("What reasonable steps could prevent this from happening again?", "prose"),
                         ("Timeline", "timeline"), ("People involved", "people"), ("Action items", "actions")]),
    ("six-questions@1", [("What went wrong?", "prose"), ("What was the impact of the problem?", "impact"),
                         ("What was the root cause of the problem?", "prose"), ("How did we fix it?", "prose"),
                         ("What could we do differently in the future to prevent this from happening (if possible/feasible)?", "prose"),
                         ("What could we do to find and fix the issue faster?", "prose"), ("Action items", "actions")]),
    ("google-sre@1", [("Summary", "prose"), ("Impact", "impact"), ("Root Causes", "prose"), ("Trigger", "prose"),
                      ("Resolution", "prose"), ("Detection", "prose"), ("Action Items", "actions"),
                      ("Lessons Learned", "lessons"), ("Timeline", "timeline")]),
    ("atlassian@1", [("Incident summary", "prose"), ("Leadup", "prose"), ("Fault", "prose"), ("Impact", "impact"),
                     ("Detection", "prose"), ("Response", "prose"), ("Recovery", "prose"), ("Timeline", "timeline"),
                     ("Five whys", "whys"), ("Root cause", "prose"), ("Lessons learned", "lessons"),
                     ("Corrective actions", "actions")]),
    ("pagerduty@1", [("Overview", "prose"), ("What Happened", "prose"), ("Contributing Factors", "prose"),
                     ("Resolution", "prose"), ("Impact", "impact"), ("Responders", "people"), ("Timeline", "timeline"),
                     ("Action Items", "actions")]),
    (None, [("Background", "prose"), ("What happened", "prose"), ("Impact", "impact"), ("Root cause", "prose"),
            ("Timeline of events", "timeline"), ("What went well", "list"), ("What went badly", "list"),
            ("Follow-ups", "actions")]),
]
P_STRUCTURE_WEIGHTS = [36, 26, 14, 10, 6, 8]


def _compile(templates):
    """Splits each "{slot}" template into (literals, slots) once, so filling it is a few list look-ups."""
    compiled = []
    for template in templates:
        literals, slots, rest = [], [], template
        while "{" in rest:
            before, _, after = rest.partition("{")
            slot, _, rest = after.partition("}")
            literals.append(before)
            slots.append(slot)
        literals.append(rest)
        compiled.append((literals, slots))
    return compiled


C_NEUTRAL, C_PLAIN, C_BLAMING, C_QUOTES = _compile(P_NEUTRAL), _compile(P_PLAIN), _compile(P_BLAMING), _compile(P_QUOTES)
# The share of prose sentences drawn from P_NEUTRAL (the rest from P_PLAIN); --vocabulary changes it.
VOCABULARY_SHARE = 0.5
C_ACTIONS, C_TITLES = _compile(P_ACTION_TEXT), _compile(P_TITLES)


def upper_first(text):
    return text[:1].upper() + text[1:]


class Prose:
    """Fills templates from one seeded generator."""

    def __init__(self, rng):
        self.random = rng.random
        pick = self.pick
        self.slots = {
            "svc": lambda: pick(P_SERVICES), "Svc": lambda: upper_first(pick(P_SERVICES)),
            "comp": lambda: pick(P_COMPONENTS), "Comp": lambda: upper_first(pick(P_COMPONENTS)),
            "metric": lambda: pick(P_METRICS), "metric_noun": lambda: pick(P_METRIC_NOUNS),
            "person": lambda: pick(P_PEOPLE), "code": lambda: pick(P_CODES), "err": lambda: pick(P_ERRORS),
            "team": lambda: pick(P_TEAMS), "ver": lambda: pick(P_VERSIONS), "n": lambda: pick(P_NUMBERS),
            "pct": lambda: pick(P_PERCENTS), "dur": lambda: pick(P_DURATIONS), "year": lambda: pick(P_YEARS),
            "time": lambda: f"{int(self.random() * 24):02d}:{int(self.random() * 60):02d} UTC",
            "link": self.link,
        }

    def pick(self, items):
        return items[int(self.random() * len(items))]

    def link(self):
        index = int(self.random() * len(P_LINK_TEXT))
        url = P_LINK_URL[index].format(a=int(self.random() * 90000) + 10000, s=self.pick(P_SERVICES))
        return f"[{P_LINK_TEXT[index]}]({url})"

    def fill(self, compiled):
        literals, slots = compiled[int(self.random() * len(compiled))]
        parts = [literals[0]]
        table = self.slots
        for index, slot in enumerate(slots):
            parts.append(table[slot]())
            parts.append(literals[index + 1])
        return "".join(parts)

    def sentence(self):
        return self.fill(C_NEUTRAL if self.random() < VOCABULARY_SHARE else C_PLAIN)

    def paragraph(self, sentences, blaming=False):
        text = [self.sentence() for _ in range(sentences)]
        if blaming:
            text.insert(int(self.random() * (len(text) + 1)), self.fill(C_BLAMING))
        return " ".join(text)


def _prose_block(p, lines, verbosity, blaming):
    """One to several blocks of prose: paragraphs, now and then a list, a quote, a log or a snippet."""
    blocks = max(1, int(verbosity * (1 + p.random() * 2.5)))
    for block in range(blocks):
        roll = p.random()
        if roll < 0.62 or block == 0:
            lines += [p.paragraph(2 + int(p.random() * 5), blaming and block == 0), ""]
        elif roll < 0.77:
            for _ in range(2 + int(p.random() * 4)):
                lines.append("- " + p.sentence())
                if p.random() < 0.15:
                    lines.append("  - " + p.sentence())
            lines.append("")
        elif roll < 0.85:
            lines += [p.fill(C_QUOTES), ""]
        elif roll < 0.93:
            service = p.pick(P_SERVICES)
            lines.append("```text")
            for _ in range(3 + int(p.random() * 10)):
                lines.append(f"2024-03-{1 + int(p.random() * 28):02d}T{int(p.random() * 24):02d}:{int(p.random() * 60):02d}:"
                             f"{int(p.random() * 60):02d}Z ERROR {service} {p.pick(P_ERRORS).strip('`')} "
                             f"(request_id={int(p.random() * 1e9):09d}, attempt={1 + int(p.random() * 5)})")
            lines += ["```", ""]
        else:
            lines += ["```yaml", f"{p.pick(P_CODES).strip('`').split()[0]}: {p.pick(P_NUMBERS)}   # was the library default",
                      f"retries: {p.pick(P_NUMBERS)}", f"timeout: {p.pick(P_DURATIONS).replace(' ', '')}", "```", ""]


def _impact(p, lines, verbosity, blaming):
    _prose_block(p, lines, verbosity * 0.6, blaming)
    if p.random() < 0.3:
        lines += ["| Metric | Before | During | After |", "|---|---:|---:|---:|"]
        for metric in dict.fromkeys(p.pick(P_METRICS) for _ in range(2 + int(p.random() * 5))):
            lines.append(f"| {metric} | {p.pick(P_PERCENTS)} | {p.pick(P_PERCENTS)} | {p.pick(P_PERCENTS)} |")
        lines.append("")


def _timeline(p, lines, verbosity, hour):
    entries = int((10 + p.random() * 40) * verbosity)
    as_table = p.random() < 0.15
    if as_table:
        lines += ["| Time (UTC) | Event |", "|---|---|"]
    minute = hour * 60 + int(p.random() * 30)
    for _ in range(entries):
        minute += 1 + int(p.random() * 9)
        stamp = f"{minute // 60 % 24:02d}:{minute % 60:02d}"
        event = p.sentence()
        if as_table:
            lines.append(f"| {stamp} | {event} |")
        elif p.random() < 0.5:
            lines.append(f"- {stamp} UTC — {event}")
        else:
            lines.append(f"- **{stamp}** {event}")
    lines.append("")


def _actions(p, lines, year, flawed, done_share):
    for action in range(3 + int(p.random() * 10)):
        done = p.random() < done_share
        owners = "" if (flawed and action == 0) else " @" + p.pick(P_HANDLES)
        if owners and p.random() < 0.1:
            owners += " @" + p.pick(P_HANDLES)
        due = "" if flawed and action == 1 else f" due:{year + int(p.random() * 2):04d}-{1 + int(p.random() * 12):02d}-{1 + int(p.random() * 28):02d}"
        roll = p.random()
        ticket = f" ENG-{100 + int(p.random() * 9900)}" if roll < 0.5 else (
            f" https://jira.example.com/browse/OPS-{100 + int(p.random() * 900)}" if roll < 0.6 else "")
        kind = " #" + p.pick(KINDS) if p.random() < 0.9 else ""
        lines.append(f"- [{'x' if done else ' '}] {p.fill(C_ACTIONS)}{owners}{due}{kind}{ticket}")
    lines.append("")


def prose_postmortem(rng, date, title, flawed):
    """One prose-heavy postmortem: 2-50 KB, about 7.5 KB on average."""
    p = Prose(rng)
    random = p.random
    roll, structure = random() * sum(P_STRUCTURE_WEIGHTS), 0
    while roll >= P_STRUCTURE_WEIGHTS[structure]:
        roll -= P_STRUCTURE_WEIGHTS[structure]
        structure += 1
    template, sections = P_STRUCTURES[structure]
    verbosity = min(6.0, rng.lognormvariate(-0.02, 0.55))
    year = int(date[:4])
    hour = int(random() * 21)
    detect, resolve = 1 + int(random() * 90), 5 + int(random() * 400)
    front = ["---", f"title: {title}" if ":" not in title else f"title: \"{title}\"", f"date: {date}",
             f"severity: {p.pick(SEVERITIES)}", f"status: {p.pick(STATUSES)}"]
    if template:
        front.append(f"template: {template}")
    started = hour * 60 + int(random() * 60)
    detected, resolved = started + detect, min(23 * 60 + 59, started + detect + resolve)
    front += [f"started: {date}T{started // 60:02d}:{started % 60:02d}:00Z",
              f"detected: {date}T{detected // 60:02d}:{detected % 60:02d}:00Z",
              f"resolved: {date}T{resolved // 60:02d}:{resolved % 60:02d}:00Z",
              f"detection: {p.pick(DETECTION)}"]
    responders = sorted({p.pick(P_HANDLES) for _ in range(1 + int(random() * 4))})
    if random() < 0.8:
        front.append(f"responders: [{', '.join(responders)}]")
    else:
        front += ["responders:"] + [f"  - {name}" for name in responders]
    front += [f"facilitator: {p.pick(P_HANDLES)}",
              f"services: [{', '.join(sorted({p.pick(P_SERVICES) for _ in range(1 + int(random() * 3))}))}]",
              f"tags: [{', '.join(sorted({p.pick(TAGS) for _ in range(1 + int(random() * 3))}))}]"]
    if random() < 0.05:
        front.append(f"ticket: INC-{1000 + int(random() * 9000)}")
    lines = front + ["---", "", f"# {title}", ""]
    blaming_section = int(random() * len(sections)) if (flawed or random() < 0.06) else -1
    unanswered = 2 if flawed and random() < 0.5 else -1
    done_share = 0.9 if year < 2025 else 0.4
    for position, (heading, kind) in enumerate(sections):
        lines += [f"## {heading}", ""]
        if position == unanswered and kind != "actions":
            lines += ["<!-- Why did the system allow this? -->", ""]
            continue
        blaming = position == blaming_section
        if kind == "timeline":
            _timeline(p, lines, verbosity, hour)
        elif kind == "actions":
            _actions(p, lines, year, flawed, done_share)
        elif kind == "impact":
            _impact(p, lines, verbosity, blaming)
        elif kind == "people":
            lines += [f"- Responders: {', '.join(name.capitalize() for name in responders)}",
                      f"- Facilitator: {p.pick(P_PEOPLE)}", f"- Incident commander: {p.pick(P_PEOPLE)}", ""]
        elif kind == "whys":
            for number in range(1, 6):
                lines.append(f"{number}. Why? {p.sentence()}")
            lines.append("")
        elif kind in ("list", "lessons"):
            for _ in range(2 + int(random() * 4 * verbosity)):
                lines.append("- " + p.sentence())
            lines.append("")
        else:
            _prose_block(p, lines, verbosity * (0.5 if random() < 0.4 else 1.0), blaming)
    return "\n".join(lines) + "\n"


def _prose_names(count, seed):
    """Dates, titles and unique file names for the prose corpus, from one sequential pass."""
    p = Prose(random.Random(seed))
    first = dt.date(2012, 1, 1).toordinal()
    span = dt.date(2026, 11, 20).toordinal() + 1 - first
    names, seen = [], set()
    for _ in range(count):
        date = dt.date.fromordinal(first + int(p.random() * span)).isoformat()
        title = p.fill(C_TITLES)
        slug = "-".join("".join(c for c in word if c.isalnum()) for word in title.lower().split()[:7])
        slug = "-".join(part for part in slug.split("-") if part)
        name, suffix = f"{date}-{slug}.md", 2
        while name in seen:
            name, suffix = f"{date}-{slug}-{suffix}.md", suffix + 1
        seen.add(name)
        names.append((name, date, title))
    return names


def _write_prose_block(job):
    out, seed, block, entries = job
    rng = random.Random(seed * 1_000_003 + block)
    written = 0
    for name, date, title in entries:
        text = prose_postmortem(rng, date, title, flawed=rng.random() < 0.04)
        with open(os.path.join(out, name), "w", encoding="utf-8") as handle:
            written += handle.write(text)
    return written


def write_prose(count, out, seed, jobs):
    names = _prose_names(count, seed)
    block_size = 100
    work = [(out, seed, start // block_size, names[start:start + block_size]) for start in range(0, count, block_size)]
    if jobs > 1 and len(work) > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return sum(pool.imap_unordered(_write_prose_block, work, chunksize=4))
    return sum(map(_write_prose_block, work))


def main():
    global VOCABULARY_SHARE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--prose", action="store_true", help="prose-heavy postmortems with incident vocabulary")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (--prose)")
    parser.add_argument("--vocabulary", type=float, default=VOCABULARY_SHARE,
                        help="share of prose sentences full of incident vocabulary (--prose; default %(default)s)")
    args = parser.parse_args()
    VOCABULARY_SHARE = args.vocabulary
    os.makedirs(args.out, exist_ok=True)
    if args.prose:
        write_prose(args.count, args.out, args.seed, args.jobs)
        return
    rng = random.Random(args.seed)
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
