// cli/serve_subcommand.cpp: serve: the JSON API over HTTP until Ctrl-C or SIGTERM.
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "cli/common_options.h"
#include "cli/subcommand.h"
#include "serve/explorer_server.h"
#include "serve/request_guard.h"

namespace flgraph::cli {
namespace {

class Serve : public Subcommand {
 public:
  explicit Serve(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "serve", "Answer the JSON API over HTTP (the same answers as --json) until Ctrl-C")) {
    command_->add_option("--port", options_.port, "Port to listen on; 0 picks a free one")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    command_
        ->add_option("--listen", options_.listen,
                     "Address to listen on; anything but loopback is reachable from the network")
        ->capture_default_str();
    command_->add_flag("--read-only", options_.read_only,
                       "Refuse judgements: the explorer's review queue only shows the pairs");
    reveal_.add(*command_);
  }

  int run(const GlobalOptions& globals) override {
    options_.read = reveal_.applied_to(globals.read);
    // A request never waits on a terminal prompt: a passphrase is asked once, here.
    auto& keys = options_.read.keys;
    if (options_.read.reveal_protected && keys.key_file.empty() && !keys.passphrase && keys.ask)
      keys.passphrase = keys.ask(false);
    keys = keys.without_prompt();
    // A missing or foreign store, or a missing or wrong key, fails here, not per request.
    const auto store = commands::open_store(options_.read);
    commands::disclosure_for(store, options_.read);
    // SIGINT and SIGTERM are taken by sigwait below, not by the server's threads.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    serve::ExplorerServer server(options_);
    server.bind();
    if (!serve::is_loopback(options_.listen)) {
      std::cerr << "flgraph: warning: listening on " << options_.listen
                << ", reachable from other machines; the token is still required\n";
    }
    // The token rides in the fragment, which a browser never sends: the page reads it from there.
    std::cout << "flgraph: serving " << globals.database << " at " << server.url()
              << (options_.read_only ? " (read-only)" : "") << '\n'
              << "flgraph: open the explorer at " << server.url() << "#token=" << server.token()
              << '\n'
              << "flgraph: API token (send as 'Authorization: Bearer TOKEN'): " << server.token()
              << '\n'
              << "flgraph: Ctrl-C stops" << std::endl;
    std::atomic<bool> finished{false};
    std::thread serving([&server, &finished] {
      server.serve();
      finished = true;
    });
    int received = 0;
    sigwait(&stop_signals, &received);
    // stop() until the serving thread returns: a signal may come before it listens.
    while (!finished) {
      server.stop();
      std::this_thread::sleep_for(kPoll);
    }
    serving.join();
    std::cout << "flgraph: stopped" << std::endl;
    return 0;
  }

 private:
  static constexpr auto kPoll = std::chrono::milliseconds(10);
  serve::ServeOptions options_;
  RevealFlags reveal_;
};

}  // namespace

std::unique_ptr<Subcommand> serve_subcommand(CLI::App& app) { return std::make_unique<Serve>(app); }

}  // namespace flgraph::cli
