/// A check on a phrase's match, for the few phrases whose words blame only in some contexts: a person as
/// the one who acted, a technical word after "fault", a reason that lies in the system.
enum ContextRule: Sendable {
    /// Who did it must be someone: ``Agent/person`` a person (a known name, an @handle, a pronoun for a
    /// person, a person noun); ``Agent/personOrTheirs`` a person or a person's thing ("Bob's deploy broke
    /// it"); ``Agent/human`` anyone but a thing or the team writing ("the job", "we"), including "I" and an
    /// unknown name.
    enum Agent: Sendable {
        case person, personOrTheirs, human
    }

    /// The subject of the match's first word: the words before it, past adverbs, auxiliaries and "chose to".
    case subject(Agent)
    /// A person within this many words after the match ("caused by the new hire").
    case personAfter(Int)
    /// A person did what the match says: the clause before it names one (not as what was found or reported),
    /// or "by PERSON" follows.
    case personInClause
    /// The sentence names a person ("again, sigh").
    case personInSentence
    /// None of these words in the `Int` words before the match.
    case notBefore([String], Int)
    /// One of these words in the `Int` words before the match.
    case before([String], Int)
    /// None of these words in the `Int` words after the match.
    case notAfter([String], Int)
    /// No word of this class right after the match ("error rate", "fault tolerance").
    case notFollowedBy(WordClass)
    /// No word of this class in the `Int` words after the match ("because he was on a flight").
    case noneAfter(WordClass, Int)
    /// The match's last word is not joined by a hyphen to the next ("blame-free", "stupid-simple").
    case notHyphenated
    /// No reason in the system follows ("missed the page because his phone had no signal").
    case noExcuse
    /// The match's words alone are in quotes: scare quotes ("jun \"tested\" it"), not a quoted name or step
    /// that goes on past them ("Add \"re-enable failover\" to the checklist").
    case quoted
    /// The sentence names a loss ("thanks to Sam, we lost an hour").
    case loss
    /// After "because of PERSON's", the sentence names a loss or a failing ("because of Obinna's mistake"), not
    /// a person's help ("because of Obinna's dashboard, we saw it first").
    case harm
    /// No praise in the words after the match ("because of Bob's quick rollback").
    case noPraise
    /// No praise after the match, unless the sentence names a loss it does not play down: sarcasm ("thanks to
    /// Mikko's brilliant idea, we were offline all afternoon").
    case sarcasticPraise
    /// The match's first word is not after a form of "be" ("was not told" is done to someone).
    case notPassive
    /// Not an imperative ("Don't bother restarting it").
    case notImperative
    /// The match starts its sentence (past times, bullets and dashes): "Had Bob followed the runbook".
    case atSentenceStart
    /// The match's last word ends its noun phrase ("responsible for the incident", not "… the incident review").
    case nounPhraseEnds
}

/// The tokens of one paragraph, and what the context rules ask of them.
struct MatchContext {
    let tokens: [WordToken]
    let words: ContextWords

    /// The subject before `index`, and where it is.
    enum Subject: Equatable {
        case person(Int)
        case ownedByPerson(Int)
        case unknownName(Int)
        case they, writer, writers, thing, notAVerb
        case nobody(imperative: Bool)

        func satisfies(_ agent: ContextRule.Agent) -> Bool {
            switch (self, agent) {
            case (.person, _): true
            case (.ownedByPerson, .personOrTheirs), (.ownedByPerson, .human): true
            case (.unknownName, .human), (.they, .human), (.writer, .human): true
            case (.nobody(let imperative), .human): !imperative
            default: false
            }
        }
    }

