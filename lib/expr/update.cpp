// Update expressions: SET values (functions, arithmetic), REMOVE, ADD, DELETE, and rendering.
#include "internal.hpp"

namespace dynaq {

void detail::check_update_value(UpdateRole role, const AttributeValue& v) {
    const Type t = v.type();
    const bool set = t == Type::SS || t == Type::NS || t == Type::BS;
    std::string_view problem;
    switch (role) {
    case UpdateRole::arithmetic:
        if (t != Type::N)
            problem = "+ and - need numbers";
        break;
    case UpdateRole::list_append:
        if (t != Type::L)
            problem = "list_append needs Lists";
        break;
    case UpdateRole::add:
        if (t != Type::N && !set)
            problem = "ADD needs a number or a set";
        break;
    case UpdateRole::remove_elements:
        if (!set)
            problem = "DELETE needs a set (it removes elements from a set attribute)";
        break;
    }
    if (!problem.empty())
        throw InvalidArgumentError(std::string(problem) + ", got a value of type " +
                                   std::string(to_string(t)));
}

namespace {

using detail::UpdateRole;

void check_literal(UpdateRole role, const UpdateOperand& o) {
    if (const auto* v = std::get_if<AttributeValue>(&o.variant()))
        detail::check_update_value(role, *v);
}

void check_literal(UpdateRole role, const ValueOperand& o) {
    if (const AttributeValue* v = o.literal())
        detail::check_update_value(role, *v);
}

} // namespace

UpdateOperand if_not_exists(Path path, UpdateOperand fallback) {
    return UpdateOperand(std::make_shared<const detail::UpdateCall>(detail::UpdateCall{
        detail::UpdateCall::Function::if_not_exists, std::move(path), std::move(fallback)}));
}

UpdateOperand list_append(UpdateOperand front, UpdateOperand back) {
    check_literal(UpdateRole::list_append, front);
    check_literal(UpdateRole::list_append, back);
    return UpdateOperand(std::make_shared<const detail::UpdateCall>(detail::UpdateCall{
        detail::UpdateCall::Function::list_append, std::move(front), std::move(back)}));
}

UpdateValue::UpdateValue(UpdateOperand left, Arithmetic op, UpdateOperand right) :
    left_(std::move(left)), op_(op), right_(std::move(right)) {
    if (op_ == Arithmetic::none)
        throw InvalidArgumentError("an arithmetic update value needs + or -");
    check_literal(UpdateRole::arithmetic, left_);
    check_literal(UpdateRole::arithmetic, *right_);
}

void Update::claim(const Path& target) const {
    auto check = [&](const Path& taken) {
        if (taken.overlaps(target))
            throw InvalidArgumentError("update paths overlap: \"" + taken.to_string() +
                                       "\" and \"" + target.to_string() + "\"");
    };
    for (const Set& s : sets_)
        check(s.target);
    for (const Path& p : removes_)
        check(p);
    for (const Change& c : adds_)
        check(c.target);
    for (const Change& c : deletes_)
        check(c.target);
}

Update& Update::set(Path target, UpdateValue value) {
    claim(target);
    sets_.push_back({std::move(target), std::move(value)});
    return *this;
}

Update& Update::set_if_not_exists(Path target, UpdateOperand value) {
    UpdateOperand guarded = if_not_exists(target, std::move(value));
    return set(std::move(target), std::move(guarded));
}

Update& Update::remove(Path target) {
    claim(target);
    removes_.push_back(std::move(target));
    return *this;
}

Update& Update::add(Path target, ValueOperand value) {
    check_literal(UpdateRole::add, value);
    claim(target);
    adds_.push_back({std::move(target), std::move(value)});
    return *this;
}

Update& Update::delete_from_set(Path target, ValueOperand subset) {
    check_literal(UpdateRole::remove_elements, subset);
    claim(target);
    deletes_.push_back({std::move(target), std::move(subset)});
    return *this;
}

Update& Update::merge(const Update& other) {
    // Claim everything first so that a conflict leaves this update unchanged.
    Update merged = *this;
    for (const Set& s : other.sets_)
        merged.set(s.target, s.value);
    for (const Path& p : other.removes_)
        merged.remove(p);
    for (const Change& c : other.adds_)
        merged.add(c.target, c.value);
    for (const Change& c : other.deletes_)
        merged.delete_from_set(c.target, c.value);
    *this = std::move(merged);
    return *this;
}

namespace {

class UpdateWriter {
public:
    UpdateWriter(Placeholders& ph, std::string& out) : ph_(ph), out_(out) {}

