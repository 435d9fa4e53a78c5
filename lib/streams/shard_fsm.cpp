#include "shard_fsm.hpp"

#include <dynaq/error.hpp>

#include <algorithm>
#include <set>

namespace dynaq::detail {

ShardFsm::ShardFsm(std::string stream_arn, ShardFsmOptions options,
                   const std::optional<Checkpoint>& from) :
    stream_arn_(std::move(stream_arn)),
    options_(options), from_(from) {
    if (options_.max_open_shards == 0)
        throw InvalidArgumentError("ChangeStream: max_open_shards must be at least 1");
    if (!from_)
        return;
    if (from_->stream_arn != stream_arn_)
        throw InvalidArgumentError("ChangeStream: the checkpoint is for stream " +
                                   from_->stream_arn + ", the table's stream is " + stream_arn_);
    for (const ShardCheckpoint& c : from_->shards) {
        Shard& s = shards_[c.shard_id];
        s.last_sequence = c.sequence_number;
        s.state = c.finished ? State::finished : State::waiting;
        s.listed = false;
    }
}

ShardFsm::Shard& ShardFsm::at(const std::string& id) {
    const auto it = shards_.find(id);
    if (it == shards_.end())
        throw std::logic_error("ShardFsm: unknown shard " + id);
    return it->second;
}

bool ShardFsm::parent_finished(const Shard& s) const {
    if (!s.parent)
        return true;
    const auto it = shards_.find(*s.parent);
    // A parent no longer listed was trimmed away after it closed: nothing of it is left.
    return it == shards_.end() || it->second.state == State::finished;
}

bool ShardFsm::has_listed_child(const std::string& id) const {
    return std::ranges::any_of(shards_, [&](const auto& entry) {
        return entry.second.listed && entry.second.parent == id;
    });
}

void ShardFsm::promote_children() {
    for (auto& [id, s] : shards_)
        if (s.state == State::waiting && s.listed && parent_finished(s))
            s.state = State::ready;
}

void ShardFsm::finish(const std::string& id, Shard& s) {
    s.state = State::finished;
    s.iterator.clear();
    // Its children may not be listed yet when it closed moments ago.
    if (!has_listed_child(id))
        wants_listing_ = true;
    promote_children();
}

void ShardFsm::on_listing(const std::vector<ListedShard>& listing, clock::time_point now) {
    (void)now;
    std::set<std::string> listed_ids;
    std::set<std::string> added;
    for (const ListedShard& l : listing) {
        listed_ids.insert(l.shard_id);
        auto [it, inserted] = shards_.try_emplace(l.shard_id);
        Shard& s = it->second;
        s.parent = l.parent_shard_id;
        if (inserted) {
            added.insert(l.shard_id);
            if (first_listing_ && !from_ && options_.start == ShardIteratorType::latest) {
                s.start = ShardIteratorType::latest;
                if (l.closed)
                    s.state = State::finished;
            }
        }
        s.listed = true;
    }
    if (first_listing_ && from_) {
        // A shard the checkpoint does not name, with a descendant it does name, was read to
        // its end before that descendant was started.
        for (const ShardCheckpoint& c : from_->shards) {
            const auto start = shards_.find(c.shard_id);
            if (start == shards_.end())
                continue;
            std::optional<std::string> up = start->second.parent;
            std::set<std::string> seen;
            while (up && seen.insert(*up).second) {
                const auto p = shards_.find(*up);
                if (p == shards_.end())
                    break;
                if (added.contains(*up))
                    p->second.state = State::finished;
                up = p->second.parent;
            }
        }
    }
    for (auto it = shards_.begin(); it != shards_.end();) {
        Shard& s = it->second;
        const bool gone = !listed_ids.contains(it->first);
        if (gone && s.state == State::finished) {
            it = shards_.erase(it);
            continue;
        }
        if (gone && (s.state == State::waiting || s.state == State::ready)) {
            // Trimmed away before it was read to its end: what it still held is lost.
            gaps_.push_back({it->first, s.last_sequence});
            it = shards_.erase(it);
            continue;
        }
        ++it;
    }
    first_listing_ = false;
    wants_listing_ = false;
    promote_children();
}

std::size_t ShardFsm::open_count() const {
    return static_cast<std::size_t>(std::ranges::count_if(shards_, [](const auto& entry) {
        const State st = entry.second.state;
        return st == State::opening || st == State::open || st == State::in_flight;
    }));
}

bool ShardFsm::others_wait(const std::string& id) const {
    return std::ranges::any_of(shards_, [&](const auto& entry) {
        return entry.first != id &&
               (entry.second.state == State::ready || entry.second.state == State::parked);
    });
}

std::vector<ShardFsm::IteratorRequest> ShardFsm::iterators_needed() {
    std::vector<IteratorRequest> out;
    std::size_t open = open_count();
    for (auto& [id, s] : shards_) {
        if (open >= options_.max_open_shards)
            break;
        if (s.state != State::ready)
            continue;
        s.state = State::opening;
        ++open;
        if (!s.last_sequence.empty())
            out.push_back({id, ShardIteratorType::after_sequence_number, s.last_sequence});
        else
            out.push_back({id, s.start, std::nullopt});
    }
    // Then parked shards, longest parked first; they still hold an iterator.
    std::vector<Shard*> parked;
    for (auto& [id, s] : shards_)
        if (s.state == State::parked)
            parked.push_back(&s);
    std::ranges::sort(parked, {}, &Shard::parked_at);
    for (Shard* s : parked) {
        if (open >= options_.max_open_shards)
            break;
        s->state = State::open;
        ++open;
    }
    return out;
}

void ShardFsm::on_iterator(const std::string& shard_id, std::optional<std::string> iterator,
                           clock::time_point now) {
    Shard& s = at(shard_id);
    if (!iterator) {
        finish(shard_id, s);
        return;
    }
    s.state = State::open;
    s.iterator = std::move(*iterator);
    s.due = now;
}

std::vector<ShardFsm::Read> ShardFsm::reads_due(clock::time_point now) {
    std::vector<Read> out;
    for (auto& [id, s] : shards_) {
        if (s.state != State::open || s.due > now)
            continue;
        s.state = State::in_flight;
        out.push_back({id, s.iterator});
    }
    return out;
}

void ShardFsm::on_records(const std::string& shard_id,
                          std::optional<std::string> last_sequence_number,
                          std::optional<std::string> next_iterator, clock::time_point now) {
    Shard& s = at(shard_id);
    s.backoff = std::chrono::milliseconds(0);
    const bool got_records = last_sequence_number.has_value();
    if (got_records)
        s.last_sequence = std::move(*last_sequence_number);
    if (!next_iterator) {
        finish(shard_id, s);
        return;
    }
    s.state = State::open;
    s.iterator = std::move(*next_iterator);
    s.due = now + (got_records ? options_.min_poll_interval : options_.idle_delay);
    if (!got_records && open_count() >= options_.max_open_shards && others_wait(shard_id)) {
        s.state = State::parked;
        s.parked_at = ++parkings_;
    }
}

void ShardFsm::on_expired(const std::string& shard_id) {
    // Parked shards hold iterators too; one that expired there is reopened like any other.
    Shard& s = at(shard_id);
    s.iterator.clear();
    s.state = State::ready;
}

void ShardFsm::on_trimmed(const std::string& shard_id) {
    Shard& s = at(shard_id);
    gaps_.push_back({shard_id, s.last_sequence});
    s.last_sequence.clear();
    s.start = ShardIteratorType::trim_horizon;
    s.iterator.clear();
    s.state = State::ready;
}

void ShardFsm::on_limit_exceeded(const std::string& shard_id, clock::time_point now) {
    Shard& s = at(shard_id);
    s.backoff = s.backoff.count() == 0 ? options_.limit_backoff
                                       : std::min(s.backoff * 2, options_.max_backoff);
    s.state = State::open;
    s.due = now + s.backoff;
}

ShardFsm::clock::time_point ShardFsm::next_due() const {
    // A shard waits for a place that is free (its parent just ended): open it now.
    if (open_count() < options_.max_open_shards &&
        std::ranges::any_of(shards_, [](const auto& entry) {
            return entry.second.state == State::ready || entry.second.state == State::parked;
        }))
        return clock::time_point::min();
    auto due = clock::time_point::max();
    for (const auto& [id, s] : shards_)
        if (s.state == State::open)
            due = std::min(due, s.due);
    return due;
}

bool ShardFsm::all_finished() const {
    return std::ranges::all_of(
        shards_, [](const auto& entry) { return entry.second.state == State::finished; });
}

std::vector<StreamGap> ShardFsm::take_gaps() {
    return std::exchange(gaps_, {});
}

Checkpoint ShardFsm::checkpoint() const {
    Checkpoint c;
    c.stream_arn = stream_arn_;
    for (const auto& [id, s] : shards_) {
        const bool finished = s.state == State::finished;
        if (finished || !s.last_sequence.empty())
            c.shards.push_back({id, s.last_sequence, finished});
    }
    return c;
}

} // namespace dynaq::detail
