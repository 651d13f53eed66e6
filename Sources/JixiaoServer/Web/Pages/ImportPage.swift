import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore
import Mustache

struct ImportPage: PageModel {
    struct SourceLine {
        var number: Int
        var text: String
    }
    var title = "导入绩效目标文件"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var error: String?
    var maxMegabytes: Int
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
