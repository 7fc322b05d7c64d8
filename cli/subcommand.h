// cli/subcommand.h: one subcommand: its options, declared on construction, and the one library
// call it makes once CLI11 has parsed it.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "commands/read_options.h"

namespace flgraph::cli {

// The options before the subcommand, and what they become once parsed.
struct GlobalOptions {
  std::string database = "flgraph.db";
  std::string key_file;
  commands::ReadOptions read;  // the database and the key source; no reveal flags
};

class Subcommand {
 public:
  explicit Subcommand(CLI::App* command) : command_(command) {}
  virtual ~Subcommand() = default;
  bool parsed() const { return command_->parsed(); }
  // Returns the exit code; throws commands::UsageError for a wrong command line.
  virtual int run(const GlobalOptions& globals) = 0;

 protected:
  CLI::App* command_;
};

// In the order `flgraph --help` lists them.
std::unique_ptr<Subcommand> import_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> stats_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> show_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> trace_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> paths_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> match_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> resolve_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> judge_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> export_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> exposure_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> brokers_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> components_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> chokepoints_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> screen_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> brief_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> audit_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> verify_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> attach_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> protect_subcommand(CLI::App& app);
std::unique_ptr<Subcommand> serve_subcommand(CLI::App& app);

}  // namespace flgraph::cli
