/// Word classes the blameless matcher reads tokens by: a token's classes are a bit set, from its word (the
/// ``Lexicon``) and, for people, from the file (``People``).
struct WordClass: OptionSet, Hashable, Sendable {
    let rawValue: UInt64

    /// A person: a name or @handle the file or config knows, a pronoun for a person, a person noun, a titled name.
    static let person = WordClass(rawValue: 1 << 0)
    /// Pronouns for a person ("he", "someone"): also ``person``.
    static let pronoun = WordClass(rawValue: 1 << 1)
    /// Nouns for people in a team ("engineer", "reviewer", "on-call"): also ``person``.
    static let personNoun = WordClass(rawValue: 1 << 2)
    /// The writer and their team ("we", "I"): not blamed.
    static let selfPronoun = WordClass(rawValue: 1 << 3)
    /// "they": a person or a thing.
    static let they = WordClass(rawValue: 1 << 4)
    /// Words that stand for a thing ("it", "this", "which").
    static let thing = WordClass(rawValue: 1 << 5)
    static let determiner = WordClass(rawValue: 1 << 6)
    static let possessive = WordClass(rawValue: 1 << 7)
    static let adverb = WordClass(rawValue: 1 << 8)
    static let auxiliary = WordClass(rawValue: 1 << 9)
    static let negation = WordClass(rawValue: 1 << 10)
    /// Verbs between a subject and the verb it does ("chose to", "decided to", "needs to").
    static let verbChain = WordClass(rawValue: 1 << 11)
    /// Duties a person can leave undone: check, test, read, escalate…
    static let duty = WordClass(rawValue: 1 << 12)
    /// A person breaking something: broke, nuked, took (down)…
    static let destroy = WordClass(rawValue: 1 << 13)
    /// Participles of breaking, for the passive ("broken by").
    static let destroyed = WordClass(rawValue: 1 << 14)
    /// mistake, error, blunder, oversight, lapse…
    static let mistake = WordClass(rawValue: 1 << 15)
    /// Things, not people: services, tools, products ("the job", "Terraform").
    static let systemNoun = WordClass(rawValue: 1 << 16)
    /// Ends a sentence: `.`, `!`, `?`, `;`, the end of the block.
    static let sentenceEnd = WordClass(rawValue: 1 << 17)
    /// Punctuation inside a sentence: `,`, `:`, `(`, `)`, a dash, `=`.
    static let clausePunctuation = WordClass(rawValue: 1 << 18)
    /// Words that start another clause: because, so, but, while…
    static let clauseWord = WordClass(rawValue: 1 << 19)
    /// Verbs of finding something ("spotted the mistake"), which blame no one.
    static let discovery = WordClass(rawValue: 1 << 20)
    /// Praise ("Bob's quick rollback").
    static let praise = WordClass(rawValue: 1 << 21)
    /// A loss ("we lost two hours"), for sarcasm ("thanks to Sam, we lost …").
    static let loss = WordClass(rawValue: 1 << 22)
    /// What makes "error" a metric or a system's ("error rate", "error log").
    static let metric = WordClass(rawValue: 1 << 23)
    /// What makes "fault" engineering vocabulary ("fault tolerance", "fault LED").
    static let technicalFault = WordClass(rawValue: 1 << 24)
    /// Safeguards a person can skip: checks, tests, review, the canary…
    static let safeguard = WordClass(rawValue: 1 << 25)
    /// What a person can be responsible for when blamed: the outage, this mess…
    static let badOutcome = WordClass(rawValue: 1 << 26)
    /// What hindsight says a person should have done: checked, noticed, tested…
    static let hindsight = WordClass(rawValue: 1 << 27)
    /// Judgements of a person's state or character: distracted, clueless, complacent…
    static let judgement = WordClass(rawValue: 1 << 28)
    /// Actions a person "should not have" taken: pushed, deployed, merged…
    static let action = WordClass(rawValue: 1 << 29)
    /// botched, bungled, goofed…
    static let botch = WordClass(rawValue: 1 << 30)
    /// ignored, disregarded…
    static let ignore = WordClass(rawValue: 1 << 31)
    /// overlooked, missed…
    static let overlook = WordClass(rawValue: 1 << 32)
    /// skipped, bypassed, circumvented…
    static let skip = WordClass(rawValue: 1 << 33)
    /// forgot, forgotten…
    static let forget = WordClass(rawValue: 1 << 34)
    /// What a person did "without": testing, review, telling anyone…
    static let withoutDuty = WordClass(rawValue: 1 << 35)
    /// Mr, Ms, Dr: a name follows.
    static let title = WordClass(rawValue: 1 << 36)
    /// Words after which a period does not end the sentence (Mr., e.g., a.m.).
    static let abbreviation = WordClass(rawValue: 1 << 37)
    /// Nouns naming a cause: cause, culprit, reason, problem…
    static let cause = WordClass(rawValue: 1 << 38)
    /// English words that are also given names ("Will", "Mark"): a known person's name only when capitalised.
    static let nameLikeWord = WordClass(rawValue: 1 << 39)
    /// Adjectives for a rushed or forbidden change: untested, unreviewed…
    static let unvetted = WordClass(rawValue: 1 << 40)
    /// Words in phrases or context rules (any other word the matcher must recognise).
    static let phraseWord = WordClass(rawValue: 1 << 41)
    /// Verbs that put a change out: pushed, shipped, deployed, merged…
    static let ship = WordClass(rawValue: 1 << 42)
    /// Nouns of a person's skill ("lacks the skills").
    static let skill = WordClass(rawValue: 1 << 43)
    /// Adjectives of care ("careful", "attentive"), for "not careful enough", "more careful".
    static let care = WordClass(rawValue: 1 << 44)
    /// Verbs in the base form that open imperatives ("Forget it", "Ignore the first page").
    static let baseForm = WordClass(rawValue: 1 << 45)
    /// What makes a change defective: bad, broken, buggy, half-baked…
    static let defective = WordClass(rawValue: 1 << 46)
    /// Insults: amateur, idiot, clown…
    static let insult = WordClass(rawValue: 1 << 47)
    /// Verbs of doing something wrongly: misconfigured, misread, mistyped…
    static let misdo = WordClass(rawValue: 1 << 48)
    /// A person's failings as nouns: inexperience, laziness, carelessness…
    static let failing = WordClass(rawValue: 1 << 49)
    /// Kinds of access a person may be said not to deserve: prod, root, admin…
    static let access = WordClass(rawValue: 1 << 52)
    /// States a person may leave something in: open, exposed, unlocked…
    static let unsafe = WordClass(rawValue: 1 << 53)
    /// Secrets a person may leak: passwords, tokens, keys…
    static let secret = WordClass(rawValue: 1 << 54)
    /// Reasons for being unavailable that are no one's fault: a flight, leave, a meeting…
    static let unavailable = WordClass(rawValue: 1 << 50)
    /// Words that make a loss small ("we lost only five minutes").
    static let mitigation = WordClass(rawValue: 1 << 51)

