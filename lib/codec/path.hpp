#pragma once
// The location of a value inside a document, for error messages ("Items[3].tags[1]").
// Nodes live on the call stack of the recursive encoder/decoder and point to their parent,
// so tracking the path costs nothing until an error message actually needs the text.
#include <cstddef>
#include <string>
#include <string_view>

namespace dynaq::detail {

class Path {
public:
    explicit Path(std::string_view root) noexcept : name_(root) {}

    // A child points to its parent, so children of temporaries would dangle.
    [[nodiscard]] Path member(std::string_view name) const& noexcept { return {this, name, npos}; }
    [[nodiscard]] Path element(std::size_t index) const& noexcept { return {this, {}, index}; }
    Path member(std::string_view) const&& = delete;
    Path element(std::size_t) const&& = delete;

    [[nodiscard]] std::string str() const {
        std::string out;
        append_to(out);
        return out;
    }

    /// "<path>: <problem>", or just the problem at an unnamed root.
    [[nodiscard]] std::string message(std::string_view problem) const {
        std::string out = str();
        if (!out.empty())
            out += ": ";
        out += problem;
        return out;
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    Path(const Path* parent, std::string_view name, std::size_t index) noexcept :
        parent_(parent), name_(name), index_(index) {}

    void append_to(std::string& out) const {
        if (parent_)
            parent_->append_to(out);
        if (index_ != npos) {
            out += '[';
            out += std::to_string(index_);
            out += ']';
            return;
        }
        if (parent_ && !out.empty())
            out += '.';
        out += name_;
    }

    const Path* parent_ = nullptr;
    std::string_view name_;
    std::size_t index_ = npos;
};

/// `s` in double quotes for a message, cut short: the text may be large and come from the peer.
[[nodiscard]] inline std::string quoted_excerpt(std::string_view s) {
    constexpr std::size_t limit = 64;
    std::string out = "\"";
    out.append(s.substr(0, limit));
    if (s.size() > limit)
        out += "...";
    out += '"';
    return out;
}

} // namespace dynaq::detail
