// The paginators' token machine (paginator.hpp).
#include <dynaq/paginator.hpp>

#include <string>

namespace dynaq::detail {

bool PageTokenFsm::on_page(bool has_token, bool same_as_sent) {
    ++pages_;
    if (!has_token) {
        done_ = true;
        return false;
    }
    if (same_as_sent) {
        // Following it would ask for the same page forever; the SDKs' paginators stop the
        // same way.
        done_ = true;
        throw ProtocolError(std::string(operation_) + ": page " + std::to_string(pages_) +
                            " came back with the " + std::string(token_member_) +
                            " token its request was sent with");
    }
    return true;
}

} // namespace dynaq::detail
