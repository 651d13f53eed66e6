import Foundation
import JixiaoModel

extension IndicatorActual {
    /// Why this report cannot be used for `indicator`, or nil: a grade where the row is judged by its
    /// number, a number where it is judged by grade (either is refused, not scored as 未填报).
    public func mismatch(with indicator: Indicator) -> String? {
        switch Direction(indicator.target) {
        case .qualitative where grade == nil && value != nil:
            "按等级评价，填报的却是数值 \(value!)：请填等级（达成、部分达成、未达成）(a number on a row judged by grade)"
        case .positive, .reverse, .equal:
            value == nil && grade != nil ? "按数值评价，填报的却是等级“\(grade!.rawValue)”：请填完成值 (a grade on a row judged by its number)" : nil
        default: nil
        }
    }
}
