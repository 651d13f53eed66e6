import Foundation
import JixiaoExport

extension Decimal {
    /// As a table prints money: at least two decimals (6 → 6.00, 29.255 stays).
    package var money: String { OfficialTable.money(self) }
    /// The nearest Double, so that 28.94 is written back as 28.94 (NSDecimalNumber's doubleValue
    /// can land one step off, 28.939999999999998): for JSON numbers and a chart's scale, never for arithmetic.
    package var double: Double { Double(description) ?? NSDecimalNumber(decimal: self).doubleValue }
}
