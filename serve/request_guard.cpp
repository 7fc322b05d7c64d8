// serve/request_guard.cpp: token, Host header and response headers (request_guard.h).
#include "serve/request_guard.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace flgraph::serve {
namespace {

bool ipv4_literal(const std::string& text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool ipv6_literal(const std::string& text) {
  in6_addr address{};
  return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

}  // namespace

std::string random_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data(), 64);
}

bool is_loopback(std::string_view address) {
  if (address == "localhost" || address == "::1") return true;
  const std::string text(address);
  return ipv4_literal(text) && text.starts_with("127.");
}

bool host_allowed(std::string_view host_header, int port) {
  std::string_view host = host_header;
  std::string_view port_text;
  if (host.starts_with('[')) {  // [::1]:8080
    const auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    port_text = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!ipv6_literal(std::string(host))) return false;
  } else {
    const auto colon = host.rfind(':');
    if (colon == std::string_view::npos) return false;  // browsers always send the port here
    port_text = host.substr(colon);
    host = host.substr(0, colon);
    if (host != "localhost" && !ipv4_literal(std::string(host))) return false;
  }
  if (!port_text.starts_with(':')) return false;
  port_text.remove_prefix(1);
  int given = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), given);
  return error == std::errc() && end == port_text.data() + port_text.size() && given == port;
}

bool authorization_matches(std::string_view authorization_header, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (token.empty() || !authorization_header.starts_with(kScheme)) return false;
  const std::string_view given = authorization_header.substr(kScheme.size());
  if (given.size() != token.size()) return false;
  return sodium_memcmp(given.data(), token.data(), token.size()) == 0;
}

const std::array<std::pair<const char*, const char*>, 5>& security_headers() {
  static const std::array<std::pair<const char*, const char*>, 5> headers = {{
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  }};
  return headers;
}

}  // namespace flgraph::serve
