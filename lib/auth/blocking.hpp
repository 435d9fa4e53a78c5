#pragma once
// The synchronous get of the providers that fetch over the network.
#include <dynaq/credentials.hpp>

#include <memory>

namespace dynaq::detail {

/// `provider.async_get_shared()` run to completion on an io_context of its own, on the
/// calling thread (with whatever background refresh that starts).
[[nodiscard]] std::shared_ptr<const Credentials> get_blocking(const CredentialsProvider& provider);

} // namespace dynaq::detail
