// serve/explorer_server.cpp: cpp-httplib wired to the guard and the API (explorer_server.h).
#include "serve/explorer_server.h"

#include <httplib.h>

#include <atomic>
#include <charconv>
#include <cstdint>
#include <utility>

#include "graph/errors.h"
#include "serve/api_routes.h"
#include "serve/request_guard.h"
#include "serve/static_assets.h"

namespace flgraph::serve {
namespace {

void json_error(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(nlohmann::json{{"error", message}}.dump() + "\n", "application/json");
}

// The Content-Length a request declares; a value that is no number counts as too large.
std::size_t declared_length(const httplib::Request& request) {
  if (!request.has_header("Content-Length")) return 0;
  const std::string text = request.get_header_value("Content-Length");
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (error != std::errc() || end != text.data() + text.size()) return SIZE_MAX;
  return length;
}

std::string reason_of(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "request body too large";
    case 414:
      return "request address too long (send a large selection's ids as a POST body)";
    default:
      return "error " + std::to_string(status);
  }
}

void send_answer(const ApiAnswer& answer, httplib::Response& response) {
  response.status = answer.status;
  if (!answer.allow.empty()) response.set_header("Allow", answer.allow);
  if (!answer.filename.empty()) {
    // filename holds only [A-Za-z0-9._-] (download.cpp): no quoting can be broken.
    response.set_header("Content-Disposition", "attachment; filename=\"" + answer.filename + "\"");
    response.set_content(answer.bytes, answer.content_type);
    return;
  }
  // A parameter's name may be any bytes: never let one make the answer unwritable.
  response.set_content(
      answer.body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
      "application/json");
}

}  // namespace

struct ExplorerServer::Impl {
  explicit Impl(ServeOptions serve_options)
      : options(std::move(serve_options)), context(options.read, options.read_only) {}
  ServeOptions options;
  ApiContext context;
  httplib::Server server;
  int port = 0;
  std::atomic<bool> stopping{false};
};

ExplorerServer::ExplorerServer(ServeOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  if (impl_->options.token.empty()) impl_->options.token = random_token();
  Impl& impl = *impl_;
  auto& server = impl.server;
  server.set_payload_max_length(impl.options.max_body_bytes);
  httplib::Headers headers;
  for (const auto& [name, value] : security_headers()) headers.emplace(name, value);
  server.set_default_headers(std::move(headers));

  server.set_pre_routing_handler([&impl](const httplib::Request& request,
                                         httplib::Response& response) {
    using Handled = httplib::Server::HandlerResponse;
    if (!host_allowed(request.get_header_value("Host"), impl.port)) {
      json_error(response, 403, "this server answers only to its own address (Host header)");
      return Handled::Handled;
    }
    // httplib reads no body for GET: the declared length is checked here for every method.
    if (declared_length(request) > impl.options.max_body_bytes) {
      json_error(response, 413, "request body too large");
      return Handled::Handled;
    }
    const bool api = request.path.starts_with("/api/");
    if (request.method != "GET" && request.method != "HEAD" && !(api && request.method == "POST")) {
      response.set_header("Allow", api ? "GET, HEAD, POST" : "GET, HEAD");
      json_error(response, 405, "method not allowed");
      return Handled::Handled;
    }
    if (api &&
        !authorization_matches(request.get_header_value("Authorization"), impl.options.token)) {
      json_error(response, 401, "missing or wrong token (Authorization: Bearer TOKEN)");
      return Handled::Handled;
    }
    return Handled::Unhandled;
  });

  const auto answer_request = [&impl](const httplib::Request& request,
                                      httplib::Response& response) {
    const Parameters parameters(request.params.begin(), request.params.end());
    const auto answer = answer_api(
        impl.context, {request.method, request.matches[1].str(), parameters, request.body});
    send_answer(answer, response);
  };
  server.Get(R"(/api/([a-z]+))", answer_request);
  server.Post(R"(/api/([a-z]+))", answer_request);

  // The page and its files, from the compiled-in list only (static_assets.h).
  server.Get(R"(/|/assets/[A-Za-z0-9._/-]+)",
             [](const httplib::Request& request, httplib::Response& response) {
               const auto* asset = find_static_asset(request.path);
               if (asset == nullptr) {
                 json_error(response, 404, "not found");
                 return;
               }
               response.set_content(std::string(asset->bytes), std::string(asset->content_type));
             });

  // httplib's own errors (404 for an unknown path, 413 for a large body) as JSON too.
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    json_error(response, response.status, reason_of(response.status));
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, const std::exception_ptr&) {
        json_error(response, 500, "internal error");
      });
}

ExplorerServer::~ExplorerServer() = default;

int ExplorerServer::bind() {
  auto& impl = *impl_;
  const std::string& address = impl.options.listen;
  if (impl.options.port == 0) {
    impl.port = impl.server.bind_to_any_port(address);
  } else if (impl.server.bind_to_port(address, impl.options.port)) {
    impl.port = impl.options.port;
  } else {
    impl.port = -1;
  }
  if (impl.port <= 0) {
    throw Error("cannot listen on " + address + ":" + std::to_string(impl.options.port) +
                " (address in use, or not an address of this machine)");
  }
  return impl.port;
}

void ExplorerServer::serve() {
  if (impl_->stopping) return;
  impl_->server.listen_after_bind();
}

void ExplorerServer::stop() {
  impl_->stopping = true;
  impl_->server.stop();
}

bool ExplorerServer::running() const { return impl_->server.is_running(); }

const std::string& ExplorerServer::token() const { return impl_->options.token; }

std::string ExplorerServer::url() const {
  const std::string& address = impl_->options.listen;
  const bool ipv6 = address.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(impl_->port) +
         "/";
}

}  // namespace flgraph::serve
