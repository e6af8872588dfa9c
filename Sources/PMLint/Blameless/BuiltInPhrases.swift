extension BlamelessLanguage {
    static let reasonable = "ask what made this action seem reasonable at the time"
    static let system = "describe what in the system allowed it, not who"
    static let hindsight = "hindsight: what information was available at the time, and what made it hard to see?"
    static let safeguard = "\(system): which safeguard would have caught it?"

    /// Words after which "blame" is denied, not laid ("nobody is to blame", "no-blame").
    private static let denial = [
        "no", "not", "nobody", "never", "without", "noone", "none", "free", "anyone", "leave", "avoid", "avoiding",
        "instead", "stop", "beyond",
    ]
    /// Words before "wrong" that make it a state, not a person's choice ("things go wrong", "the value was wrong").
    private static let wrongAsState = [
        "go", "goes", "went", "gone", "going", "is", "was", "were", "are", "be", "been", "being", "looks", "looked",
        "seems", "seemed", "something", "anything", "what", "turned", "goes",
    ]
    /// Words that attribute an error to someone ("this was user error").
    private static let attribution = [
        "was", "is", "were", "be", "by", "to", "cause", ":", "pebkac", "classic", "just", "simply", "another",
        "obvious", "pure", "plain", "=",
    ]
    /// Verbs of finding, which blame no one even by accident ("Pat accidentally discovered the leak").
    private static let found = [
        "discovered", "found", "noticed", "spotted", "uncovered", "caught", "stumbled", "reproduced",
    ]
    /// Words after a phrase that deny it ("operator error is not a root cause").
    private static let denied = ["not", "n't", "never", "rarely"]
    /// What a person can destroy: data and the places it lives ("dropped the users table").
    private static let dataTarget =
        "table|tables|database|databases|db|bucket|buckets|namespace|namespaces|volume|volumes|topic|topics|zone|"
        + "index|data|backup|backups|snapshot|snapshots|log|logs|records|cluster|repo|repository|queue|disk"
    /// What a person can be said to lack ("her lack of diligence"), unlike a system ("a lack of alerts").
    private static let heedfulness = "attention|care|diligence|focus|concentration|rigour|rigor|discipline"
    /// Particles that make "broke" neutral ("broke down the timeline", "broke the work into batches").
    private static let breakParticles = [
        "down", "into", "apart", "up", "out", "even", "ground", "news", "silence", "tie", "record", "records", "free",
        "away", "through", "off", "character",
    ]

    /// The built-in phrases (at least thirty, each with its inflections), written in ``PhrasePattern``'s words
    /// with the ``ContextRule``s that keep them to blame. They are matched on normalised words, so `'` in a
    /// pattern also matches `’`, and `n't` matches `not`.
    public static let builtInPhrases: [Phrase] = [
        Phrase(
            "X's fault", "\(system): which safeguard was missing?",
            [
                ("'s fault|faults", [.subject(.human), .notFollowedBy(.technicalFault), .notHyphenated]),
                ("fault|faults of <det>? ~1 <person>", []), ("'s doing", [.subject(.person)]),
            ]),
        Phrase(
            "their fault", "\(system): which safeguard was missing?",
            [("his|her|their|my|your|our fault|faults", [.notFollowedBy(.technicalFault), .notHyphenated])]),
        Phrase(
            "at fault", "\(system); name the conditions, not a person",
            [
                ("at fault", [.subject(.human)]),
                ("fault|faults lies|lay|lie|rests|rested|falls|fell|is with|on", [.personAfter(6)]),
            ]),
        Phrase(
            "blame", "look for causes in the system, not someone to blame",
            [
                (
                    "blame|blames|blamed|blaming|blameworthy",
                    [.notBefore(["git"], 1), .notBefore(denial, 5), .notAfter(["free", "less"], 1)]
                )
            ]),
        Phrase(
            "human error",
            "name the condition that made the error likely: a missing guard, a confusing interface, time pressure",
            [
                ("human error|errors|mistake|mistakes|failure|failures", [.notFollowedBy(.metric)]),
                ("pebkac|pebcak|pebkak|id10t|id-10-t", []), ("layer 8|eight problem|issue|error", []),
            ]),
        Phrase(
            "operator error",
            "name the condition that made the error likely: a missing guard, a confusing interface, time pressure",
            [
                (
                    "operator|pilot|engineer|developer|dev|engineering|admin error|errors",
                    [.notFollowedBy(.metric), .notAfter(denied, 3)]
                ),
                ("user error", [.notFollowedBy(.metric), .before(attribution, 2)]),
            ]),
        Phrase(
            "careless", reasonable,
            [("careless|carelessly|carelessness|cavalier|lackadaisical|half-assed", [.notHyphenated])]),
        Phrase(
            "negligent", reasonable,
            [
                ("negligent|negligently|negligence", [.notHyphenated]),
                ("neglect|neglected|neglects|neglecting", [.subject(.human), .notImperative]),
            ]),
        Phrase(
            "should have known", hindsight,
            [
                ("should|ought|must to? have|of known|knew", []), ("should|ought to? know|known better", []),
                ("knew|know better than", []), ("should have seen ~1 coming", []),
            ]),
        Phrase(
            "should have checked", "hindsight: what would have prompted that check, and why was it not there?",
            [
                ("should|ought|could to? have|of <adv>? double|triple? <hindsight>|check", [.subject(.human)]),
                ("anyone|any ~4 would|could have|of <hindsight>", []),
            ]),
        Phrase(
            "should have been more careful", "hindsight: what would have made the safe path the easy one?",
            [
                ("should|ought|could to? have|of been more? <care>", []),
                ("more <care>", [.subject(.person)]),
            ]),
        Phrase(
            "should have been caught by",
            "hindsight: what would have caught it without relying on one person's attention?",
            [
                ("should|ought to? have|of been <hindsight>|caught|spotted|found by", [.personAfter(5)]),
                ("should|ought to? have|of been paying|watching|monitoring", [.subject(.human)]),
                ("should|ought to? have|of paid attention", [.subject(.human)]),
            ]),
        Phrase(
            "should have been obvious", "hindsight: what made it hard to see at the time?",
            [
                ("should|ought to? have|of been obvious|clear|evident|self-evident", []),
                ("obvious <mistake>|bug|bugs|problem|typo|issue|sign|signs|warning|warnings", [.personInClause]),
            ]),
        Phrase(
            "incompetent", "ask what support, training or tooling was missing",
            [
                ("incompetent|incompetently|incompetence|inept|ineptitude|ineptly|clueless|unqualified", []),
                ("not qualified|competent|experienced", [.subject(.person)]),
                ("out of his|her|their depth", []),
                ("<neg> know|knew what he|she|they|you was|were|is|are doing", []),
                ("no idea what he|she|they|you was|were|is|are doing", []),
                ("lack|lacks|lacked|lacking <det>? ~1 <skill>", [.subject(.person)]),
                ("<neg> have|had <det>? common? sense|brains|decency|courtesy", [.subject(.person)]),
                ("no clue", [.subject(.person)]), ("no idea how|what|why", [.subject(.person)]),
                ("in over his|her|their head", []), ("not up to the job|task", [.subject(.person)]),
                ("not cut out for", [.subject(.person)]), ("dereliction", []),
            ]),
        Phrase(
            "sloppy", reasonable,
            [
                ("sloppily|sloppiness", []),
                ("was|were|is|are|being|been|too|so|very|pretty|really sloppy", [.notHyphenated]),
                (
                    "sloppy work|review|reviews|code|fix|engineering|mistake|job|deploy|change|testing|coding",
                    []
                ),
                ("sloppy <person>", []),
                (
                    "did|does|do|done <det>? poor|terrible|bad|awful|lousy|shoddy|sloppy|crappy job|work",
                    [
                        .subject(.person)
                    ]
                ),
            ]),
        Phrase(
            "didn't bother", "\(reasonable); what made the step easy to skip?",
            [
                ("<neg> <adv>? be? bother|bothered|bothering", [.notImperative]),
                ("nobody|noone bothered|cared", []), ("no one bothered|cared", []),
                ("finally bothers|bothered|bother to", []),
            ]),
        Phrase(
            "lazy", reasonable,
            [
                ("laziness", []), ("was|were|is|are|being|been|too|so|very|pretty|really lazy", [.notHyphenated]),
                ("lazy <person>|fix|work|approach|mistake|coding|review", []),
            ]),
        Phrase("stupid", reasonable, [("stupid|stupidity|stupidly", [.notHyphenated])]),
        Phrase(
            "idiot", reasonable,
            [
                ("idiot|idiots|idiotic|idiotically|moron|morons|moronic|imbecile|numpty|dimwit|dumbass", []),
                ("half a brain", []), ("like a|an|some <insult>", []),
                ("what|such a|an <insult>", []), ("a|an absolute|total|complete|utter <insult>", []),
                ("is|was|'s|are|were a|an <insult>", [.subject(.person)]),
            ]),
        Phrase(
            "reckless", reasonable,
            [
                ("reckless|recklessly|recklessness|yolo|yoloed|yolo'd", []),
                ("cowboy|cowboys|cowboying|cowboyed", [.notHyphenated]),
                (
                    "blindly|hastily|thoughtlessly|mindlessly|naively|foolishly|haphazardly|rashly|heedlessly",
                    [
                        .personInClause
                    ]
                ),
            ]),
        Phrase("irresponsible", reasonable, [("irresponsible|irresponsibly|irresponsibility", [])]),
        Phrase(
            "screwed up", "say what happened in the system, neutrally",
            [
                ("screw|screwed|screws|screwing up|ups", []), ("screwed the pooch", []),
                ("fouled|mucked|goofed|slipped|balled up", [.subject(.human)]),
                ("fucked|effed|cocked|ballsed up", []),
            ]),
        Phrase(
            "messed up", "say what happened in the system, neutrally",
            [
                ("mess|messed|messes|messing up|around|about|with", [.subject(.human), .notImperative]),
                ("made|make|makes a ~1 mess|hash of", [.subject(.person)]), ("messed up by", [.personAfter(4)]),
            ]),
        Phrase(
            "dropped the ball", "\(system): which hand-off or reminder was missing?",
            [("drop|dropped|drops|dropping the ball", [])]),
        Phrase(
            "failed to notice", "what made the signal easy to miss, or the procedure hard to follow?",
            [
                ("fail|failed|fails|failing <adv>? to|in|at", [.subject(.person)]),
                ("failed|fails|fail us|me|everyone|everybody", [.subject(.person)]),
                ("let|lets|letting us|me|everyone|everybody down", [.subject(.person)]),
                ("let|lets|letting the team|customers down", [.subject(.person)]),
                ("'s failure|failures to", [.subject(.person)]),
                ("fail|failed|fails|failing to follow the runbook|process|procedure|checklist|instructions", []),
            ]),
        Phrase(
            "forgot to", "what would have made the step impossible to forget (automation, a checklist, a guard)?",
            [
                ("<forget>", [.subject(.human), .notImperative]),
                ("let|lets|letting <det>? ~2 lapse|expire|slip|rot|die|fail|break|drift|fill", [.subject(.person)]),
            ]),
        Phrase(
            "not paying attention", "what competed for attention, and what would have drawn it to the problem?",
            [
                ("<neg> paying attention", []), ("<neg> <adv>? pay|pays|paid attention", [.subject(.human)]),
                ("inattentive|inattentiveness|inattention", []),
                ("his|her|their lack of \(heedfulness)", []), ("'s lack of \(heedfulness)", [.subject(.person)]),
                ("lack of \(heedfulness)", [.personAfter(3)]),
                ("insufficient|inadequate|poor|little \(heedfulness)", [.personAfter(3)]),
                ("realised|realized|noticed|saw|reacted|responded|acted|escalated too late", [.subject(.person)]),
                ("asleep at the wheel|switch", []), ("asleep|sleeping on the job", []), ("half asleep", []),
                ("half-asleep", []),
                ("slept|sleeps|sleep|sleeping through", [.subject(.person)]),
                ("zoned|spaced|checked|nodded out|off", [.subject(.person)]),
                ("fell|falls asleep", [.subject(.person)]),
                ("out to lunch", [.subject(.person)]), ("lost|loses|losing track|sight of", [.subject(.person)]),
                ("too busy ~3 to", [.subject(.person)]), ("too slow|late to", [.subject(.person)]),
                ("distracted", [.subject(.person), .notAfter(["by"], 1)]),
            ]),
        Phrase(
            "guilty", "look for causes, not guilt",
            [("is|was|are|were|be|been|found|feel|feels|felt guilty", []), ("guilty of|for", [])]),
        Phrase(
            "fat-fingered", "what guard would have caught the typo (a confirmation, a dry run, a review)?",
            [("fat fingered|fingering", [])]),
        Phrase("clumsy", reasonable, [("clumsy|clumsily|clumsiness", [])]),
        Phrase(
            "ignored the alert", "why did the alert not get attention: noise, timing, ownership?",
            [
                ("<ignore>", [.subject(.person), .notImperative]), ("ignored|disregarded by", [.personAfter(4)]),
                (
                    "blew|blows|blow|brushed|brush|shrugged|shrugs|shrug|waved|waves|wave off|through|past",
                    [
                        .subject(.person)
                    ]
                ),
                ("let|lets|letting <det>? ~2 slide|slip", [.subject(.person)]),
                (
                    "clicked|clicks|clicking|tapped|tabbed through|past <det>? ~1 "
                        + "warning|warnings|prompt|prompts|confirmation|confirmations|dialog|dialogs|error|errors",
                    [.subject(.person)]
                ),
                (
                    "turned|put|set|switched <det>? ~1 pager|phone|alerts|notifications to|on silent|mute|dnd",
                    [.subject(.person)]
                ),
                ("turned a blind eye", []),
                ("refused|refuses|refusing to", [.subject(.person)]),
            ]),
        Phrase(
            "their mistake", "\(system): which safeguard would have caught the mistake?",
            [
                (
                    "his|her|their <mistake>|negligence|carelessness|recklessness|sloppiness|laziness|incompetence",
                    [.notFollowedBy(.metric)]
                ),
                (
                    "'s <mistake>|negligence|carelessness|recklessness|sloppiness|laziness|incompetence",
                    [.subject(.human), .notFollowedBy(.metric)]
                ),
                ("'s ~1 shortcut|shortcuts|hack", [.subject(.person)]),
                ("'s ~1 <failing>", [.subject(.person), .notFollowedBy(.metric)]),
                ("'s <adv>? <defective>", [.subject(.person)]),
                ("<failing> of|by <person>", []),
            ]),
        Phrase(
            "made a mistake", safeguard,
            [
                (
                    "made|make|makes|making|did|do|does|done|committed <adv>? <det>? ~2 <mistake>",
                    [
                        .subject(.person), .notFollowedBy(.metric),
                    ]
                ),
                ("<mistake> made|committed|come|comes|came? by|of|from|on", [.personAfter(4)]),
                ("<mistake> ~4 was|were made|committed|introduced|caused by", [.personAfter(4)]),
                ("on the part of", [.personAfter(4)]), ("on <person> <person>* 's part", []),
            ]),
        Phrase(
            "who caused", "ask what caused it, not who",
            [("who broke|caused|is|was|were responsible|accountable for", []), ("who broke|caused", [])]),
        Phrase(
            "poor judgement", reasonable,
            [
                ("poor|bad|questionable|terrible|flawed judgement", []), ("lack of judgement", []),
                ("lapse|lapses in judgement|diligence|attention|concentration|care", []),
                ("poor|bad|terrible|questionable|wrong decision|decisions|call|choice|choices", [.personInClause]),
            ]),
        Phrase(
            "rookie mistake", reasonable,
            [
                (
                    "rookie|amateur|amateurish|newbie|silly|dumb|stupid|beginner|schoolboy|novice|noob "
                        + "mistake|mistakes|error|errors|move|moves",
                    []
                )
            ]),
        Phrase("bonehead", reasonable, [("bonehead|boneheaded|boneheads", [])]),
        Phrase("unprofessional", reasonable, [("unprofessional|unprofessionally", [])]),
        Phrase(
            "didn't care", reasonable,
            [("<neg> care|cared|caring", [.subject(.person)]), ("could|can <neg> care less", [])]),
        Phrase(
            "not careful enough", "ask what support, training or tooling was missing",
            [
                ("not <care>|smart|competent|experienced enough", []),
                ("<neg> <adv>? <care>", [.subject(.person)]),
            ]),
        Phrase(
            "should not have", "\(reasonable); what would have made the safer path the easy one?",
            [
                ("should|ought|must <neg> to? have|of been? <action>", [.subject(.person)]),
                (
                    "should|ought|must <neg> to? have|of had? <det>? <access> access",
                    [.subject(.person)]
                ),
                ("had|has <det>? no business", [.subject(.person)]),
                (
                    "<neg> <adv>? be? given|granted|trusted ~4 until|unless he|she|they|<person> "
                        + "has|have|can|learns|learn|shows|show|proves|prove|demonstrates",
                    [.subject(.person)]
                ),
                ("can|could <neg> be trusted", [.subject(.person)]),
                ("should|must|ought <neg> to? be on call|duty", [.subject(.person)]),
                ("should|must|ought <neg> to? be on-call|alone|near", [.subject(.person)]),
                ("should|must|ought <neg> to? be allowed|trusted|permitted|let", [.subject(.person)]),
            ]),
        // Beyond the word lists: a person with a verb of failure, found by the person and the verb together.
        Phrase(
            "broke something", "describe what the change did and what in the system let it through, not who made it",
            [
                ("<destroy>", [.subject(.personOrTheirs), .notImperative, .notAfter(breakParticles, 5)]),
                (
                    "took|takes|take|taking|brought|brings|bring down|out",
                    [
                        .subject(.personOrTheirs), .notImperative,
                    ]
                ),
                ("<destroyed> by", [.personAfter(5)]),
                ("taken|brought|knocked down|out by", [.personAfter(5)]),
                ("took|takes|take|taking|brought|brings|bring|knocked ~4 offline|down", [.subject(.personOrTheirs)]),
                ("force-pushed|force-push|forcepushed over|to main|master|the", [.subject(.personOrTheirs)]),
                ("made|makes|making it|things|everything|matters <adv>? worse", [.subject(.personOrTheirs)]),
                // A person destroying data: "dropped the users table", "deleted the DNS zone".
                (
                    "dropped|deleted|wiped|truncated|purged|erased|overwrote|nuked <det>? "
                        + "prod|production|live|primary|users|customer|entire|whole|dns|audit|wrong \(dataTarget)",
                    [.subject(.personOrTheirs), .notImperative]
                ),
                // The passive with the person last: "was dropped by Malik", "was not followed by the on-call".
                (
                    "<forget>|<misdo>|dismissed|neglected|dropped|deleted|wiped|truncated|overwritten|purged by",
                    [.personAfter(4)]
                ),
                ("<neg> <adv>? <duty>|<hindsight> by", [.personAfter(4)]),
            ]),
        Phrase(
            "shipped a bad change", "\(system): what let the change through, and what would have caught it?",
            [
                ("<ship> out|up|through? <det>? ~1 <defective>", [.subject(.person), .notImperative]),
                ("<ship> ~3 with <det>? <word>? <mistake>|bug|bugs", [.subject(.person), .notImperative]),
                ("managed|manages to <destroy>|delete|deleted|drop|wipe|lose|kill|remove", [.subject(.person)]),
            ]),
        Phrase(
            "didn't check", "what made the step easy to skip, and what would have made it automatic?",
            [
                ("<neg> <adv>? <duty>", [.subject(.person), .notPassive, .notImperative, .noExcuse]),
                ("<neg> <person> <person>* <adv>? <duty>", [.noExcuse]),
                ("<neg> to <duty>", [.subject(.person), .noExcuse]),
                ("<neg> <adv>? do|done|doing|did <det>? needful|homework|diligence|job|part", [.subject(.person)]),
                ("<neg> <adv>? understand|understood|know|knew what|how|why", [.subject(.person), .noExcuse]),
                ("and|but did|had|does|do|has <neg> <end|punct>", [.personInClause]),
                ("<neg> think|thought to", [.subject(.person)]),
                ("<neg> show|showed up", [.subject(.person), .noExcuse]),
                ("<neg> lift|lifted a finger", [.subject(.person)]),
                ("sat|sits|sitting on <det>? ~1 ticket|issue|alert|page|pr|request|report", [.subject(.person)]),
                ("dragged|drags|dragging his|her|their feet", []),
                ("went|gone|goes awol|mia|dark", [.subject(.person)]),
                // Late at last: "Katarzyna finally notices the alert".
                ("finally <duty>", [.subject(.person)]),
                // German word order: "Anh has the migration not tested".
                ("has|had|have <det> ~2 <neg> <duty>", [.subject(.person)]),
                // Scare quotes: "jun \"tested\" it".
                ("<duty>|<hindsight>", [.quoted, .subject(.person)]),
                ("omitted|omits|omitting", [.subject(.person)]),
                ("<neg> think|thought ~2 through|twice|ahead", [.subject(.person)]),
                ("warned|told|asked ~8 anyway|regardless|nonetheless|nevertheless|still", [.subject(.person)]),
                ("been warned|told|reminded ~2 already|repeatedly|multiple|several|countless", [.subject(.person)]),
                ("despite <det>? ~1 warning|warnings|advice|objections|concerns", [.personInClause]),
                ("supposed|meant to ~6 but|instead", [.subject(.person)]),
                ("assumed|assumes|assume|assuming ~6 fine|safe|ok|okay|correct|right|good", [.subject(.person)]),
                ("thought|figured|believed ~6 fine|safe|ok|okay|correct|right|good", [.subject(.person), .noExcuse]),
                (
                    "<ship>|<action>|went|proceeded|continued ~4 anyway|regardless|nonetheless|nevertheless",
                    [.subject(.person)]
                ),
            ]),
        Phrase(
            "without testing", "what would have made the test or review happen without anyone remembering it?",
            [
                ("without|sans <det>? ~1 <without>", [.personInClause, .noExcuse]),
                ("without|sans <det>? <word>? of <det>? <without>", [.personInClause, .noExcuse]),
                ("during|despite|through <det>? ~1 freeze", [.personInClause]),
                ("<unvetted>", [.personInClause, .noExcuse]),
                ("no tests|test|testing|review|reviews|approval|backup|canary|ticket|rollback", [.subject(.person)]),
            ]),
        Phrase(
            "skipped the safeguards", "\(system): why was skipping the safeguard the easy path?",
            [
                ("<skip> <det>? ~2 <safeguard>", [.subject(.person), .notImperative, .noExcuse]),
                ("bypassed|bypass|bypasses|bypassing|circumvented|circumvent|sidestepped", [.subject(.person)]),
                ("cut|cutting|cuts corners", []), ("went|gone|going|go rogue", []),
                ("took|taking|takes a shortcut|shortcuts", [.subject(.person)]),
                ("contrary to <det>? policy|procedure|process|instructions|protocol", [.personInClause]),
                (
                    "against <det>? ~2 instruction|instructions|advice|orders|guidance|policy|warning|warnings",
                    [.personInClause]
                ),
                ("thinks|thought|think|believes|believed|treats|treated|acts|acted ~6 optional", [.subject(.person)]),
                ("rushed|rushes|rush|rushing|hurried", [.subject(.person), .notImperative]),
                ("because|since|cause|cuz <person> <person>* <adv>? wanted|wants to go|get|leave home|early", []),
                ("approved|approves|merged|merges|reviewed|reviews his|her|their own", [.subject(.person)]),
                ("approved|approves|reviewed|reviews ~2 himself|herself|themselves", [.subject(.person)]),
                ("for|out of convenience|laziness|habit", [.personInClause]), ("to save time", [.personInClause]),
                ("jumped|jumps|jumping|jump the gun", [.subject(.person)]),
                ("winged|wung|wings|wing it", [.subject(.person)]), ("phoned|phones it in", [.subject(.person)]),
                ("slapped|threw|hacked|cobbled|thrown ~2 together", [.subject(.person)]),
                ("violated|violates|breached|breaches|flouted|flouts <det>? ~2 <safeguard>", [.subject(.person)]),
                ("pushed|forced|rammed|rushed|bulldozed through", [.subject(.person)]),
                ("even though ~6 red|failing|failed|warned|warning|warnings|told|objected|broken", [.personInClause]),
                (
                    "although|despite ~6 red|failing|failed|warned|warning|warnings|told|objected|broken",
                    [
                        .personInClause
                    ]
                ),
                ("rubber stamp|stamped|stamps|stamping", [.personInClause]),
                ("rubber-stamp|rubber-stamped", [.personInClause]),
                ("without <det>? ~1 pair of eyes", [.personInClause]),
                ("without <det>? ~1 opinion", [.personInClause]),
                ("instead of <det>|<system>|prod|production|staging|main|master|dev", [.personInClause]),
                ("straight|directly to prod|production|main|master|live", [.personInClause]),
                (
                    "turned|turns|turning|switched|switches|shut|shuts off <det>? ~2 "
                        + "alert|alerts|alarm|alarms|monitoring|monitors|paging|pager|<safeguard>",
                    [.subject(.person)]
                ),
                (
                    "changed|edited|modified|tweaked|patched|altered ~3 prod|production|live ~2 by hand|manually",
                    [.subject(.person)]
                ),
            ]),
        Phrase(
            "caused by a person", "ask what caused it, not who",
            [
                ("caused", [.subject(.personOrTheirs)]), ("caused|triggered by", [.personAfter(5)]),
                ("because|cause|since <person>", [.loss, .noPraise, .noneAfter(.unavailable, 6)]),
                ("<person> <person>* is|was|'s <det> root? cause|reason|culprit|problem", [.noPraise]),
                ("<person> <person>* is|was|'s why", []), ("'s ~3 is|was why", [.subject(.personOrTheirs)]),
                ("'s ~2 is|was <det>? <word>? root? cause|reason|culprit|problem", [.subject(.person)]),
                ("because|due|owing of|to", [.personAfter(3), .noPraise, .harm]), ("courtesy of", [.personAfter(3)]),
                (
                    "<mistake>|<cause> ~2 came|comes|come|coming|originated|originates|stems|stemmed from",
                    [.personAfter(3)]
                ),
                ("thanks to", [.personAfter(3), .loss, .sarcasticPraise]),
                (
                    "lost|wasted|lose <det>? ~2 hour|hours|day|days|evening|night|weekend|morning|afternoon|week to",
                    [.personAfter(2)]
                ),
                ("thanks|thank|thx|ty|kudos <person> <person>* for", [.loss, .sarcasticPraise]),
                ("traced|traceable|traces|tracing back? to", [.personAfter(6)]),
                ("came|comes|come|stems|stemmed|stem|stemming|resulted|results from", [.personAfter(3), .loss]),
                ("came|comes|come|boils|boiled down to", [.personAfter(3), .loss]),
                ("attributable|attributed to", [.personAfter(4)]),
                ("<cause> :|=|-|is|was|are|were <adv>? <det>? <person>", []),
                ("<cause> of ~3 is|was <det>? <person>", []),
                (
                    "this|that|it|outage|incident|failure|mess one? is|was|'s <adv>? on <person>",
                    [
                        .notAfter(["'s"], 1)
                    ]
                ),
            ]),
        Phrase(
            "left it open", "\(system): why was the unsafe state possible, and what would have flagged it?",
            [
                ("left|leaves|leaving <det>? ~3 <unsafe>", [.subject(.person)]),
                ("leaked|exposed|pasted|posted|committed|published <det>? ~2 <secret>", [.subject(.person)]),
                ("hardcoded|hard-coded|hardcodes <det>? ~2 <secret>", [.subject(.person)]),
            ]),
        Phrase(
            "got it wrong", "\(system): what made the wrong choice look right?",
            [
                ("wrong|wrongly|incorrect|incorrectly|erroneously", [.personInClause, .notBefore(wrongAsState, 1)]),
                ("<misdo>", [.subject(.person), .notImperative]),
            ]),
        Phrase(
            "by mistake", safeguard,
            [
                ("by mistake|accident", [.personInClause]),
                (
                    "accidentally|accidently|mistakenly|inadvertently|unintentionally|recklessly|blindly|hastily",
                    [.subject(.person), .notImperative, .notAfter(found, 1)]
                ),
            ]),
        Phrase(
            "overlooked", "what made the signal easy to miss?",
            [("<overlook>", [.subject(.person), .notImperative, .noExcuse])]),
        Phrase(
            "botched", "say what happened in the system, neutrally",
            [("<botch>", [.subject(.human), .notImperative]), ("blew|blown it", [.subject(.person)])]),
        Phrase(
            "if only they had", "hindsight: what would have made that step the default?",
            [
                (
                    "if|unless|only <person> <person>* had|'d|did",
                    [
                        .notFollowedBy(.negation), .notAfter(["access", "more"], 2),
                    ]
                ),
                ("had <person> <person>* <word>", [.atSentenceStart]),
            ]),
        Phrase(
            "responsible for this", "\(system); accountability is for the system's owners, not for a culprit",
            [
                ("responsible|accountable|liable for <det>? ~1 <outcome>", [.subject(.person), .nounPhraseEnds]),
                (
                    "responsible|accountable|liable for <det>? <adv>? <defective>|corrupted|lost|deleted|failed",
                    [
                        .subject(.person)
                    ]
                ),
                (
                    "responsibility|accountability|blame ~4 lies|lay|lie|rests|rested|falls|fell|is with|on",
                    [
                        .personAfter(6)
                    ]
                ),
                ("held|hold|holds|holding <word>? accountable|responsible|liable", []),
                (
                    "be|get|been|gets fired|disciplined|punished|reprimanded|sacked|banned|demoted|suspended",
                    [
                        .subject(.person)
                    ]
                ),
                ("be|get|been removed|taken|kicked off|from", [.subject(.person)]),
                ("be|get|been kept|locked away|out", [.subject(.person)]),
            ]),
        Phrase(
            "judging the person", reasonable,
            [
                ("<judgement>", [.subject(.person), .notAfter(["by"], 1)]),
                ("classic|typical|another <person> <person>* move|mistake|special|moment", []),
                (
                    "too|overly|over much? confident|sure|hasty|eager|casual|relaxed|lax|cavalier|trusting",
                    [.subject(.person)]
                ),
                ("expect|expected|expecting better|more from|of", [.personAfter(2)]), ("looking at you", []),
                ("had one job", []), ("had|has one simple|single|easy job|task", []),
                ("strikes|struck again", [.subject(.person)]),
                ("at it again", [.subject(.person)]),
                ("on <person> <person>* 's watch", []), ("on his|her|their watch", []), ("weak point|spot|link", []),
                ("rogue <person>", []),
                ("guilty party|parties", []),
                ("<neg> apply to him|her|them|himself|herself|themselves", [.personInSentence]),
                ("what a disaster|mess|joke|fiasco|shambles|nightmare", [.personInSentence]),
                ("sigh|smh|ugh|facepalm|argh", [.personInSentence]),
                ("this|that garbage|crap|trash|junk|rubbish", [.personInSentence]),
                ("unacceptable|inexcusable|inexcusably|unforgivable|disgraceful", [.personInSentence]),
                (":|-|= <person> <person>* again <end>", []),
                ("classic|typical <person>", []),
                ("why on earth|ever", [.personInSentence]), ("why the hell|heck", [.personInSentence]),
                ("who the hell|heck|fuck", []), ("did|does nobody|noone tell|warn|inform|remind <person>", []),
                ("did|does no one tell|warn|inform|remind <person>", []), ("least of all", [.personAfter(3)]),
                ("of all people", [.personInSentence]),
                ("what was|were|is|are <person> <person>* thinking", []), ("what were they thinking", []),
                (
                    "was|were|is <person> <person>* even looking|watching|reading|checking|paying|listening|"
                        + "awake|there|online|trying|thinking",
                    []
                ),
                ("how many times ~6 tell|told|remind|reminded|ask|asked|warn|warned <person>", []),
                ("who|whoever let|lets|allowed|allows <person> <person>* ~3 unsupervised|alone|near", []),
                ("who|whoever thought|decided|figured ~3 good|great|smart idea", []),
                ("who told|said <person> <person>* he|she|they could|can|was|were|may|might", []),
                ("on his|her|their own authority", []),
                ("as well as you|one might|would|could|'d expect", [.personInSentence]),
                ("'s ~2 is|was garbage|crap|trash|junk|rubbish|awful|terrible", [.subject(.person)]),
                ("judgement was|is poor|bad|lacking|questionable", []),
            ]),
    ]
}
