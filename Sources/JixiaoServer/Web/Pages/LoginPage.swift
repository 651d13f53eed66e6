import Foundation
import JixiaoAccess
import JixiaoHTML
import JixiaoModel
import JixiaoStore

struct LoginPage: PageModel {
    var title = "登录"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var next: String
    var username: String
    var error: String?
}
