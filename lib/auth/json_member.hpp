#pragma once
// Looking up a member of a RapidJSON object without comparing member iterators (clang in
// C++20 mode finds RapidJSON's iterator comparisons ambiguous).
#include <rapidjson/document.h>

namespace dynaq::detail {

/// The member `name` of `object`; null when there is none or `object` is not an object.
[[nodiscard]] inline const rapidjson::Value* json_member(const rapidjson::Value& object,
                                                         const char* name) {
    if (!object.IsObject())
        return nullptr;
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

} // namespace dynaq::detail
