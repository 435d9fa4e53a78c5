#include <dynaq/value.hpp>

#include <ostream>

namespace dynaq {

std::string_view to_string(Type t) noexcept {
    switch (t) {
    case Type::S:
        return "S";
    case Type::N:
        return "N";
    case Type::B:
        return "B";
    case Type::SS:
        return "SS";
    case Type::NS:
        return "NS";
    case Type::BS:
        return "BS";
    case Type::M:
        return "M";
    case Type::L:
        return "L";
    case Type::Null:
        return "NULL";
    case Type::Bool:
        return "BOOL";
    }
    return "?"; // only reachable through a cast of an out-of-range integer
}

std::ostream& operator<<(std::ostream& os, Type t) {
    return os << to_string(t);
}

void AttributeValue::throw_mismatch(Type wanted) const {
    std::string msg = "expected ";
    msg += to_string(wanted);
    msg += ", got ";
    msg += to_string(type());
    throw TypeMismatchError(msg);
}

} // namespace dynaq
