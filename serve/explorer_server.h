// serve/explorer_server.h: `flgraph serve`: the JSON API (api_routes.h) over HTTP, behind the
// per-launch token and the Host check (request_guard.h), on loopback unless told otherwise.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "commands/read_options.h"

namespace flgraph::serve {

struct ServeOptions {
  // The store, and reveal_protected for protected sources (witnesses stay pseudonyms).
  commands::ReadOptions read;
  std::string listen = "127.0.0.1";
  int port = 0;       // 0: a free port, chosen when bound
  std::string token;  // empty: random_token()
  // A larger request body is refused (413): room for a supplier list of some 100,000 rows.
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  bool read_only = false;  // judgements refused (403)
};

// GET and POST /api/<endpoint> answered by api_routes, GET / and /assets/... by the compiled-in
// page (static_assets.h); every answer, errors included, carries security_headers(). A wrong Host
// is 403, a missing or wrong token 401 (for /api/; the page holds no data and reads the token from
// the URL's fragment), a method other than GET, HEAD or POST (POST on /api/ only) 405, any other
// path 404. Nothing is logged: a request may hold a name under investigation.
class ExplorerServer {
 public:
  explicit ExplorerServer(ServeOptions options);
  ~ExplorerServer();
  ExplorerServer(const ExplorerServer&) = delete;
  ExplorerServer& operator=(const ExplorerServer&) = delete;

  // Binds the address and returns the port; throws Error when it cannot.
  int bind();
  // Answers requests until stop(); call after bind(), on a thread of its own.
  void serve();
  // Safe from any thread; a serve() not yet started returns at once when it starts.
  void stop();
  bool running() const;

  const std::string& token() const;
  // http://ADDRESS:PORT/ (an IPv6 address in brackets).
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flgraph::serve
