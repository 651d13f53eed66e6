import Foundation
import JixiaoAccess
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// An error as a page in Chinese, with a way back.
struct ErrorPage: PageModel {
    var title: String
    var message: String
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
}
