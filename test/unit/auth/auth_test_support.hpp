#pragma once
// Shared by the auth tests: a private temporary directory per test, so the shared-file tests
// never read the real HOME, and a way to look at a ConfigError's message.
#include <dynaq/error.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dynaq::test {

class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "dynaq-auth-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    [[nodiscard]] std::string path() const { return path_.string(); }

    /// Writes `contents` to `relative` (creating directories) and returns the full path.
    std::string write(std::string_view relative, std::string_view contents) const {
        const auto file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << contents;
        if (!out)
            throw std::runtime_error("cannot write " + file.string());
        return file.string();
    }

private:
    std::filesystem::path path_;
};

/// The message of the ConfigError that `f()` throws, or "no error".
template <class F>
std::string config_error_of(F&& f) {
    try {
        (void)f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "no error";
}

/// The message of the CredentialsError that `provider.get()` throws, or "no error".
template <class Provider>
std::string credentials_error_of(const Provider& provider) {
    try {
        (void)provider.get();
    } catch (const CredentialsError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace dynaq::test
