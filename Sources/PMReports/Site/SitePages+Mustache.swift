import Mustache
import PMDocument
import PMWorkspace

// Mustache finds a value by name through `MustacheParent` when a type offers it, and through
// `Mirror` reflection otherwise; reflection took more than half of a full render, so every page
// model answers by name itself.

extension SiteInfo: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "incidentCount": return incidentCount
        case "postmortemsText": return postmortemsText
        case "today": return today
        case "generatedAt": return generatedAt
        default: return nil
        }
    }
}

extension IncidentRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "date": return date
        case "href": return href
        case "title": return title
        case "severity": return severity
        case "severityClass": return severityClass
        case "status": return status
        case "services": return services
        case "tags": return tags
        case "hasTags": return hasTags
        case "timeToDetect": return timeToDetect
        case "timeToResolve": return timeToResolve
        case "openActions": return openActions
        case "totalActions": return totalActions
        case "overdueActions": return overdueActions
        case "policy": return policy
        default: return nil
        }
    }
}

extension Pager: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "count": return count
        case "text": return text
        case "previous": return previous
        case "next": return next
        case "links": return links
        default: return nil
        }
    }
}

extension Pager.Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "href": return href
        case "current": return current
        case "gap": return gap
        default: return nil
        }
    }
}

extension IndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "root": return root
        case "navIncidents": return navIncidents
        case "site": return site
        case "hasIncidents": return hasIncidents
        case "incidents": return incidents
        case "incidentsText": return incidentsText
        case "openActionsText": return openActionsText
        case "overdueText": return overdueText
        case "caption": return caption
        case "pager": return pager
        default: return nil
        }
    }
}

extension FieldRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "value": return value
        case "badge": return badge
        default: return nil
        }
    }
}

extension ActionRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "shortID": return shortID
        case "localID": return localID
        case "anchor": return anchor
        case "incidentID": return incidentID
        case "done": return done
        case "text": return text
        case "textHTML": return textHTML
        case "owners": return owners
        case "ownerKey": return ownerKey
        case "due": return due
        case "overdue": return overdue
        case "policy": return policy
        case "kind": return kind
        case "ticket": return ticket
        case "ticketText": return ticketText
        case "ticketURL": return ticketURL
        case "nested": return nested
        case "incidentHref": return incidentHref
        case "incidentTitle": return incidentTitle
        default: return nil
        }
    }
}

extension Banner: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": return kind
        case "label": return label
        case "text": return text
        default: return nil
        }
    }
}

extension RelatedRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "date": return date
        case "reason": return reason
        default: return nil
        }
    }
}

extension PostmortemPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "root": return root
        case "site": return site
        case "generatedAt": return generatedAt
        case "title": return title
        case "banner": return banner
        case "policyBreaches": return policyBreaches
        case "hasPolicyBreaches": return hasPolicyBreaches
        case "fields": return fields
        case "hasActions": return hasActions
        case "actions": return actions
        case "actionsSummary": return actionsSummary
        case "actionsInBody": return actionsInBody
        case "body": return body
        case "bodyBeforeActions": return bodyBeforeActions
        case "bodyAfterActions": return bodyAfterActions
        case "hasRelated": return hasRelated
        case "related": return related
        case "path": return path
        default: return nil
        }
    }
}

extension OwnerGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "ownerKey": return ownerKey
        case "anchor": return anchor
        case "countText": return countText
        case "continued": return continued
        case "actions": return actions
        default: return nil
        }
    }
}

extension ActionsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "root": return root
        case "navActions": return navActions
        case "site": return site
        case "hasActions": return hasActions
        case "openActionsText": return openActionsText
        case "overdueText": return overdueText
        case "caption": return caption
        case "groups": return groups
        case "pager": return pager
        default: return nil
        }
    }
}

extension ChartRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cells": return cells
        default: return nil
        }
    }
}

extension ChartView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        case "description": return self.description
        case "svg": return svg
        case "header": return header
        case "rows": return rows
        default: return nil
        }
    }
}

extension StatsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "root": return root
        case "navStats": return navStats
        case "site": return site
        case "incidentsText": return incidentsText
        case "medianDetect": return medianDetect
        case "medianResolve": return medianResolve
        case "closureRate": return closureRate
        case "charts": return charts
        default: return nil
        }
    }
}
