import Mustache
import PMDocument
import PMWorkspace

// Mustache finds a value by name through `MustacheParent` when a type offers it, and through
// `Mirror` reflection otherwise; reflection took more than half of a full render (and reflecting each
// model once, into a dictionary, still a tenth), so every page model answers by name from a table of
// its fields' key paths.

/// A page model whose fields templates read by name.
protocol TemplateModel: MustacheParent {
    /// Each name a template may use, and the field it reads.
    static var templateFields: [String: PartialKeyPath<Self> & Sendable] { get }
}

extension TemplateModel {
    func child(named name: String) -> Any? {
        guard let field = Self.templateFields[name] else { return nil }
        let value = self[keyPath: field]
        // An empty optional is no value, so the lookup goes on up the context stack, as for a missing name.
        if let optional = value as? any OptionalField { return optional.wrappedField }
        return value
    }
}

/// An optional field's value, seen through `Any`.
private protocol OptionalField {
    var wrappedField: Any? { get }
}

extension Optional: OptionalField {
    fileprivate var wrappedField: Any? { map { $0 as Any } }
}

extension SiteInfo: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "incidentCount": \.incidentCount, "postmortemsText": \.postmortemsText, "today": \.today,
        "generatedAt": \.generatedAt,
    ]
}

extension IncidentRow: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "date": \.date, "href": \.href, "title": \.title, "severity": \.severity, "severityClass": \.severityClass,
        "status": \.status, "services": \.services, "tags": \.tags, "hasTags": \.hasTags,
        "timeToDetect": \.timeToDetect, "timeToResolve": \.timeToResolve, "openActions": \.openActions,
        "totalActions": \.totalActions, "overdueActions": \.overdueActions, "policy": \.policy,
    ]
}

extension Pager: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "number": \.number, "count": \.count, "text": \.text, "previous": \.previous, "next": \.next, "links": \.links,
    ]
}

extension Pager.Link: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "label": \.label, "href": \.href, "current": \.current, "gap": \.gap,
    ]
}

extension IndexPage: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "root": \.root, "navIncidents": \.navIncidents, "site": \.site, "hasIncidents": \.hasIncidents,
        "incidents": \.incidents, "incidentsText": \.incidentsText, "openActionsText": \.openActionsText,
        "overdueText": \.overdueText, "caption": \.caption, "pager": \.pager,
    ]
}

extension FieldRow: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "label": \.label, "value": \.value, "badge": \.badge,
    ]
}

extension ActionRow: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "id": \.id, "shortID": \.shortID, "localID": \.localID, "anchor": \.anchor, "incidentID": \.incidentID,
        "done": \.done, "text": \.text, "textHTML": \.textHTML, "owners": \.owners, "ownerKey": \.ownerKey,
        "due": \.due, "overdue": \.overdue, "policy": \.policy, "kind": \.kind, "ticket": \.ticket,
        "ticketText": \.ticketText, "ticketURL": \.ticketURL, "nested": \.nested, "incidentHref": \.incidentHref,
        "incidentTitle": \.incidentTitle,
    ]
}

extension Banner: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "kind": \.kind, "label": \.label, "text": \.text,
    ]
}

extension RelatedRow: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "title": \.title, "href": \.href, "date": \.date, "reason": \.reason,
    ]
}

extension PostmortemPage: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "root": \.root, "site": \.site, "generatedAt": \.generatedAt, "title": \.title, "banner": \.banner,
        "policyBreaches": \.policyBreaches, "hasPolicyBreaches": \.hasPolicyBreaches, "fields": \.fields,
        "hasActions": \.hasActions, "actions": \.actions, "actionsSummary": \.actionsSummary,
        "actionsInBody": \.actionsInBody, "body": \.body, "bodyBeforeActions": \.bodyBeforeActions,
        "bodyAfterActions": \.bodyAfterActions, "hasRelated": \.hasRelated, "related": \.related, "path": \.path,
    ]
}

extension OwnerGroup: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "name": \.name, "ownerKey": \.ownerKey, "anchor": \.anchor, "countText": \.countText, "continued": \.continued,
        "actions": \.actions,
    ]
}

extension ActionsPage: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "root": \.root, "navActions": \.navActions, "site": \.site, "hasActions": \.hasActions,
        "openActionsText": \.openActionsText, "overdueText": \.overdueText, "caption": \.caption, "groups": \.groups,
        "pager": \.pager,
    ]
}

extension ChartRow: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = ["cells": \.cells]
}

extension ChartView: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "id": \.id, "title": \.title, "description": \.description, "svg": \.svg, "header": \.header, "rows": \.rows,
    ]
}

extension StatsPage: TemplateModel {
    static let templateFields: [String: PartialKeyPath<Self> & Sendable] = [
        "root": \.root, "navStats": \.navStats, "site": \.site, "incidentsText": \.incidentsText,
        "medianDetect": \.medianDetect, "medianResolve": \.medianResolve, "closureRate": \.closureRate,
        "charts": \.charts,
    ]
}