    func passes(_ rule: CompiledRule, start: Int, end: Int) -> Bool {
        switch rule {
        case .subject(let agent): subject(before: start).satisfies(agent)
        case .personAfter(let limit): personAfter(end, within: limit)
        case .personInClause: personInClause(start: start, end: end)
        case .personInSentence: sentence(around: start).contains { tokens[$0].is(.person) }
        case .notBefore(let ids, let limit): !wordsBefore(start, limit).contains { ids.contains($0.id) }
        case .before(let ids, let limit): wordsBefore(start, limit).contains { ids.contains($0.id) }
        case .notAfter(let ids, let limit): !wordsAfter(end, limit).contains { ids.contains($0.id) }
        case .notFollowedBy(let classes): !(end < tokens.count && tokens[end].is(classes))
        case .noneAfter(let classes, let limit): !wordsAfter(end, limit).contains { $0.is(classes) }
        case .notHyphenated: !(end < tokens.count && tokens[end].flags.contains(.hyphenJoined))
        case .noExcuse: !hasExcuse(after: end)
        case .loss: sentence(around: start).contains { tokens[$0].is(.loss) }
        case .quoted:
            tokens[start].flags.contains(.quoted) && !(start > 0 && tokens[start - 1].flags.contains(.quoted))
                && !(end < tokens.count && tokens[end].flags.contains(.quoted))
        case .harm: !personsThing(after: end) || sentence(around: start).contains { tokens[$0].is(.harm) }
        case .noPraise: !wordsAfter(end, 8).contains { $0.is(.praise) && !$0.flags.contains(.quoted) }
        case .sarcasticPraise:
            !wordsAfter(end, 4).contains { $0.is(.praise) && !$0.flags.contains(.quoted) }
                || !sentence(around: start).contains { tokens[$0].is(.mitigation) }
        // "was not checking the logs" is done by the subject, "was not told" to them.
        case .notPassive: !isPassive(start) || tokens[end - 1].flags.contains(.gerund)
        case .notImperative: !isImperative(start)
        case .atSentenceStart: startsSentence(start)
        case .nounPhraseEnds:
            end >= tokens.count || tokens[end].kind == .punctuation || tokens[end].is(.clauseWord)
                || words.phraseEnders.contains(tokens[end].id)
        }
    }

    /// Where a finding's quote starts: at the person a ``ContextRule/subject`` rule found, when they are
    /// close before the match ("Bob broke", "Sam's fault"), else at the match.
    func quoteStart(_ rules: [CompiledRule], start: Int) -> Int {
        guard rules.contains(where: { if case .subject = $0 { true } else { false } }) else { return start }
        switch subject(before: start) {
        case .person(let index), .ownedByPerson(let index), .unknownName(let index):
            return start - index <= 3 && index < start ? index : start
        default: return start
        }
    }

    /// The word tokens among the `limit` tokens before `index`, within its sentence, nearest first.
    private func wordsBefore(_ index: Int, _ limit: Int) -> [WordToken] {
        var found: [WordToken] = []
        var position = index - 1
        while position >= 0, found.count < limit, !tokens[position].is(.sentenceEnd) {
            found.append(tokens[position])
            position -= 1
        }
        return found
    }

    /// The tokens among the `limit` after `index` (excluded), within its sentence.
    private func wordsAfter(_ index: Int, _ limit: Int) -> [WordToken] {
        var found: [WordToken] = []
        var position = index
        while position < tokens.count, found.count < limit, !tokens[position].is(.sentenceEnd) {
            found.append(tokens[position])
            position += 1
        }
        return found
    }

    /// The indices of the sentence around `index`.
    private func sentence(around index: Int) -> Range<Int> {
        var start = index
        while start > 0, !tokens[start - 1].is(.sentenceEnd) { start -= 1 }
        var end = index
        while end < tokens.count, !tokens[end].is(.sentenceEnd) { end += 1 }
        return start..<end
    }

    /// Whether the token at `index` can be skipped between a subject and its verb: an adverb, an
    /// auxiliary, a negation, "chose to".
    private func isVerbFiller(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.kind == .word, !token.is(.person) else { return false }
        return token.is([.adverb, .auxiliary, .negation, .verbChain])
    }

