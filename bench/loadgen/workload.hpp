#pragma once
// The workloads dynaq-bench runs and the operations they are made of. A workload is a mix of
// operations (see OperationMix in schedule.hpp); results are reported per operation.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace dynaq_bench {

enum class Workload {
    get,         ///< GetItem
    put,         ///< PutItem of a whole item
    update,      ///< UpdateItem of one attribute (SET)
    query,       ///< Query of one page from one partition
    batch_write, ///< BatchWriteItem of --batch-size puts
    batch_get,   ///< BatchGetItem of --batch-size keys
    ycsb_a,      ///< 50 % get, 50 % update
    ycsb_b,      ///< 95 % get, 5 % update
    ycsb_c,      ///< 100 % get
};

/// One request kind, as counted and reported.
enum class Op { get, put, update, query, batch_write, batch_get };
inline constexpr std::size_t op_count = 6;

inline constexpr std::array<Workload, 9> all_workloads{
    Workload::get,    Workload::put,         Workload::update,
    Workload::query,  Workload::batch_write, Workload::batch_get,
    Workload::ycsb_a, Workload::ycsb_b,      Workload::ycsb_c,
};
inline constexpr std::array<Op, op_count> all_ops{Op::get,   Op::put,         Op::update,
                                                  Op::query, Op::batch_write, Op::batch_get};

/// The command-line spelling: "get", "batch-write", "ycsb-a", ...
[[nodiscard]] constexpr std::string_view name(Workload w) noexcept {
    switch (w) {
    case Workload::get:
        return "get";
    case Workload::put:
        return "put";
    case Workload::update:
        return "update";
    case Workload::query:
        return "query";
    case Workload::batch_write:
        return "batch-write";
    case Workload::batch_get:
        return "batch-get";
    case Workload::ycsb_a:
        return "ycsb-a";
    case Workload::ycsb_b:
        return "ycsb-b";
    case Workload::ycsb_c:
        return "ycsb-c";
    }
    return "?";
}

[[nodiscard]] constexpr std::string_view name(Op op) noexcept {
    switch (op) {
    case Op::get:
        return "get";
    case Op::put:
        return "put";
    case Op::update:
        return "update";
    case Op::query:
        return "query";
    case Op::batch_write:
        return "batch-write";
    case Op::batch_get:
        return "batch-get";
    }
    return "?";
}

[[nodiscard]] constexpr std::optional<Workload> parse_workload(std::string_view text) noexcept {
    for (const Workload w : all_workloads)
        if (name(w) == text)
            return w;
    return std::nullopt;
}

[[nodiscard]] constexpr bool is_ycsb(Workload w) noexcept {
    return w == Workload::ycsb_a || w == Workload::ycsb_b || w == Workload::ycsb_c;
}

[[nodiscard]] constexpr std::size_t index(Op op) noexcept {
    return static_cast<std::size_t>(op);
}

} // namespace dynaq_bench
