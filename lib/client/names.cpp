#include <dynaq/limits.hpp>
#include <dynaq/names.hpp>

#include <algorithm>

namespace dynaq {

bool is_valid_table_name(std::string_view name) noexcept {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    };
    return name.size() >= limits::table_name_min && name.size() <= limits::table_name_max &&
           std::all_of(name.begin(), name.end(), allowed);
}

} // namespace dynaq