    /// Who does the verb at `index`.
    func subject(before index: Int) -> Subject {
        var position = index - 1
        var skippedDo = false
        while position >= 0, isVerbFiller(position) {
            if tokens[position].id == words.do { skippedDo = true }
            position -= 1
        }
        guard position >= 0 else { return .nobody(imperative: skippedDo) }
        let token = tokens[position]
        // "the config that broke prod", "Chen's shortcut is what caused it": the subject is further left.
        if words.relatives.contains(token.id) {
            var antecedent = position - 1
            while antecedent >= 0, isVerbFiller(antecedent) || tokens[antecedent].id == words.comma {
                antecedent -= 1
            }
            guard antecedent >= 0 else { return .nobody(imperative: false) }
            // "Pat was the one who pushed it": the one is Pat.
            if words.theOne.contains(tokens[antecedent].id), antecedent > 1,
                tokens[antecedent - 1].is(.determiner)
            {
                antecedent -= 2
                while antecedent >= 0, isVerbFiller(antecedent) { antecedent -= 1 }
                guard antecedent >= 0 else { return .nobody(imperative: false) }
            }
            // "Jess pushed a hotfix that broke login": a person's change did it.
            if case .thing = classify(antecedent), let maker = maker(of: antecedent) { return .ownedByPerson(maker) }
            return classify(antecedent)
        }
        // "Jess is always the one breaking the pipeline": the one is Jess.
        if words.theOne.contains(token.id), position > 0, tokens[position - 1].is(.determiner) {
            var before = position - 2
            while before >= 0, isVerbFiller(before) { before -= 1 }
            return before >= 0 ? classify(before) : .nobody(imperative: false)
        }
        // "a forgotten flag", "the botched migration": an adjective, not a verb.
        if position == index - 1, token.is(.determiner), !token.is(.thing) { return .notAVerb }
        if token.is(.sentenceEnd) { return .nobody(imperative: skippedDo || isImperativeStart(index)) }
        let subject = classify(position)
        // "The developer who wrote this never tested it", "Whoever approved that PR didn't read it".
        if case .thing = subject, let person = relativeClausePerson(before: position) { return .person(person) }
        return subject
    }

    /// The person a relative clause ending at `position` is about ("the developer who wrote this", "whoever
    /// approved that PR"), within a few words and no comma or other clause.
    private func relativeClausePerson(before position: Int) -> Int? {
        var candidate = position - 1
        while candidate >= 0, position - candidate <= 6 {
            let token = tokens[candidate]
            if token.is(.sentenceEnd) || token.is(.clausePunctuation) { return nil }
            if token.id == words.whoever { return candidate }
            if token.id == words.who {
                return candidate > 0 && tokens[candidate - 1].is(.person) ? candidate - 1 : nil
            }
            if token.is(.clauseWord) { return nil }
            candidate -= 1
        }
        return nil
    }

    /// The person who put out the thing at `position`: "Jess pushed [a hotfix]", "Bob wrote [the script]".
    private func maker(of position: Int) -> Int? {
        var verb = position - 1
        while verb >= 0, position - verb <= 3, !tokens[verb].is(.ship) {
            guard tokens[verb].kind == .word, !tokens[verb].is(.sentenceEnd) else { return nil }
            verb -= 1
        }
        guard verb >= 0, tokens[verb].is(.ship), case .person(let person) = subject(before: verb) else { return nil }
        return person
    }

