import Mustache
import PMDocument
import PMWorkspace

// Mustache finds a value by name through `MustacheParent` when a type offers it, and through
// `Mirror` reflection otherwise; reflection took more than half of a full render (and reflecting each
// model once, into a dictionary, still a tenth; key paths with a cast for optionals, a tenth more than a
// switch per type), so every page model answers by name from a table of accessors: a closure returning
// `Any?` turns an empty optional into nil, so the lookup goes on up the context stack as for a missing name.

/// A page model whose fields templates read by name.
protocol TemplateModel: MustacheParent {
    /// Each name a template may use, and how to read its field.
    static var templateFields: [String: @Sendable (Self) -> Any?] { get }
}

extension TemplateModel {
    func child(named name: String) -> Any? {
        Self.templateFields[name]?(self) ?? nil
    }
}

extension SiteInfo: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "incidentCount": { $0.incidentCount }, "postmortemsText": { $0.postmortemsText }, "today": { $0.today },
        "generatedAt": { $0.generatedAt },
    ]
}

extension IncidentRow: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "date": { $0.date }, "href": { $0.href }, "title": { $0.title }, "severity": { $0.severity },
        "severityClass": { $0.severityClass }, "status": { $0.status }, "services": { $0.services },
        "tags": { $0.tags }, "hasTags": { $0.hasTags }, "timeToDetect": { $0.timeToDetect },
        "timeToResolve": { $0.timeToResolve }, "openActions": { $0.openActions }, "totalActions": { $0.totalActions },
        "overdueActions": { $0.overdueActions }, "policy": { $0.policy },
    ]
}

extension Pager: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "number": { $0.number }, "count": { $0.count }, "text": { $0.text }, "previous": { $0.previous },
        "next": { $0.next }, "links": { $0.links },
    ]
}

extension Pager.Link: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "href": { $0.href }, "current": { $0.current }, "gap": { $0.gap },
    ]
}

extension IndexPage: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "root": { $0.root }, "navIncidents": { $0.navIncidents }, "site": { $0.site },
        "hasIncidents": { $0.hasIncidents }, "incidents": { $0.incidents }, "incidentsText": { $0.incidentsText },
        "openActionsText": { $0.openActionsText }, "overdueText": { $0.overdueText }, "caption": { $0.caption },
        "pager": { $0.pager },
    ]
}

extension FieldRow: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "value": { $0.value }, "badge": { $0.badge },
    ]
}

extension ActionRow: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "id": { $0.id }, "shortID": { $0.shortID }, "localID": { $0.localID }, "anchor": { $0.anchor },
        "incidentID": { $0.incidentID }, "done": { $0.done }, "text": { $0.text }, "textHTML": { $0.textHTML },
        "owners": { $0.owners }, "ownerKey": { $0.ownerKey }, "due": { $0.due }, "overdue": { $0.overdue },
        "policy": { $0.policy }, "kind": { $0.kind }, "ticket": { $0.ticket }, "ticketText": { $0.ticketText },
        "ticketURL": { $0.ticketURL }, "nested": { $0.nested }, "incidentHref": { $0.incidentHref },
        "incidentTitle": { $0.incidentTitle },
    ]
}

extension Banner: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "kind": { $0.kind }, "label": { $0.label }, "text": { $0.text },
    ]
}

extension RelatedRow: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "date": { $0.date }, "reason": { $0.reason },
    ]
}

extension PostmortemPage: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "root": { $0.root }, "site": { $0.site }, "generatedAt": { $0.generatedAt }, "title": { $0.title },
        "banner": { $0.banner }, "policyBreaches": { $0.policyBreaches }, "hasPolicyBreaches": { $0.hasPolicyBreaches },
        "fields": { $0.fields }, "hasActions": { $0.hasActions }, "actions": { $0.actions },
        "actionsSummary": { $0.actionsSummary }, "actionsInBody": { $0.actionsInBody }, "body": { $0.body },
        "bodyBeforeActions": { $0.bodyBeforeActions }, "bodyAfterActions": { $0.bodyAfterActions },
        "hasRelated": { $0.hasRelated }, "related": { $0.related }, "path": { $0.path },
    ]
}

extension OwnerGroup: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "name": { $0.name }, "ownerKey": { $0.ownerKey }, "anchor": { $0.anchor }, "countText": { $0.countText },
        "continued": { $0.continued }, "actions": { $0.actions },
    ]
}

extension ActionsPage: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "root": { $0.root }, "navActions": { $0.navActions }, "site": { $0.site }, "hasActions": { $0.hasActions },
        "openActionsText": { $0.openActionsText }, "overdueText": { $0.overdueText }, "caption": { $0.caption },
        "groups": { $0.groups }, "pager": { $0.pager },
    ]
}

extension ChartRow: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = ["cells": { $0.cells }]
}

extension ChartView: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "id": { $0.id }, "title": { $0.title }, "description": { $0.description }, "svg": { $0.svg },
        "header": { $0.header }, "rows": { $0.rows },
    ]
}

extension StatsPage: TemplateModel {
    static let templateFields: [String: @Sendable (Self) -> Any?] = [
        "root": { $0.root }, "navStats": { $0.navStats }, "site": { $0.site }, "incidentsText": { $0.incidentsText },
        "medianDetect": { $0.medianDetect }, "medianResolve": { $0.medianResolve }, "closureRate": { $0.closureRate },
        "charts": { $0.charts },
    ]
}
