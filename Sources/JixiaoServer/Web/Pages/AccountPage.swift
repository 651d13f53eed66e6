import Foundation
import JixiaoAccess
import JixiaoHTML
import JixiaoModel
import JixiaoStore

struct AccountPage: PageModel {
    struct Token: PageModel {
        var id: Int
        var name: String
        var createdAt: String
        var lastUsedAt: String
        var revoked: Bool
    }
    var title = "我的账户"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var username: String
    var displayName: String
    var role: String
    var scope: String
    var tokens: [Token]
    var newToken: String?
    var message: String?
    var error: String?
}
