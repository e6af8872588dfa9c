/// Verbs that start an action item written as an instruction (`Add an alert …`, `Pin the host keys …`):
/// how pm tells a list of work to do from a list of observations (`Large batches hide lease problems`) or
/// of things already done (`Reverted the change`), in sections that are not always actions (`Lessons
/// learnt`, `Remediation`).
enum ImperativeVerbs {
    static func startsWithOne(_ text: String) -> Bool {
        guard let first = Words.split(text).first else { return false }
        return verbs.contains(first)
    }

    static let verbs: Set<String> = [
        "add", "adopt", "adjust", "alert", "align", "allow", "analyse", "analyze", "announce", "apply", "archive",
        "ask", "assess", "assign", "audit", "automate", "avoid", "backfill", "block", "build", "bump", "cache",
        "cap", "capture", "change", "check", "clarify", "clean", "cleanup", "close", "coalesce", "collect",
        "communicate", "configure", "confirm", "consider", "consolidate", "contact", "continue", "convert",
        "coordinate", "create", "decommission", "decouple", "define", "delete", "deploy", "deprecate", "design",
        "detect", "determine", "disable", "discuss", "document", "double", "drain", "drop", "educate", "email",
        "enable", "enforce", "ensure", "escalate", "establish", "evaluate", "expand", "expose", "extend", "fail",
        "file", "fix", "follow", "force", "gate", "generate", "get", "give", "grant", "handle", "harden", "hire",
        "hold", "identify", "implement", "import", "improve", "include", "increase", "inform", "install",
        "instrument", "integrate", "introduce", "inventory", "investigate", "isolate", "keep", "label", "launch",
        "limit", "load", "lock", "log", "lower", "maintain", "make", "manage", "mark", "measure", "merge",
        "migrate", "mirror", "monitor", "move", "negotiate", "notify", "obtain", "onboard", "page", "partition",
        "patch", "pin", "plan", "point", "port", "prevent", "prioritise", "prioritize", "probe", "propose",
        "protect", "provide", "provision", "publish", "purge", "push", "quarantine", "raise", "rate", "re",
        "rebuild", "reclassify", "record", "reduce", "refactor", "refresh", "register", "reject", "release",
        "remove", "rename", "renegotiate", "replace", "replay", "report", "require", "reserve", "reset",
        "resize", "restore", "restrict", "retire", "retry", "review", "revisit", "revoke", "rewrite", "roll",
        "rotate", "route", "run", "scale", "schedule", "scope", "secure", "send", "separate", "serve", "set",
        "share", "ship", "show", "shorten", "simplify", "size", "skip", "slow", "snapshot", "split", "stage",
        "standardise", "standardize", "start", "stop", "store", "streamline", "strengthen", "subscribe",
        "support", "switch", "sync", "tag", "teach", "test", "throttle", "tighten", "track", "train", "trial",
        "tune", "turn", "unify", "update", "upgrade", "use", "validate", "verify", "warm", "watch", "work",
        "write",
    ]
}