    /// What the token at `position` (a subject) stands for.
    private func classify(_ position: Int) -> Subject {
        let token = tokens[position]
        if token.is(.person) { return .person(position) }
        if token.is(.selfPronoun) { return words.firstPerson.contains(token.id) ? .writer : .writers }
        if token.is(.they) {
            // "they": whoever or whatever the paragraph last named.
            var antecedent = position - 1
            while antecedent >= 0, position - antecedent <= 30 {
                if tokens[antecedent].is(.person), !tokens[antecedent].is(.they) { return .person(antecedent) }
                if tokens[antecedent].is(.systemNoun) { return .they }
                antecedent -= 1
            }
            return .they
        }
        if token.is(.thing) { return .thing }
        if token.is(.sentenceEnd) { return .nobody(imperative: false) }
        // "The change that Kenta introduced took down login": a person's change did it.
        if token.is(.ship), position > 0, tokens[position - 1].is(.person), !tokens[position - 1].is(.pronoun) {
            return .ownedByPerson(position - 1)
        }
        if token.id == words.closingParenthesis {
            // "someone (*cough* Sam) forgot": a person in the parentheses, else what is before them.
            var opening = position - 1
            while opening >= 0, tokens[opening].id != words.openingParenthesis, !tokens[opening].is(.sentenceEnd) {
                if tokens[opening].is(.person) { return .person(opening) }
                opening -= 1
            }
            return opening > 0 && tokens[opening].id == words.openingParenthesis
                ? classify(opening - 1) : .nobody(imperative: false)
        }
        if token.id == words.colon || token.id == words.dash || token.id == words.equals {
            // "- Olu: messed up the cutover"
            return position > 0 && tokens[position - 1].is(.person) ? .person(position - 1) : .nobody(imperative: false)
        }
        if token.id == words.comma {
            // "the engineer, Ms. Nadia Rahman, failed to": an apposition; else a list of verbs.
            if position > 0, tokens[position - 1].is(.person) { return .person(position - 1) }
            return coordinated(position)
        }
        if words.coordinators.contains(token.id) { return coordinated(position) }
        if token.kind == .punctuation || token.is(.clauseWord) || token.kind == .number {
            return .nobody(imperative: false)
        }
        // A noun: a person's thing ("Marta's deploy", "Kenji's little shortcut")?
        var modifier = position - 1
        while modifier > 0, position - modifier <= 3, tokens[modifier].kind == .word {
            if tokens[modifier].id == words.possessiveS {
                guard tokens[modifier - 1].is(.person) else { return .thing }
                // "Sigrid's decision to bypass staging": Sigrid bypassed it.
                return words.decisions.contains(token.id) ? .person(modifier - 1) : .ownedByPerson(modifier - 1)
            }
            if tokens[modifier].is(.determiner) { break }
            modifier -= 1
        }
        if token.flags.contains(.properNoun), !token.is(.systemNoun) { return .unknownName(position) }
        // "The SRE on duty didn't acknowledge", "someone from the data team ran": the person the phrase is about.
        var preposition = position - 1
        if preposition >= 0, tokens[preposition].is(.determiner) { preposition -= 1 }
        if preposition >= 1, words.placePrepositions.contains(tokens[preposition].id),
            tokens[preposition - 1].is(.person), tokens[preposition - 1].kind == .word
        {
            return .person(preposition - 1)
        }
        return .thing
    }

    /// The subject of the verb after a coordinator at `position` ("Bob pushed the config and broke prod"):
    /// the nearest person before it in the clause, else a thing.
    private func coordinated(_ position: Int) -> Subject {
        var candidate = position - 1
        while candidate >= 0, !tokens[candidate].is(.sentenceEnd), !tokens[candidate].is(.clauseWord) {
            if tokens[candidate].is(.person) { return .person(candidate) }
            candidate -= 1
        }
        return .thing
    }

    /// Whether the verb at `index` opens its sentence in the base form ("Don't forget", "Ignore it").
    private func isImperativeStart(_ index: Int) -> Bool {
        tokens[index].is(.baseForm)
    }

