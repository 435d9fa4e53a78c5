// Projection expressions.
#include "internal.hpp"

namespace dynaq {

Projection::Projection(std::initializer_list<Path> paths) {
    for (const Path& p : paths)
        add(p);
}

Projection& Projection::add(Path path) {
    for (const Path& taken : paths_) {
        if (taken.elements() == path.elements())
            return *this; // the same attribute twice is harmless: keep the first
        if (taken.overlaps(path))
            throw InvalidArgumentError("projection paths overlap: \"" + taken.to_string() +
                                       "\" and \"" + path.to_string() + "\"");
    }
    paths_.push_back(std::move(path));
    return *this;
}

Projection& Projection::merge(const Projection& other) {
    Projection merged = *this;
    for (const Path& p : other.paths_)
        merged.add(p);
    *this = std::move(merged);
    return *this;
}

std::string Placeholders::render(const Projection& projection) {
    if (projection.empty())
        throw InvalidArgumentError("a projection needs at least one path");
    return guarded([&] {
        std::string out;
        for (const Path& p : projection.paths()) {
            if (!out.empty())
                out += ", ";
            append_path(out, p);
        }
        return out;
    });
}

} // namespace dynaq
