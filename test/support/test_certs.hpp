#pragma once
// A throw-away PKI made at test time: a CA and one server certificate signed by it. Nothing
// is read from or written to disk here, and no private key is ever committed.
#include <string>
#include <vector>

namespace dynaq::test {

struct TestPki {
    std::string ca_cert_pem;
    std::string server_cert_pem; ///< leaf only; the CA is the trust anchor
    std::string server_key_pem;
};

/// EC P-256 keys, valid from an hour ago for a day. The server certificate names
/// `dns_names` and `ip_addresses` in its subjectAltName (at least one entry in total).
[[nodiscard]] TestPki make_test_pki(const std::vector<std::string>& dns_names,
                                    const std::vector<std::string>& ip_addresses);

/// Writes `contents` to a new file under the system temp directory and returns its path;
/// the file is removed when the returned object is destroyed.
class TempFile {
public:
    explicit TempFile(const std::string& contents);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

} // namespace dynaq::test
