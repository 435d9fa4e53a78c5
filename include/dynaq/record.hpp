#pragma once
// What the Table layer accepts as a record: anything with a record_traits specialization.
// dynaq::Item passes through unchanged; structs described with Boost.Describe go through
// to_item / from_item (describe.hpp). Other types plug in by specializing record_traits:
//
//   template <> struct dynaq::record_traits<MyRow> {
//       static dynaq::Item to_item(const MyRow& r);
//       static MyRow from_item(dynaq::Item item);
//   };
#include <dynaq/describe.hpp>
#include <dynaq/value.hpp>

#include <concepts>
#include <utility>

namespace dynaq {

template <class R>
struct record_traits;

template <>
struct record_traits<Item> {
    static Item to_item(const Item& r) { return r; }
    static Item from_item(Item item) { return item; }
};

template <detail::Record R>
struct record_traits<R> {
    static Item to_item(const R& r) { return dynaq::to_item(r); }
    static R from_item(const Item& item) { return dynaq::from_item<R>(item); }
};

template <class R>
concept TableRecord = requires(const R& r, Item item) {
    { record_traits<R>::to_item(r) } -> std::same_as<Item>;
    { record_traits<R>::from_item(std::move(item)) } -> std::same_as<R>;
};

} // namespace dynaq