    /// A loss or a failing: what makes "because of Obinna's …" blame.
    static let harm: WordClass = [.loss, .mistake, .failing, .defective, .destroy, .botch, .misdo]

    /// A person, or a word that may stand for one.
    static let anyPerson: WordClass = [.person, .pronoun, .personNoun]
}

/// The words of each ``WordClass`` (lower case, apostrophes straight), and contractions written without
/// an apostrophe ("didnt") with the words they stand for.
enum Lexicon {
    /// Words in every inflection that matters, by class.
    static let classes: [(WordClass, String)] = [
        (
            [.person, .pronoun],
            "he she him you u someone somebody anyone anybody everyone everybody whoever yourself himself herself"
        ),
        (
            [.person, .personNoun],
            """
            engineer engineers developer developers dev devs responder responders on-call oncall on-caller \
            oncaller on-callers author admin admins administrator administrators sysadmin sysadmins dba dbas sre \
            sres person contractor contractors intern interns manager managers hire hires employee employees \
            colleague colleagues teammate teammates member members staff reviewer reviewers approver approvers \
            committer committers coder coders programmer programmers team teams guy guys folks newbie newbies \
            junior juniors senior seniors consultant consultants ic ics owner
            """
        ),
        ([.selfPronoun], "we i us me ourselves myself"),
        ([.they], "they them"),
        ([.thing], "it this that these those which there what nothing something everything"),
        (
            [.determiner],
            "the a an this that these those our their his her my your its some any every all no each another one"
        ),
        ([.possessive], "his her their my your our its 's '"),
        (
            [.adverb],
            """
            just simply clearly really totally completely accidentally apparently actually basically literally \
            obviously also then still even finally again already immediately quickly promptly always once later \
            somehow unfortunately mistakenly inadvertently knowingly deliberately personally allegedly evidently \
            seemingly frankly honestly probably definitely certainly repeatedly twice yet only first now \
            single-handedly straight directly blindly happily casually lol ngl tbh imo fyi ok anyway \
            unilaterally quietly silently secretly manually here kinda sorta easily accidently \
            unintentionally carelessly recklessly hastily far much
            """
        ),
        (
            [.auxiliary],
            """
            was were is are be been being am has have had 'd did do does will would could should can may might \
            must shall 's 're 've 'll 'm got get gets ca wo
            """
        ),
        ([.negation], "not n't never"),
        (
            [.verbChain],
            """
            to chose choose chooses decided decide decides tried try tries needs need needed ought going managed \
            seems seemed appears appeared wanted want wants opted started start starts proceeded keeps kept keep \
            continues continued
            """
        ),
        (
            [.duty],
            """
            check checks checked checking test tests tested testing verify verifies verified verifying validate \
            validates validated validating confirm confirms confirmed confirming read reads reading look looks \
            looked looking review reviews reviewed reviewing follow follows followed following listen listens \
            listened escalate escalates escalated escalating acknowledge acknowledges acknowledged acknowledging \
            ack acked notice notices noticed noticing respond responds responded responding update updated \
            communicate communicated notify notified tell tells told inform informs informed wait waits waited \
            monitor monitored double-check double-checked double-checks doublechecks ask asks asked investigate \
            investigated consult \
            consulted reply replied answer answers answered renew renewed rotate rotated run ran \
            consider considered heed heeded try tried write writes wrote realise realised realize realized document \
            documented plan planned \
            prepare prepared coordinate coordinated page paged alert alerted warn warned announce announced drain \
            drained unsilence unsilenced re-enable re-enabled reenable reenabled care cared bother bothered learn \
            learned backup pick picked attend attended react reacted catch caught spot spotted revert \
            reverted roll stop stopped back clean cleaned save saved share shared hand handed flag flagged raise \
            raised report reported lock locked pause paused enable enabled disable disabled remove removed \
            doublecheck doublechecked sanity-check sanity-checked proofread proofreads proofreaded adhere adhered \
            comply complied perform performed respect respected obey obeyed honour honoured honor honored
            """
        ),
        (
            [.destroy],
            """
            broke breaks break breaking nuked nukes nuke nuking wrecked wrecks wreck wrecking trashed trashes trash \
            trashing bricked bricks brick hosed borked borks tanked crashed crashes crash corrupted corrupts yeeted \
            broken \
            torched obliterated steamrolled \
            destroyed destroys destroy clobbered clobbers
            """
        ),
        (
            [.destroyed],
            """
            broken nuked wrecked trashed bricked hosed borked tanked crashed corrupted destroyed clobbered botched \
            bungled fumbled overlooked ignored disregarded missed skipped bypassed rushed exposed leaked
            """
        ),
        (
            [.mistake],
            """
            mistake mistakes error errors blunder blunders oversight oversights lapse lapses slip slips goof goofs \
            gaffe gaffes misstep missteps typo typos fuckup fuck-up \
            cock-up booboo misjudgement misjudgment misjudgements
            """
        ),
        (
            [.systemNoun],
            """
            job jobs client clients cache caches service services pipeline pipelines deploy deploys deployment \
            deployments canary canaries alert alerts monitor monitors monitoring alerting script scripts tool tools \
            bot bots linter linters loader loaders rule rules check checks test tests system systems cluster \
            clusters node nodes host hosts database databases db dbs server servers app apps application proxy \
            proxies library libraries driver drivers kernel kernels operator operators scheduler schedulers \
            controller controllers worker workers queue queues consumer consumers producer producers replica \
            replicas primary disk disks network networks firewall firewalls router routers switch switches \
            balancer balancers config configs configuration migration migrations backup backups restore job cron \
            crons process processes daemon daemons sidecar container containers pod pods vm vms instance instances \
            function functions handler handlers endpoint endpoints request requests retry retries probe probes \
            dashboard dashboards pager page pages webhook webhooks token tokens certificate certificates cert certs \
            key keys secret secrets storage bucket buckets table tables index indexes query queries code change \
            changes patch patches release releases build builds hotfix fix fixes update updates upgrade upgrades \
            rollout rollouts rollback rollbacks failover outage outages incident incidents bug bugs issue issues \
            problem problems storm power dns cdn api apis ui vpn ldap sso ci cd runbook runbooks playbook \
            checklist checklists flag flags feature features setting settings threshold thresholds timeout \
            timeouts limit limits lock locks lease leases session sessions header headers compiler crawler \
            vendor vendors provider providers upstream downstream region regions zone zones network sensor \
            sensors firmware hardware software device devices test suite suites pr prs diff diffs \
            commit commits branch branches skew clock ntp dst cutover upload import export batch batches loop \
            generator template templates schema schemas model models
            terraform kubernetes k8s alertmanager prometheus grafana redis postgres postgresql mysql mariadb \
            mongodb mongo nginx envoy kafka rabbitmq jenkins github gitlab bitbucket aws gcp azure cloudflare \
            fastly akamai datadog sentry rollbar pagerduty opsgenie slack consul vault nomad docker helm argo \
            argocd spinnaker elasticsearch elastic kibana logstash fluentd fluentbit cassandra zookeeper etcd istio \
            linkerd haproxy dynamo dynamodb s3 ec2 rds lambda cloudfront route53 hibernate riak certbot \
            letsencrypt cert-manager chef puppet ansible saltstack circleci travis buildkite bazel gradle maven npm \
            yarn pip linux windows ubuntu debian systemd jira confluence okta auth0 stripe twilio sendgrid \
            memcached varnish ceph minio snowflake bigquery airflow spark hadoop flink celery sidekiq resque puma \
            gunicorn uwsgi tomcat jetty openssl openssh coredns gke eks aks heroku vercel netlify firebase \
            cockroachdb vitess pgbouncer patroni keepalived loki jaeger zipkin statsd graphite influxdb telegraf \
            nagios icinga zabbix splunk newrelic dynatrace honeycomb launchdarkly rails django kube kubelet \
            argo-cd flux karpenter autoscaler hpa cron-job cronjob lambda sqs sns kinesis pubsub bigtable spanner \
            cosmos redshift athena glue emr ecs fargate beanstalk
            """
        ),
        ([.sentenceEnd], ". ! ? ; …"),
        ([.clausePunctuation], ", : ( ) - = [ ] /"),
        (
            [.clauseWord],
            """
            because since so but while when although though after before whereas until unless if whether \
            which where cause cuz
            """
        ),
        (
            [.discovery],
            """
            found find finds spotted spot spots noticed notices saw sees reported reports caught catches identified \
            fixed fixes corrected reverted flagged discovered traced diagnosed explained confirmed realised realized \
            said says noted notes showed shows pointed explained warned mentioned asked wondered suspected \
            investigated debugged highlighted documented described
            """
        ),
        (
            [.praise],
            """
            quick quickly fast prompt promptly swift swiftly timely early great good careful excellent heroic calm \
            clear hard thorough diligent sharp vigilant thanks thank awesome amazing brilliant fantastic helpful \
            decisive proactive kind fix fixes help effort efforts work response catch heroics insight \
            investigation rollback rollbacks
            """
        ),
        (
            [.loss],
            """
            lost lose loses losing down outage outages broke broken breaking deleted corrupted wasted cost costs \
            missed crashed burned burnt ruined wrecked wiped destroyed failed downtime offline incident \
            incidents breach regression outage unavailable delayed worse
            """
        ),
        (
            [.metric],
            """
            rate rates budget budgets count counts counter counters message messages code codes page pages log \
            logs handling handler handlers percentage ratio spike spikes level levels threshold thresholds \
            metric metrics dashboard dashboards graph graphs alert alerts out class classes type types path paths
            """
        ),
        (
            [.technicalFault],
            """
            tolerance tolerant tolerances domain domains injection isolation detection line lines code codes \
            handler handlers handling model models zone zones rate rates budget counter counters count counts log \
            logs led leds light lights indicator indicators state states status condition conditions signal \
            signals report reports flag flags bit bits mode modes path paths tree trees analysis management \
            protection recovery clearing injector event events alarm alarms register registers current \
            location locations test tests testing simulation simulations
            """
        ),
        (
            [.safeguard],
            """
            check checks checklist checklists staging canary canaries review reviews tests test testing process \
            processes step steps approval approvals backup backups runbook runbooks procedure procedures freeze \
            validation validations gate gates guard guards safeguard safeguards dry-run dry-runs policy policies \
            ci pipeline lint linter rollout plan protocol protocols confirmation precheck prechecks pre-checks \
            safety warning warnings
            """
        ),
        (
            [.badOutcome],
            """
            outage outages incident incidents mess failure failures problem problems downtime loss breakage \
            disruption damage breach this that it error errors mistake mistakes bug bugs screwup fiasco disaster \
            data
            """
        ),
        (
            [.hindsight],
            """
            checked tested noticed caught realised realized seen looked asked read verified confirmed validated \
            reviewed known paged escalated waited followed thought considered spotted tried used updated \
            double-checked listened anticipated foreseen predicted expected monitored watched acknowledged \
            responded investigated backed rolled reverted stopped questioned noticed knew prevented avoided \
            reported informed notified told alerted communicated
            """
        ),
        (
            [.judgement],
            """
            distracted oblivious overconfident arrogant complacent hasty rash impatient unfocused absent-minded \
            forgetful useless hopeless unreliable drunk hungover sleepy shoddy slapdash ashamed shameful \
            disgraceful incapable panicked panicking
            """
        ),
        (
            [.action],
            """
            pushed deployed merged run ran done made changed restarted deleted dropped touched approved shipped \
            released edited accepted clicked given allowed trusted rebooted killed removed applied executed \
            started force-pushed rolled pressed typed entered disabled enabled bypassed skipped overridden \
            hired let
            """
        ),
        (
            [.botch],
            """
            botched botch botches botching bungled bungle bungles bungling goofed goof goofs goofing flubbed flub \
            flubs blundered butchered muffed fumbled fumble fumbles fumbling
            """
        ),
        (
            [.ignore],
            """
            ignored ignore ignores ignoring disregarded disregard disregards disregarding snoozed snoozing \
            dismissed
            """
        ),
        ([.overlook], "overlooked overlook overlooks overlooking missed misses miss"),
        (
            [.skip],
            """
            skipped skip skips skipping bypassed bypass bypasses bypassing circumvented circumvent circumvents \
            sidestepped sidestep overrode override overrides overriding ignored ignoring
            """
        ),
        ([.forget], "forgot forget forgets forgetting forgotten"),
        (
            [.withoutDuty],
            """
            testing test tests checking check review reviewing reading waiting telling asking using looking \
            verifying validating confirming approval permission authorisation authorization backup backing \
            notifying informing warning announcing coordinating ticket plan double-checking running consulting \
            following canary staging thinking caring bothering approvals sign-off signoff peer dry-run \
            rollback reviewer reviewers approver approvers lgtm ask tell read wait look verify confirm inform \
            notify handing handover handoff hand-off documenting communicating escalating monitoring watching ci \
            checks validation verification confirmation investigating investigation
            """
        ),
        ([.title], "mr mrs ms dr mx"),
        (
            [.abbreviation],
            """
            mr mrs ms dr mx st vs etc e.g i.e a.m p.m approx cf jr sr inc ltd eg ie resp dept
            """
        ),
        ([.cause], "cause causes rc culprit culprits reason reasons problem issue source origin fault factor"),
        (
            [.nameLikeWord],
            """
            will mark may june april august bill pat sue rich max grace hope joy faith rose chase drew gene guy ray \
            dawn summer rob nick jack frank art don dean lee long young page lane case hunter king miles wade cliff \
            sky storm river jay kit sunny penny ruby amber crystal holly ivy olive iris lily daisy violet pearl \
            rusty sandy dusty gay
            """
        ),
        (
            [.defective],
            """
            bad broken buggy faulty half-baked sloppy untested unreviewed wrong incorrect bogus dodgy flawed \
            poorly-tested half-tested half-done half-working untested-ish borked janky hacky careless poor \
            half-finished reckless lazy dumb stupid silly \
            terrible awful horrible dodgy questionable misguided ill-advised ill-considered unauthorised \
            unauthorized unapproved inadequate insufficient shoddy lousy crappy hasty rushed botched little
            """
        ),
        (
            [.insult],
            """
            amateur amateurs idiot idiots moron morons rookie rookies noob noobs n00b newbie newbies clown clowns \
            muppet muppets numpty numpties fool fools imbecile imbeciles dummy dimwit maniac cowboy cowboys \
            liability menace
            """
        ),
        (
            [.misdo],
            """
            misconfigured misconfigure misconfigures misconfiguring misread misreads misreading mistyped mistype \
            mistypes misjudged misjudge misjudges misused misuse misuses misunderstood misunderstand \
            misunderstands mislabelled mislabeled misapplied mishandled mishandle mishandles misspelled misspelt \
            miscalculated miscalculate misinterpreted misinterpret misclicked mistook misnamed misremembered \
            underestimated underestimate underestimates overestimated overestimate
            """
        ),
        (
            [.failing],
            """
            inexperience laziness inattention ignorance arrogance complacency impatience haste hubris \
            noncompliance non-compliance dereliction misconduct malpractice \
            overconfidence sloppiness carelessness negligence incompetence recklessness stupidity blunder \
            blunders goof goofs gaffe fumble screwup mistake mistakes error errors oversight oversights lapse \
            misstep missteps typo typos
            """
        ),
        (
            [.unavailable],
            """
            flight flights plane leave vacation holiday holidays pto off-shift off-duty sick ill meeting meetings \
            driving commuting hospital signal travelling traveling airport train doctor appointment emergency \
            parental bereavement offline asleep night
            """
        ),
        ([.access], "prod production root admin write sudo console deploy"),
        ([.unsafe], "open exposed unlocked unprotected unattended unsecured public unencrypted world-readable"),
        ([.secret], "password passwords secret secrets credential credentials token tokens key keys"),
        ([.mitigation], "only just limited minimal less fewer within under merely"),
        ([.unvetted], "untested unreviewed unvetted unapproved unauthorized unauthorised unvalidated unchecked"),
        (
            [.ship],
            """
            pushed push pushes pushing shipped ship ships shipping deployed deploy deploys deploying merged merge \
            merges merging released release releases releasing committed commit commits applied apply applies \
            introduced introduce introduces wrote write writes written uploaded upload uploads rolled created \
            made built configured set
            """
        ),
        ([.skill], "skills skill knowledge experience competence ability abilities understanding expertise"),
        ([.care], "careful attentive diligent thorough cautious vigilant alert"),
        (
            [.baseForm],
            """
            forget ignore skip overlook miss neglect bypass disregard mess screw break drop fail botch bungle goof \
            fumble circumvent override sidestep lose blame check test verify read look follow make do take
            """
        ),
    ]

    /// Contractions without their apostrophe, and other spellings, by the words they stand for.
    static let expansions: [String: [String]] = [
        "didnt": ["did", "n't"], "dont": ["do", "n't"], "doesnt": ["does", "n't"], "cannot": ["can", "n't"],
        "cant": ["can", "n't"], "wasnt": ["was", "n't"], "werent": ["were", "n't"], "isnt": ["is", "n't"],
        "arent": ["are", "n't"], "hadnt": ["had", "n't"], "hasnt": ["has", "n't"], "havent": ["have", "n't"],
        "shouldnt": ["should", "n't"], "couldnt": ["could", "n't"], "wouldnt": ["would", "n't"],
        "wont": ["will", "n't"], "shouldve": ["should", "'ve"], "couldve": ["could", "'ve"],
        "wouldve": ["would", "'ve"], "w/o": ["without"], "bc": ["because"], "b/c": ["because"],
        "fatfingered": ["fat", "fingered"], "fatfingering": ["fat", "fingering"], "screwup": ["screw", "up"],
        "screwups": ["screw", "ups"], "mustve": ["must", "'ve"],
    ]
}
