// custody/sha256.h: SHA-256, the hash every piece of evidence is identified and checked by.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flgraph::custody {

// Lower-case hexadecimal SHA-256 (64 digits) of `bytes`.
std::string sha256_hex(std::string_view bytes);

// The same digest over bytes that arrive in pieces (a document copied into custody).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex_digest();  // once, at the end

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

bool is_sha256_hex(std::string_view text);

// The file's SHA-256, read in pieces; nothing when it cannot be read.
std::optional<std::string> sha256_of_file(
    const std::filesystem::path& path);  // 64 lower-case hexadecimal digits

}  // namespace flgraph::custody
