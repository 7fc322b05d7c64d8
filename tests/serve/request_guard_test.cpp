// tests/serve/request_guard_test.cpp: the token, Host and header rules, without a socket.
#include "serve/request_guard.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace flgraph::serve {
namespace {

TEST(RandomToken, IsSixtyFourHexDigitsAndNewEachLaunch) {
  const auto token = random_token();
  EXPECT_EQ(token.size(), 64U);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
  std::set<std::string> tokens;
  for (int i = 0; i < 50; ++i) tokens.insert(random_token());
  EXPECT_EQ(tokens.size(), 50U);
}

TEST(Loopback, OnlyLoopbackAddressesAreLoopback) {
  for (const auto* address : {"127.0.0.1", "127.3.2.1", "::1", "localhost"})
    EXPECT_TRUE(is_loopback(address)) << address;
  for (const auto* address : {"0.0.0.0", "192.168.1.5", "::", "10.0.0.1", "127.0.0.1.evil", ""})
    EXPECT_FALSE(is_loopback(address)) << address;
}

TEST(HostHeader, OwnAddressesWithTheRightPortPass) {
  for (const auto* host : {"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "192.168.1.5:8080"})
    EXPECT_TRUE(host_allowed(host, 8080)) << host;
}

TEST(HostHeader, NamesAPageCouldRebindAndWrongPortsAreRefused) {
  for (const auto* host :
       {"evil.example:8080", "evil.example", "127.0.0.1:8081", "127.0.0.1", "localhost:80",
        "127.0.0.1:8080x", "127.0.0.1:", "[::1]", "[::1:8080", "[evil]:8080", "", ":8080",
        "127.0.0.1.nip.io:8080", "localhost.evil.example:8080"})
    EXPECT_FALSE(host_allowed(host, 8080)) << host;
}

TEST(Token, OnlyTheExactBearerTokenPasses) {
  const std::string token = random_token();
  EXPECT_TRUE(authorization_matches("Bearer " + token, token));
  EXPECT_FALSE(authorization_matches(token, token));
  EXPECT_FALSE(authorization_matches("Bearer " + token + "0", token));
  EXPECT_FALSE(authorization_matches("Bearer " + token.substr(1), token));
  EXPECT_FALSE(authorization_matches("bearer " + token, token));
  EXPECT_FALSE(authorization_matches("Bearer ", ""));
  EXPECT_FALSE(authorization_matches("", token));
}

TEST(SecurityHeaders, PolicyAllowsOnlyTheServerItself) {
  std::string policy;
  for (const auto& [name, value] : security_headers()) {
    if (std::string(name) == "Content-Security-Policy") policy = value;
  }
  EXPECT_NE(policy.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos);
  EXPECT_EQ(policy.find("http"), std::string::npos);
}

}  // namespace
}  // namespace flgraph::serve