    /// A person among the next `limit` words after `end`, before a comma or another clause.
    func personAfter(_ end: Int, within limit: Int) -> Bool {
        var position = end
        var seen = 0
        while position < tokens.count, seen < limit {
            let token = tokens[position]
            if token.is(.sentenceEnd) || token.is(.clauseWord) || token.kind == .inert { return false }
            if token.kind == .punctuation, token.id != words.possessiveS { return false }
            if token.is(.person) || token.is(.title) { return true }
            if token.id != words.possessiveS { seen += 1 }
            position += 1
        }
        return false
    }

    /// Whether the first person within three words after `end` is named as the owner of a thing ("because of
    /// Obinna's dashboard").
    private func personsThing(after end: Int) -> Bool {
        var position = end
        while position < tokens.count, position - end < 4, !tokens[position].is(.sentenceEnd) {
            if tokens[position].is(.person) {
                return position + 1 < tokens.count && tokens[position + 1].id == words.possessiveS
            }
            position += 1
        }
        return false
    }

    /// Whether a person did what `start..<end` says: the clause before names one (not as what someone found),
    /// or "by PERSON" follows.
    func personInClause(start: Int, end: Int) -> Bool {
        var position = start - 1
        while position >= 0 {
            let token = tokens[position]
            if token.is(.sentenceEnd) || token.is(.clauseWord) || token.is(.discovery) { break }
            // "The outage you saw was due to a script that ran against the wrong region": a reason, another clause.
            if words.reasons.contains(token.id) { break }
            // "[@bob] Key the limiter on the token instead of the IP": an owner's label, not who did it.
            if token.is(.person) { return !(position + 1 < start && tokens[position + 1].id == words.closingBracket) }
            // "…, and the runbook gave the wrong command": a new subject starts a new clause.
            if token.id == words.comma || words.coordinators.contains(token.id) || words.relatives.contains(token.id),
                position + 1 < start,
                tokens[position + 1].is([.determiner, .systemNoun, .thing]), !tokens[position + 1].is(.person)
            {
                break
            }
            position -= 1
        }
        var after = end
        while after < tokens.count, after - end < 6, !tokens[after].is(.sentenceEnd), !tokens[after].is(.clauseWord) {
            if tokens[after].id == words.by { return personAfter(after + 1, within: 4) }
            after += 1
        }
        return false
    }

    /// Whether a reason in the system follows `end`: "because the runbook said to wait", "since it was muted"
    /// (not "because he was watching a movie").
    private func hasExcuse(after end: Int) -> Bool {
        var position = end
        while position < tokens.count, !tokens[position].is(.sentenceEnd) {
            let token = tokens[position]
            if words.because.contains(token.id) {
                var reason = position + 1
                if reason < tokens.count, tokens[reason].id == words.of || tokens[reason].id == words.to {
                    if !personAfter(reason + 1, within: 3) { return true }
                } else {
                    var possessed = false
                    while reason < tokens.count, tokens[reason].is(.determiner) || tokens[reason].is(.adverb) {
                        possessed = true
                        reason += 1
                    }
                    if reason < tokens.count, !(tokens[reason].is(.person) && !possessed) { return true }
                    // "because he was on a flight": unavailable, through no one's fault.
                    if wordsAfter(reason, 6).contains(where: { $0.is(.unavailable) }) { return true }
                }
            }
            position += 1
        }
        return false
    }

    /// Whether a form of "be" comes before `index` (past adverbs): "Bob was not told".
    private func isPassive(_ index: Int) -> Bool {
        var position = index - 1
        while position >= 0, tokens[position].is(.adverb) { position -= 1 }
        return position >= 0 && words.be.contains(tokens[position].id)
    }

    /// Whether `index` follows a sentence-initial "do" or "please": an imperative.
    private func isImperative(_ index: Int) -> Bool {
        var position = index - 1
        guard position >= 0, tokens[position].id == words.do || tokens[position].id == words.please else {
            return false
        }
        position -= 1
        return position < 0 || tokens[position].is(.sentenceEnd)
    }

