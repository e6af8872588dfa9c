#!/usr/bin/env python3
"""Writes the search demo: a hand-made site in the shape `pm render` gives, with the page hooks search.js
needs and a search-index.js in the format of Templates/site/SEARCH-INDEX.md, so that search.js can be tried
and tested (Scripts/check-search) before pm writes the index itself.

    Tests/Fixtures/search-demo/make-demo.py [OUT]            # default OUT: this folder (the committed demo)
    Tests/Fixtures/search-demo/make-demo.py OUT --many 10000  # plus that many generated incidents, for scale

It is also a reference writer of the index: `index_js` below is what pm's own writer must produce. The demo
pages reference search.js and style.css beside them; Scripts/check-search copies those from Templates/site.
"""
import html
import json
import os
import random
import sys
import unicodedata

TODAY = "2026-11-21"

# id, title, date, severity, status, services, tags, detected..resolved seconds, text (summary, impact, root
# cause), actions [(text, owner, due, done, kind, ticket)]
INCIDENTS = [
    ("2019-02-14-messenger-replies-stopped", "Messenger replies stopped after the app token was invalidated", "2019-02-14",
     "critical", "published", ["messenger"], ["third-party", "credentials"], 2880,
     "An admin accepted an invite from an unknown Business Manager, which invalidated our page access token. "
     "Users who wrote to us on Messenger got no replies for about an hour. The token belonged to a personal "
     "account, and nothing alerted on send errors from the Graph API.",
     [("Alert when the Messenger send error rate passes 5%", "sam", "2019-03-01", True, "detect", "ENG-123"),
      ("Move the production token to a Business Manager system user", "priya", "2019-06-28", False, "prevent", "ENG-134")]),
    ("2019-03-07-migration-blocked-outage", "Full outage while a migration waited for a lock on the messages table", "2019-03-07",
     "critical", "published", ["api", "postgres"], ["migrations", "locks"], 540,
     "A deploy ran a migration that added a column with a default. It waited for an exclusive lock behind a "
     "long analytics query, and every request that touched messages queued behind it. Ten minutes of full outage; "
     "no data lost. Migrations ran without a lock timeout.",
     [("Set lock_timeout for every migration", "jo", "2019-03-20", True, "prevent", "ENG-140"),
      ("Move analytics queries to the replica", "li", "2019-05-01", False, "prevent", "")]),
    ("2021-06-09-bank-sync-sidekiq-backlog", "Bank transactions were hours out of date after a webhook burst filled Sidekiq", "2021-06-09",
     "high", "published", ["bank-sync", "sidekiq"], ["capacity", "queues"], 20820,
     "A bank aggregator replayed a day of webhooks at once. The default queue filled, and transaction syncs "
     "waited behind low-priority jobs for up to six hours. Users saw stale balances. One queue served every job.",
     [("Give bank syncs their own Sidekiq queue", "tomasz", "2021-07-01", True, "prevent", "ENG-1290"),
      ("Alert on queue latency above ten minutes", "li", "2021-07-15", False, "detect", "ENG-1291")]),
    ("2022-01-12-login-codes-delayed", "Login codes arrived late because the SMS provider throttled us", "2022-01-12",
     "high", "published", ["auth", "notifications"], ["third-party", "sms"], 4200,
     "The SMS provider started throttling our account after a marketing send. One-time login codes arrived "
     "after they expired. About 9,000 users could not sign in for an hour. Transactional and marketing "
     "messages shared one sender and one rate limit.",
     [("Send login codes from a dedicated transactional sender", "amara", "2022-02-15", True, "prevent", "AUTH-77"),
      ("Fall back to email codes when SMS is slow", "amara", "2026-12-31", False, "mitigate", "AUTH-78")]),
    ("2022-08-30-search-index-stale", "Search showed deleted transactions for a day", "2022-08-30",
     "medium", "published", ["search"], ["data", "reindex"], 79200,
     "A reindex job failed silently after a mapping change, so deleted transactions stayed searchable. "
     "Users were confused; support received 40 tickets. The job swallowed errors from the bulk API.",
     [("Fail the reindex job on any bulk error", "sam", "2022-09-15", True, "prevent", "")]),
    ("2023-03-03-payments-webhook-signature", "Payment confirmations were rejected after the provider changed its signature header", "2023-03-03",
     "high", "published", ["payments"], ["third-party", "webhooks"], 6300,
     "The payments provider renamed the signature header on its webhooks. We rejected every confirmation, "
     "so payments stayed pending for almost two hours. The provider announced it, but the notice went to a "
     "shared mailbox.",
     [("Route the provider's technical notices to the payments squad", "jo", "2023-04-01", False, "process", "PAY-812"),
      ("Contract-test the webhook signature in CI", "priya", "2027-01-10", False, "detect", "PAY-813")]),
    ("2023-11-28-duplicate-savings-reminders", "Some users received the same savings reminder up to nine times", "2023-11-28",
     "medium", "published", ["notifications"], ["retries", "idempotency"], 2820,
     "A retry loop in the reminder job re-sent pushes whose acknowledgements timed out. Some users got nine "
     "reminders in an hour and several turned notifications off. Pushes had no idempotency key.",
     [("Add an idempotency key to every push", "sam", "2024-01-15", True, "prevent", "ENG-2209"),
      ("Let support page on-call through the Slack alias", "jo", "2024-01-31", False, "process", "ENG-2210")]),
    ("2024-02-19-card-freeze-timeout", "Freezing a card timed out for users of one card processor", "2024-02-19",
     "high", "in-review", ["cards", "api"], ["third-party", "timeouts"], 3000,
     "The card processor's freeze endpoint slowed to 30 seconds. Our client timed out at 10, so users could not "
     "freeze a lost card. Retries made the processor slower. There was no circuit breaker.",
     [("Add a circuit breaker around card processor calls", "tomasz", "2024-04-01", False, "mitigate", "CARD-19")]),
    ("2024-07-04-insights-cache-stampede", "Insights went down when its cache expired at midnight", "2024-07-04",
     "medium", "published", ["insights", "redis"], ["caching", "capacity"], 1500,
     "Every insights cache key expired at midnight UTC at once. The recompute stampede saturated the database "
     "for 25 minutes. Expiry times had no jitter.",
     [("Add jitter to insights cache expiry", "li", "2024-08-01", True, "prevent", "")]),
    ("2025-01-08-certificate-expired-status-page", "The status page certificate expired over a holiday", "2025-01-08",
     "low", "published", ["status-page"], ["certificates", "tls"], 36000,
     "The status page's TLS certificate expired on a holiday weekend. Visitors saw a browser warning. "
     "Renewal was manual and its reminder went to someone who had left.",
     [("Renew the status page certificate automatically", "amara", "2025-02-01", True, "prevent", "OPS-4"),
      ("Alert 14 days before any certificate expires", "amara", "2025-02-15", False, "detect", "OPS-5")]),
    ("2025-05-21-export-csv-encoding", "Exported CSV files broke accented names in Excel", "2025-05-21",
     "low", "published", ["exports"], ["encoding"], None,
     "Exports were UTF-8 without a byte order mark, and Excel read them as Windows-1252, so names like "
     "Zoë and José were garbled. A few hundred users complained.",
     []),
    ("2025-09-30-ledger-double-posting", "Some transfers were posted twice to the ledger", "2025-09-30",
     "critical", "published", ["ledger", "payments"], ["idempotency", "data"], 14400,
     "A network partition between the API and the ledger made clients retry transfers. 212 transfers were "
     "posted twice before reconciliation caught it; all were reversed the same day. The ledger accepted "
     "requests without an idempotency key.",
     [("Require an idempotency key on every ledger write", "priya", "2025-11-01", True, "prevent", "LED-31"),
      ("Reconcile the ledger hourly instead of daily", "li", "2026-01-15", False, "detect", "LED-32")]),
    ("2026-03-14-dns-propagation", "Emails bounced after a DNS change dropped the SPF record", "2026-03-14",
     "medium", "published", ["email", "dns"], ["configuration"], 7200,
     "A DNS migration recreated records by hand and missed SPF. Receipts and password-reset emails bounced "
     "for two hours. Records were not kept as code.",
     [("Keep DNS records in the infrastructure repository", "tomasz", "2026-05-01", False, "prevent", "OPS-88")]),
    ("2026-08-17-insights-slow-after-index-drop", "Spending insights were slow for two days after an index was dropped", "2026-08-17",
     "low", "in-review", ["insights", "postgres"], ["migrations", "performance"], 6720,
     "A cleanup migration dropped an index that looked unused but served the monthly insights query. "
     "Insights took 40 seconds to load for two days. Index usage was checked on the primary only.",
     [("Add an index-removal checkbox to the pull request template", "jo", "2026-09-15", False, "process", ""),
      ("Check index usage on replicas before dropping", "tomasz", "2026-12-01", False, "prevent", "ENG-4100")]),
    ("2026-10-23-advance-disbursements-failed", "Cash advance payouts failed after the payments provider rotated its certificate", "2026-10-23",
     "critical", "draft", ["advances", "payments", "sidekiq"], ["third-party", "certificates", "payments"], None,
     "Our payments provider rotated the intermediate certificate on its payouts API. We pinned the old "
     "intermediate, so every disbursement failed TLS verification. Roughly 2,300 advance requests failed; all "
     "were retried. The notice went to a shared mailbox.",
     [("Trust the provider's CA bundle instead of pinning an intermediate", "priya", "2026-11-13", False, "prevent", "ENG-4305"),
      ("Route the provider's technical notices to the payments squad channel", "jo", "2027-01-15", False, "process", ""),
      ("Alert when disbursement failures pass 1% over five minutes", "tomasz", "2026-12-01", False, "detect", ""),
      ("Pair on a certificate-rotation runbook", ("priya", "tomasz"), "2026-12-20", False, "runbook", "")]),
    ("2026-11-02-unicode-café-menu", "Café names with accents broke the merchant search — «Zoë's Café»", "2026-11-02",
     "low", "draft", ["search", "merchants"], ["encoding", "unicode"], 600,
     "Merchant names were compared without Unicode normalisation, so «Café» typed on a phone did not match "
     "the decomposed form in the catalogue. Straße and 東京 merchants were affected too.",
     [("Normalise merchant names to NFC on write", "", "2026-12-15", False, "prevent", "")]),
    ("2026-11-10-hostile-title", "<img src=x onerror=alert(1)> & <script>document.body.setAttribute('data-pwned','1')</script> \"quoted\"", "2026-11-10",
     "<b>sev</b>", "in-review", ["javascript:document.body.setAttribute('data-pwned','1')", "<svg onload=alert(1)>"],
     ["\" autofocus onfocus=\"document.body.setAttribute('data-pwned','1')", "<iframe src=javascript:alert(1)>"], 120,
     "A hostile corpus entry: <script>document.body.setAttribute('data-pwned','1')</script> and "
     "<img src=x onerror=alert(1)> must show as text everywhere.",
     [("Write <script>alert(1)</script> tests", "\"><img src=x onerror=alert(1)>", "2026-11-01", False, "prevent", "")]),
]


