import Mustache
import JixiaoModel

// Mustache finds a name by reflection (Mirror) unless the value answers for itself; the values
// repeated many times on a page (cells, rows, findings, options, source lines) answer here, which
// makes the pages several times faster. A nil answers `false`, so that the name is not looked for
// again in the enclosing values.

private func present(_ value: Any?) -> Any { value ?? false }

extension TableCell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "key": key
        case "rowspan": rowspan
        case "colspan": colspan
        case "marks": marks
        case "flag": present(flag)
        case "history": history
        case "label": label
        default: nil
        }
    }
}

extension CellMark: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "anchor": anchor
        case "severity": severity
        default: nil
        }
    }
}

extension TableRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cells": cells
        case "rowClass": present(rowClass)
        default: nil
        }
    }
}

extension ProjectTable: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": present(year)
        case "moneyUnit": moneyUnit
        case "unitLine": unitLine
        case "rows": rows
        case "titleMarks": titleMarks
        case "findings": findings
        case "notes": notes
        case "incompleteNote": incomplete ? Project.incompleteNote : nil
        default: nil
        }
    }
}

extension FindingView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "anchor": anchor
        case "severity": severity
        case "severityLabel": severityLabel
        case "category": category
        case "rule": rule
        case "place": place
        case "message": message
        case "basis": basis
        default: nil
        }
    }
}

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension OptionGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "options": options
        default: nil
        }
    }
}

extension EditPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "position": position
        case "level1Options": level1Options
        case "level2Groups": level2Groups
        case "level3": level3
        case "description": description
        case "opOptions": opOptions
        case "amount": amount
        case "unit": unit
        case "text": text
        case "basis": basis
        case "weight": weight
        case "original": original
        case "canMoveUp": canMoveUp
        case "canMoveDown": canMoveDown
        case "rowError": present(rowError)
        default: nil
        }
    }
}

extension ImportPage.SourceLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "text": text
        default: nil
        }
    }
}
