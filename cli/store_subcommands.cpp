// cli/store_subcommands.cpp: import, stats, show, audit, verify, attach and protect: the store,
// its custody and its key.
#include "cli/common_options.h"
#include "cli/key_source.h"
#include "cli/subcommand.h"
#include "commands/audit_recording.h"
#include "commands/output.h"
#include "viz/audit_report.h"
#include "viz/custody_reports.h"
#include "viz/reports.h"

namespace flgraph::cli {
namespace {

class Import : public Subcommand {
 public:
  explicit Import(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "import", "Import files or directories in one all-or-nothing transaction")) {
    command_
        ->add_option("inputs", inputs_,
                     "Files or directories (*.csv, *.json; an OFAC folder; *.xml; FtM *.json)")
        ->required();
    command_
        ->add_option(
            "--format", format_,
            "auto, csv, json, ofac (SDN CSV set: folder or sdn.csv), un (UN consolidated XML), ftm "
            "(FollowTheMoney JSON lines) or bol (bills of lading CSV)")
        ->check(CLI::IsMember({"auto", "csv", "json", "ofac", "un", "ftm", "bol"}))
        ->capture_default_str();
    command_->add_flag("--all-programs", options_.all_programs,
                       "Sanctions lists: import every entry, not only those tied to North Korea");
    json_.add(*command_, "Print the summary as JSON");
  }
  int run(const GlobalOptions& globals) override {
    options_.format = importers::parse_input_format(format_).value_or(importers::InputFormat::Auto);
    options_.keys = globals.read.keys;
    commands::import_and_print(globals.database, inputs_, options_, json_.on);
    return 0;
  }

 private:
  std::vector<std::string> inputs_;
  std::string format_ = "auto";
  importers::ImportOptions options_;
  JsonFlag json_;
};

class Stats : public Subcommand {
 public:
  explicit Stats(CLI::App& app)
      : Subcommand(app.add_subcommand("stats", "Counts by kind, and sources by access level")) {
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    commands::print(commands::stats_command(globals.read), json_.on, viz::stats_text);
    return 0;
  }

 private:
  JsonFlag json_;
};

class Show : public Subcommand {
 public:
  explicit Show(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "show", "An entity with its relations, designations, aliases and claims")) {
    command_->add_option("id", id_, "Entity or source id (or a witness pseudonym W-...)")
        ->required();
    command_
        ->add_option("--per-kind", per_kind_,
                     "At most this many relations of each kind and direction (the rest counted)")
        ->check(CLI::PositiveNumber);
    json_.add(*command_);
    reveal_.add(*command_);
    reveal_.add_witness(*command_);
  }
  int run(const GlobalOptions& globals) override {
    commands::print(commands::show_command(reveal_.applied_to(globals.read), id_, per_kind_),
                    json_.on, viz::show_text);
    return 0;
  }

 private:
  std::string id_;
  std::size_t per_kind_ = viz::kAllRelations;
  JsonFlag json_;
  RevealFlags reveal_;
};

class Audit : public Subcommand {
 public:
  explicit Audit(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "audit",
            "Who exported, briefed, judged or revealed what, and when (append-only log)")) {
    command_->add_option("--since", since_, "Only entries on or after this date")->check(kIsoDate);
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    const auto since = since_.empty() ? std::nullopt : std::optional<std::string>(since_);
    commands::print(commands::audit_command(globals.read, since), json_.on, viz::audit_text);
    return 0;
  }

 private:
  std::string since_;
  JsonFlag json_;
};

class Verify : public Subcommand {
 public:
  explicit Verify(CLI::App& app)
      : Subcommand(
            app.add_subcommand("verify",
                               "Check an evidence bundle: exit 1 when tampered or incomplete; "
                               "then report facts without good sources")) {
    command_->add_option("folder", folder_, "The bundle folder")->required();
    command_->add_flag(
        "--require-sources", require_sources_,
        "Exit 2 when an intact bundle has a fact on no source, only on sources graded E or F, or "
        "only on protected sources");
    json_.add(*command_, "Print the integrity and sourcing report as JSON");
  }
  int run(const GlobalOptions&) override {
    return commands::verify_and_print(folder_, require_sources_, json_.on);
  }

 private:
  std::string folder_;
  bool require_sources_ = false;
  JsonFlag json_;
};

class Attach : public Subcommand {
 public:
  explicit Attach(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "attach",
            "Take a document into custody for a source: hashed, kept unchanged, recorded")) {
    command_->add_option("source", source_, "Source id")->required();
    command_->add_option("file", file_, "The document (kept as DB.documents/<sha256>)")->required();
    command_->add_option("--by", options_.by, "Who brings it into custody (default: $USER)");
    command_->add_option("--note", options_.note, "Where it came from, how it was obtained");
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    commands::print(commands::attach_command(globals.read, source_, file_, options_), json_.on,
                    viz::attach_text);
    return 0;
  }

 private:
  std::string source_;
  std::string file_;
  commands::AttachOptions options_;
  JsonFlag json_;
};

class Protect : public Subcommand {
 public:
  explicit Protect(CLI::App& app)
      : Subcommand(app.add_subcommand("protect", "The protection key: status, rekey, export-key")) {
    command_->require_subcommand(1);
    status_ = command_->add_subcommand("status", "What is sealed, under which kind of key");
    json_.add(*status_);
    rekey_ = command_->add_subcommand("rekey",
                                      "Re-encrypt everything under a new key (--new-key-file, "
                                      "FLGRAPH_NEW_PASSPHRASE or a prompt)");
    rekey_->add_option("--new-key-file", new_key_file_, "A new key file (created if missing)");
    export_key_ =
        command_->add_subcommand("export-key", "Write the protection key to a new key file");
    export_key_->add_option("-o,--output", key_output_, "The key file to write (never overwritten)")
        ->required();
  }
  int run(const GlobalOptions& globals) override {
    if (status_->parsed()) {
      commands::print(commands::protect_status_command(globals.read), json_.on,
                      viz::protect_status_text);
    } else if (rekey_->parsed()) {
      commands::protect_rekey_and_print(globals.read, key_source(new_key_file_, /*new_key=*/true));
    } else if (export_key_->parsed()) {
      commands::protect_export_key_and_print(globals.read, key_output_);
    }
    return 0;
  }

 private:
  CLI::App* status_ = nullptr;
  CLI::App* rekey_ = nullptr;
  CLI::App* export_key_ = nullptr;
  JsonFlag json_;
  std::string new_key_file_;
  std::string key_output_;
};

}  // namespace

std::unique_ptr<Subcommand> import_subcommand(CLI::App& app) {
  return std::make_unique<Import>(app);
}
std::unique_ptr<Subcommand> stats_subcommand(CLI::App& app) { return std::make_unique<Stats>(app); }
std::unique_ptr<Subcommand> show_subcommand(CLI::App& app) { return std::make_unique<Show>(app); }
std::unique_ptr<Subcommand> audit_subcommand(CLI::App& app) { return std::make_unique<Audit>(app); }
std::unique_ptr<Subcommand> verify_subcommand(CLI::App& app) {
  return std::make_unique<Verify>(app);
}
std::unique_ptr<Subcommand> attach_subcommand(CLI::App& app) {
  return std::make_unique<Attach>(app);
}
std::unique_ptr<Subcommand> protect_subcommand(CLI::App& app) {
  return std::make_unique<Protect>(app);
}

}  // namespace flgraph::cli
