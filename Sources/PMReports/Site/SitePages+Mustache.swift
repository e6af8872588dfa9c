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
        case "duration": return duration
        case "timeToDetect": return timeToDetect
        case "openActions": return openActions
        case "totalActions": return totalActions
        case "overdueActions": return overdueActions
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
        case "openActions": return openActions
        case "overdueActions": return overdueActions
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
        case "anchor": return anchor
        case "done": return done
        case "text": return text
        case "owners": return owners
        case "due": return due
        case "overdue": return overdue
        case "kind": return kind
        case "ticket": return ticket
        case "ticketURL": return ticketURL
        case "incidentHref": return incidentHref
        case "incidentTitle": return incidentTitle
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
        case "fields": return fields
        case "hasActions": return hasActions
        case "actions": return actions
        case "body": return body
        case "path": return path
        default: return nil
        }
    }
}

extension OwnerGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "anchor": return anchor
        case "count": return count
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
        case "openActions": return openActions
        case "overdueActions": return overdueActions
        case "owners": return owners
        default: return nil
        }
    }
}

extension ChartRow: MustacheParent {
    func child(named name: String) -> Any? {
        name == "cells" ? cells : nil
    }
}

extension ChartView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        case "description": return description
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
        case "medianDetect": return medianDetect
        case "medianResolve": return medianResolve
        case "closureRate": return closureRate
        case "charts": return charts
        default: return nil
        }
    }
}