    /// Whether `index` starts its sentence, past a time, a bullet or a dash.
    private func startsSentence(_ index: Int) -> Bool {
        var position = index - 1
        while position >= 0, tokens[position].kind == .number || tokens[position].is(.clausePunctuation) {
            position -= 1
        }
        return position < 0 || tokens[position].is(.sentenceEnd)
    }
}

/// The ids of the words the context rules look for.
struct ContextWords: Sendable {
    let `do`, please, of, to, by, comma, colon, dash, equals, openingParenthesis, closingParenthesis: Int32
    let who, whoever, closingBracket: Int32
    let possessiveS: Int32
    let relatives, coordinators, because, reasons, be, theOne, firstPerson, phraseEnders, decisions: Set<Int32>
    let placePrepositions: Set<Int32>

    init(_ vocabulary: inout Vocabulary) {
        func id(_ word: String) -> Int32 {
            let id = vocabulary.add(word, classes: .phraseWord)
            return vocabulary.resolve(id)
        }
        func ids(_ words: String) -> Set<Int32> { Set(words.split(separator: " ").map { id(String($0)) }) }
        `do` = id("do")
        who = id("who")
        whoever = id("whoever")
        closingBracket = id("]")
        please = id("please")
        of = id("of")
        to = id("to")
        by = id("by")
        comma = id(",")
        colon = id(":")
        dash = id("-")
        equals = id("=")
        openingParenthesis = id("(")
        closingParenthesis = id(")")
        possessiveS = id("'s")
        relatives = ids("that which who whom what")
        coordinators = ids("and but then or plus")
        because = ids("because since cause cuz due per according")
        reasons = ids("because cuz due per according")
        be = ids("was were is are be been being am")
        theOne = ids("one person guy")
        firstPerson = ids("i me myself")
        decisions = ids("decision choice refusal attempt")
        placePrepositions = ids("on in from at")
        phraseEnders = ids("of in on at that which and or last this yesterday today with during for to by")
    }
}

/// A ``ContextRule`` with its words looked up.
enum CompiledRule: Sendable {
    case subject(ContextRule.Agent)
    case personAfter(Int)
    case personInClause
    case personInSentence
    case notBefore(Set<Int32>, Int)
    case before(Set<Int32>, Int)
    case notAfter(Set<Int32>, Int)
    case notFollowedBy(WordClass)
    case noneAfter(WordClass, Int)
    case notHyphenated, noExcuse, loss, quoted, harm, noPraise, sarcasticPraise, notPassive, notImperative,
        atSentenceStart
    case nounPhraseEnds

    init(_ rule: ContextRule, vocabulary: inout Vocabulary) {
        func ids(_ words: [String]) -> Set<Int32> {
            var ids = Set<Int32>()
            for word in words {
                let id = vocabulary.add(word, classes: .phraseWord)
                ids.insert(vocabulary.resolve(id))
            }
            return ids
        }
        switch rule {
        case .subject(let agent): self = .subject(agent)
        case .personAfter(let limit): self = .personAfter(limit)
        case .personInClause: self = .personInClause
        case .personInSentence: self = .personInSentence
        case .notBefore(let words, let limit): self = .notBefore(ids(words), limit)
        case .before(let words, let limit): self = .before(ids(words), limit)
        case .notAfter(let words, let limit): self = .notAfter(ids(words), limit)
        case .notFollowedBy(let classes): self = .notFollowedBy(classes)
        case .noneAfter(let classes, let limit): self = .noneAfter(classes, limit)
        case .notHyphenated: self = .notHyphenated
        case .noExcuse: self = .noExcuse
        case .loss: self = .loss
        case .quoted: self = .quoted
        case .harm: self = .harm
        case .noPraise: self = .noPraise
        case .sarcasticPraise: self = .sarcasticPraise
        case .notPassive: self = .notPassive
        case .notImperative: self = .notImperative
        case .atSentenceStart: self = .atSentenceStart
        case .nounPhraseEnds: self = .nounPhraseEnds
        }
    }
}
