// cli/app.cpp: the global options, the subcommands in the order --help lists them, and the
// dispatch to the one that was given.
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <vector>

#include "cli/key_source.h"
#include "cli/subcommand.h"

namespace flgraph::cli {
namespace {

constexpr int kUsageError = 2;

std::vector<std::unique_ptr<Subcommand>> add_subcommands(CLI::App& app) {
  std::vector<std::unique_ptr<Subcommand>> all;
  for (const auto make :
       {import_subcommand,      stats_subcommand,    show_subcommand,    trace_subcommand,
        paths_subcommand,       match_subcommand,    resolve_subcommand, judge_subcommand,
        export_subcommand,      exposure_subcommand, brokers_subcommand, components_subcommand,
        chokepoints_subcommand, screen_subcommand,   brief_subcommand,   audit_subcommand,
        verify_subcommand,      attach_subcommand,   protect_subcommand, serve_subcommand}) {
    all.push_back(make(app));
  }
  return all;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "flgraph: link goods and companies to documented DPRK forced-labour cases, with evidence"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "flgraph " FLGRAPH_VERSION);
  GlobalOptions globals;
  app.add_option("--db", globals.database, "SQLite database file")->capture_default_str();
  app.add_option(
      "--key-file", globals.key_file,
      "File holding the protection key (created on the first protected import if missing); or set "
      "FLGRAPH_KEY_FILE or FLGRAPH_PASSPHRASE, or be asked on a terminal");
  const auto subcommands = add_subcommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }
  globals.read.database = globals.database;
  globals.read.keys = key_source(globals.key_file);

  try {
    for (const auto& subcommand : subcommands) {
      if (subcommand->parsed()) return subcommand->run(globals);
    }
  } catch (const commands::UsageError& e) {
    std::cerr << "flgraph: " << e.what() << '\n';
    return kUsageError;
  }
  return 0;
}

}  // namespace flgraph::cli
