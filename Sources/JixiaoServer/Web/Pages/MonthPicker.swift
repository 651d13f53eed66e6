import Foundation
import JixiaoModel

/// The month picker of the monitoring pages.
func monthPicker(_ month: Int) -> [Option] {
    (1...12).map { Option(value: "\($0)", label: "\($0) 月底", selected: $0 == month) }
}

/// A reported figure in a form field: as written, empty when none was reported.
func fieldText(_ d: Decimal?) -> String { d.map { "\($0)" } ?? "" }
