#include <dynaq/transport.hpp>

namespace dynaq {

namespace {

class TransportCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "dynaq.transport"; }
    std::string message(int ev) const override {
        switch (static_cast<transport_errc>(ev)) {
        case transport_errc::crc32_mismatch:
            return "response body does not match x-amz-crc32";
        case transport_errc::deadline_exceeded:
            return "call deadline exceeded";
        case transport_errc::malformed_response:
            return "malformed HTTP response";
        case transport_errc::tls_verify_failed:
            return "server certificate rejected";
        }
        return "unknown transport error";
    }
};

} // namespace

const std::error_category& transport_category() noexcept {
    static const TransportCategory category;
    return category;
}

std::error_code make_error_code(transport_errc e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

} // namespace dynaq