    template <class T, class F>
    void clause(std::string_view keyword, const std::vector<T>& items, F&& write_item) {
        if (items.empty())
            return;
        if (!out_.empty())
            out_ += ' ';
        out_ += keyword;
        out_ += ' ';
        for (const T& item : items) {
            if (&item != &items.front())
                out_ += ", ";
            write_item(item);
        }
    }

    void path(const Path& p) { ph_.append_path(out_, p); }

    void value(const UpdateValue& v) {
        if (v.arithmetic() == UpdateValue::Arithmetic::none) {
            operand(v.left(), std::nullopt);
            return;
        }
        operand(v.left(), UpdateRole::arithmetic);
        out_ += ' ';
        out_ += static_cast<char>(v.arithmetic());
        out_ += ' ';
        operand(*v.right(), UpdateRole::arithmetic);
    }

    void change(const Update::Change& c, UpdateRole role) {
        path(c.target);
        out_ += ' ';
        put(ph_.resolve(c.value), role);
    }

private:
    // `role` is what the operand's value must be; it passes through if_not_exists, whose
    // fallback becomes the value.
    void operand(const UpdateOperand& o, std::optional<UpdateRole> role) {
        std::visit(
            [&](const auto& x) {
                using T = std::remove_cvref_t<decltype(x)>;
                if constexpr (std::is_same_v<T, AttributeValue>)
                    put(x, role);
                else if constexpr (std::is_same_v<T, Path>)
                    path(x);
                else if constexpr (std::is_same_v<T, NamedValue>)
                    put(ph_.data(x), role);
                else
                    call(*x, role);
            },
            o.variant());
    }

    void call(const detail::UpdateCall& c, std::optional<UpdateRole> role) {
        const bool append = c.function == detail::UpdateCall::Function::list_append;
        if (append && role == UpdateRole::arithmetic)
            throw InvalidArgumentError("list_append() cannot be an operand of + or -");
        out_ += append ? "list_append(" : "if_not_exists(";
        operand(c.first, append ? std::optional(UpdateRole::list_append) : std::nullopt);
        out_ += ", ";
        operand(c.second, append ? std::optional(UpdateRole::list_append) : role);
        out_ += ')';
    }

    void put(const AttributeValue& v, std::optional<UpdateRole> role) {
        if (role)
            detail::check_update_value(*role, v);
        out_ += ph_.value(v);
    }

    Placeholders& ph_;
    std::string& out_;
};

} // namespace

std::string Placeholders::render(const Update& update) {
    if (update.empty())
        throw InvalidArgumentError("an update expression needs at least one action");
    return guarded([&] {
        std::string out;
        UpdateWriter w(*this, out);
        w.clause("SET", update.sets(), [&](const Update::Set& s) {
            w.path(s.target);
            out += " = ";
            w.value(s.value);
        });
        w.clause("REMOVE", update.removes(), [&](const Path& p) { w.path(p); });
        w.clause("ADD", update.adds(),
                 [&](const Update::Change& c) { w.change(c, UpdateRole::add); });
        w.clause("DELETE", update.deletes(),
                 [&](const Update::Change& c) { w.change(c, UpdateRole::remove_elements); });
        return out;
    });
}

} // namespace dynaq
