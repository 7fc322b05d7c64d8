// serve/request_guard.h: what every request must show before the API answers it, and the headers
// every answer carries. Pure functions, so each rule is tested without a socket.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace flgraph::serve {

// A per-launch secret: 32 random bytes (libsodium), hex.
std::string random_token();

// Whether `address` is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(std::string_view address);

// Whether a Host header names this server: "localhost" or an IP literal, with our port. A host
// name a page's DNS could point at us (DNS rebinding) is refused.
bool host_allowed(std::string_view host_header, int port);

// "Bearer TOKEN" compared in constant time.
bool authorization_matches(std::string_view authorization_header, std::string_view token);

// Sent with every response, errors included: a strict Content-Security-Policy ('self' only, no
// inline script), nosniff, no-referrer, no-store.
const std::array<std::pair<const char*, const char*>, 5>& security_headers();

}  // namespace flgraph::serve
