#pragma once
// Renders one expression through a fresh Placeholders context and keeps everything it produced.
#include <dynaq/expression.hpp>

#include <map>
#include <string>
#include <utility>

namespace expr_test {

using Names = std::map<std::string, std::string>;

struct Rendered {
    std::string text;
    std::map<std::string, std::string> names;
    dynaq::Item values;
};

template <class E>
Rendered render(const E& expression, dynaq::Item data = {}) {
    dynaq::Placeholders ph(std::move(data));
    Rendered r;
    r.text = ph.render(expression);
    dynaq::ExpressionAttributes attributes = ph.release();
    r.names = std::move(attributes.names);
    r.values = std::move(attributes.values);
    return r;
}

template <class E>
std::string text(const E& expression, dynaq::Item data = {}) {
    return render(expression, std::move(data)).text;
}

} // namespace expr_test
