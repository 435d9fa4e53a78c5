#pragma once
// The coroutine side of batches: sends the requests batch_plan built, a bounded number at a
// time, re-sends what comes back unprocessed as UnprocessedRetryFsm decides, and turns whatever
// is left into one BatchIncompleteError.
#include "table/batch_plan.hpp"
#include <dynaq/batch.hpp>
#include <dynaq/client.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dynaq::detail {

/// Writes every chunk (keys unique across chunks; `chunks` is consumed). Throws
/// BatchIncompleteError telling the written, unwritten and unknown writes apart (WriteLedger).
boost::asio::awaitable<void> run_batch_writes(Client& client, const std::string& table,
                                              std::vector<std::vector<PendingWrite>>& chunks,
                                              const std::vector<std::string>& key_names,
                                              const BatchConfig& config);

/// How the keys are read (projection, names, consistency); its `keys` are ignored.
using GetShape = KeysAndAttributes;

/// Reads the plan's keys; returns, for each key of plan.keys, the item found (or nullopt).
/// Items are matched back by `key_names`. Throws BatchIncompleteError listing the keys not read.
boost::asio::awaitable<std::vector<std::optional<Item>>>
run_batch_gets(Client& client, const std::string& table, const GetPlan& plan, const GetShape& shape,
               const std::vector<std::string>& key_names, const BatchConfig& config);

} // namespace dynaq::detail
