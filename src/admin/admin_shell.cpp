#include "admin/admin_shell.hpp"

namespace cong::admin {

render::TrustedHtml csrf_field(const AdminContext& context) {
    render::HtmlWriter html;
    html.void_element("input", {{"type", "hidden"}, {"name", CSRF_FIELD}, {"value", context.csrf_token}});
    return render::TrustedHtml(html.take());
}

}  // namespace cong::admin