# ---- the index format (Templates/site/SEARCH-INDEX.md) ----------------------------------------------------

SEPARATOR_RANGES = [(0x80, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2000, 0x2BFF), (0x2E00, 0x2E7F), (0x3000, 0x303F),
                    (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0xFEFF, 0xFEFF), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20),
                    (0xFF3B, 0xFF40), (0xFF5B, 0xFF65)]


def is_separator(ch):
    c = ord(ch)
    if c < 0x80:
        return not ch.isascii() or not ch.isalnum()
    return any(lo <= c <= hi for lo, hi in SEPARATOR_RANGES)


def tokens(text):
    """The words of a text, as search.js splits them: runs of non-separators, lower-cased, NFC; unique, in order."""
    out, run = [], []
    for ch in (text or "") + " ":
        if is_separator(ch):
            if run:
                word = unicodedata.normalize("NFC", "".join(run).lower())
                if word not in out:
                    out.append(word)
                run = []
        else:
            run.append(ch)
    return out


def utf16_key(s):
    return s.encode("utf-16-be")


def index_js(incidents, base="incidents/", today=TODAY):
    """search-index.js for incidents given newest first, each a dict with id, title, date, severity, status,
    services, tags, owners, open, overdue, ttr, text (summary, impact and root cause), and page (when the
    incident's page is not base + id + '.html')."""
    def table(values):
        return sorted(set(values), key=utf16_key)

    order = ["critical", "high", "medium", "low"]
    sevs = [i["severity"] for i in incidents if i["severity"]]
    severities = [s for s in order if s in sevs] + table(s for s in sevs if s not in order)
    statuses_order = ["draft", "in-review", "published"]
    sts = [i["status"] for i in incidents if i["status"]]
    statuses = [s for s in statuses_order if s in sts] + table(s for s in sts if s not in statuses_order)
    services = table(s for i in incidents for s in i["services"])
    tags = table(t for i in incidents for t in i["tags"])
    owners = table(o for i in incidents for o in i["owners"])
    postings = {}
    for row, incident in enumerate(incidents):
        for word in tokens(incident["text"]):
            postings.setdefault(word, []).append(row)
    words = sorted(postings, key=utf16_key)

    def gaps(rows):
        return [rows[0]] + [b - a for a, b in zip(rows, rows[1:])]

    def indexes(values, tbl):
        return sorted(tbl.index(v) for v in values)

    cols = {
        "id": [i["id"] for i in incidents],
        "title": [i["title"] for i in incidents],
        "date": [i["date"] or "" for i in incidents],
        "severity": [severities.index(i["severity"]) if i["severity"] else -1 for i in incidents],
        "status": [statuses.index(i["status"]) if i["status"] else -1 for i in incidents],
        "services": [indexes(i["services"], services) for i in incidents],
        "tags": [indexes(i["tags"], tags) for i in incidents],
        "owners": [indexes(i["owners"], owners) for i in incidents],
        "open": [i["open"] for i in incidents],
        "overdue": [i["overdue"] for i in incidents],
        "ttr": [i["ttr"] for i in incidents],
    }
    pages = [i.get("page") if i.get("page") and i["page"] != base + i["id"] + ".html" else None for i in incidents]
    if any(pages):
        cols["page"] = pages
    index = {"v": 1, "base": base, "today": today, "severities": severities, "statuses": statuses,
             "services": services, "tags": tags, "owners": owners, "words": words,
             "postings": [gaps(postings[w]) for w in words], "incidents": cols}
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # Safe inside any HTML context and in JavaScript before ES2019 too.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return "window.pmSearchIndex = " + text + ";\n"


# ---- the pages (the shape of Templates/site/*.mustache, plus the search hooks) -----------------------------

def esc(value):
    return html.escape(str(value), quote=True)


def layout(title, body, root="", nav=""):
    current = lambda name: ' aria-current="page"' if name == nav else ""
    search = nav in ("incidents", "actions")
    scripts = (f'<script src="{root}search-index.js" defer></script>\n<script src="{root}search.js" defer></script>\n'
               if search else "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="pm">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{root}style.css">
{scripts}</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site">
<p class="brand"><a href="{root}index.html">Postmortems</a></p>
<nav aria-label="Site">
<ul>
<li><a href="{root}index.html"{current("incidents")}>Incidents</a></li>
<li><a href="{root}actions.html"{current("actions")}>Open actions</a></li>
<li><a href="{root}stats.html"{current("stats")}>How we are doing</a></li>
</ul>
</nav>
</header>
<main id="main">
{body}
</main>
<footer class="site">
<p>search demo · open actions and overdue dates as of {TODAY} · made with pm</p>
</footer>
</body>
</html>
"""


def duration(seconds):
    if seconds is None:
        return ""
    d, h, m = seconds // 86400, seconds // 3600 % 24, seconds // 60 % 60
    if d:
        return f"{d}d {h}h" if h else f"{d}d"
    if h:
        return f"{h}h {m}m" if m else f"{h}h"
    return f"{m}m" if m else f"{seconds}s"


def severity_class(s):
    return s if s in ("critical", "high", "medium", "low") else "other"


def index_page(incidents, listing="full"):
    """listing: full (the table of every incident), paged (the first 5 and a pager), none (no table)."""
    open_total = sum(i["open"] for i in incidents)
    overdue_total = sum(i["overdue"] for i in incidents)
    rows = []
    shown = incidents if listing == "full" else incidents[:5]
    for i in shown:
        badge = f'<span class="badge severity-{severity_class(i["severity"])}">{esc(i["severity"])}</span>' if i["severity"] else ""
        over = f' <span class="overdue">({i["overdue"]} overdue)</span>' if i["overdue"] else ""
        rows.append(f"""<tr>
<td><time datetime="{esc(i["date"])}">{esc(i["date"])}</time></td>
<td><a href="{esc(i["page"])}">{esc(i["title"])}</a></td>
<td>{badge}</td>
<td>{esc(i["status"])}</td>
<td>{duration(i["ttr"])}</td>
<td class="number">{i["open"]} / {i["total"]}{over}</td>
</tr>""")
    table = f"""<div id="pm-listing">
<div class="table-wrap">
<table class="incidents">
<caption>Every incident, newest first</caption>
<thead>
<tr><th scope="col">Date</th><th scope="col">Incident</th><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Time to resolve</th><th scope="col">Actions open / total</th></tr>
</thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
{'<nav class="pager" aria-label="Pages"><p>Page 1 of ' + str((len(incidents) + 4) // 5) + ' · <a href="index.html">all incidents</a></p></nav>' if listing == "paged" else ""}
</div>""" if listing != "none" else ""
    over = f', <strong class="overdue">{overdue_total} overdue</strong>' if overdue_total else ""
    body = f"""<h1>Incidents</h1>
<p class="lead">{len(incidents)} incidents · {open_total} open actions{over}.</p>
<div id="pm-search" class="pm-search" data-page="incidents"></div>
{table}"""
    return layout("Incidents · Postmortems", body, nav="incidents")


def owners_of(action):
    return list(action[1]) if isinstance(action[1], tuple) else [action[1]]


def actions_page(incidents):
    actions = [(a, i) for i in incidents for a in i["actions"] if not a[3]]
    by_owner = {}
    for a, i in actions:
        for owner in owners_of(a):
            by_owner.setdefault(owner, []).append((a, i))

    def overdue_days(due):
        from datetime import date
        days = (date.fromisoformat(TODAY) - date.fromisoformat(due)).days
        return days if days > 0 else 0
    groups = sorted(by_owner.items(), key=lambda kv: (-sum(1 for a, _ in kv[1] if overdue_days(a[2])), kv[0] == "", kv[0]))
    sections = []
    for n, (owner, rows) in enumerate(groups):
        rows.sort(key=lambda r: (not overdue_days(r[0][2]), r[0][2]))
        name = "@" + owner if owner else "no owner"
        out = []
        for k, (a, i) in enumerate(rows):
            days = overdue_days(a[2])
            cls = ' class="overdue"' if days else ""
            # @li's section leaves the hooks out, to show that search.js reads the page without them.
            hook = f' data-incident="{esc(i["id"])}" data-action="{esc(i["id"])}/{i["actions"].index(a) + 1}"' if owner != "li" else ""
            due = esc(a[2]) + (f" <strong>(overdue by {days} day{'s' if days != 1 else ''})</strong>" if days else "")
            out.append(f"""<tr{cls}{hook}>
<td>{esc(a[0])}</td>
<td>{due}</td>
<td>{esc(a[4])}</td>
<td class="ticket">{esc(a[5])}</td>
<td><a href="{esc(i["page"])}">{esc(i["title"])}</a></td>
</tr>""")
        owner_hook = f' data-owner="{esc(owner)}"' if owner != "li" else ""
        sections.append(f"""<section class="owner" aria-labelledby="owner-{n}"{owner_hook}>
<h2 id="owner-{n}">{esc(name)} <span class="count">({len(rows)})</span></h2>
<div class="table-wrap">
<table>
<caption>Open actions of {esc(name)}</caption>
<thead><tr><th scope="col">Action</th><th scope="col">Due</th><th scope="col">Kind</th><th scope="col">Ticket</th><th scope="col">Incident</th></tr></thead>
<tbody>
{chr(10).join(out)}
</tbody>
</table>
</div>
</section>""")
    overdue_total = sum(1 for a, _ in actions if overdue_days(a[2]))
    body = f"""<h1>Open actions</h1>
<p class="lead">{len(actions)} open actions, <strong class="overdue">{overdue_total} overdue</strong>, as of {TODAY}; overdue first, then by due date.</p>
<div id="pm-search" class="pm-search" data-page="actions"></div>
<div id="pm-listing">
{chr(10).join(sections)}
</div>"""
    return layout("Open actions · Postmortems", body, nav="actions")


def incident_page(i):
    body = f"""<article class="postmortem">
<h1>{esc(i["title"])}</h1>
<section class="body" aria-label="The postmortem">
<h2>Summary</h2>
<p>{esc(i["text"])}</p>
</section>
</article>"""
    return layout(i["title"] + " · Postmortems", body, root="../")


def prepare(raw):
    from datetime import date
    out = []
    for (id, title, day, sev, status, services, tags, ttr, text, actions) in raw:
        open_ = [a for a in actions if not a[3]]
        overdue = [a for a in open_ if date.fromisoformat(a[2]) < date.fromisoformat(TODAY)]
        out.append({"id": id, "title": title, "date": day, "severity": sev, "status": status, "services": services,
                    "tags": tags, "owners": sorted({o for a in actions for o in owners_of(a) if o}), "open": len(open_),
                    "overdue": len(overdue), "total": len(actions), "ttr": ttr, "text": text, "actions": actions,
                    "page": "incidents/" + slug(id) + ".html"})
    out.sort(key=lambda i: (i["date"], i["id"]), reverse=True)
    return out


def slug(text):
    out = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in out.split("-") if part) or "incident"


def generated(n, seed=15):
    """n routine incidents with varied words, services, tags, owners and years, for scale."""
    rnd = random.Random(seed)
    services = [f"svc-{k:03d}" for k in range(120)]
    tags = [f"tag-{k:02d}" for k in range(60)]
    owners = [f"owner{k:02d}" for k in range(80)]
    vocab = [f"w{k:05d}" for k in range(30000)]
    common = ("the a we our of to and in for was were with on at by from users job queue deploy alert database "
              "timeout retry cache provider payments latency errors outage").split()
    sevs = ["critical", "high", "medium", "low"]
    sts = ["draft", "in-review", "published", "published", "published"]
    out = []
    for k in range(n):
        year = 2014 + k * 13 // max(n, 1)
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        words = [rnd.choice(common) for _ in range(60)] + [vocab[min(int(rnd.paretovariate(0.6)), 29999)] for _ in range(60)]
        acts = []
        for a in range(rnd.randint(0, 5)):
            due = f"{year}-{month:02d}-{day:02d}" if rnd.random() < 0.5 else "2027-01-01"
            acts.append((f"Routine action {a} of incident {k}", rnd.choice(owners), due, rnd.random() < 0.6, "prevent", ""))
        out.append((f"{year}-{month:02d}-{day:02d}-routine-{k:05d}", f"Routine incident {k} in {rnd.choice(services)} ({rnd.choice(common)})",
                    f"{year}-{month:02d}-{day:02d}", rnd.choice(sevs), rnd.choice(sts), rnd.sample(services, rnd.randint(1, 3)),
                    rnd.sample(tags, rnd.randint(0, 3)), rnd.choice([None, rnd.randint(60, 200000)]), " ".join(words), acts))
    return out


def write(out, many=0):
    incidents = prepare(INCIDENTS + generated(many))
    os.makedirs(os.path.join(out, "incidents"), exist_ok=True)
    files = {
        "search-index.js": index_js(incidents),
        "index.html": index_page(incidents),
        "paged.html": index_page(incidents, listing="paged"),
        "nolisting.html": index_page(incidents, listing="none"),
        "actions.html": actions_page(incidents),
        "stats.html": layout("How we are doing · Postmortems", "<h1>How we are doing</h1>\n<p>Not part of the demo.</p>", nav="stats"),
    }
    if not many:
        for i in incidents:
            files[i["page"]] = incident_page(i)
    for name, text in files.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    args = sys.argv[1:]
    many = 0
    if "--many" in args:
        k = args.index("--many")
        many = int(args[k + 1])
        del args[k:k + 2]
    write(args[0] if args else os.path.dirname(os.path.abspath(__file__)), many)
