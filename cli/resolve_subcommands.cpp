// cli/resolve_subcommands.cpp: match, resolve and judge: names against the store, and decisions on
// pairs.
#include "cli/common_options.h"
#include "cli/subcommand.h"
#include "commands/output.h"
#include "commands/resolve_commands.h"
#include "viz/resolve_reports.h"

namespace flgraph::cli {
namespace {

class Match : public Subcommand {
 public:
  explicit Match(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "match", "Screen a name (or a CSV list of names) against the entities in the store")) {
    command_->add_option("name", name_, "The name to screen (any script)");
    command_
        ->add_option("--file", file_,
                     "CSV with a name column, optional country, id, kind, dob and id_number: one "
                     "result per row")
        ->check(CLI::ExistingFile);
    command_->add_option("--country", options_.country, "Country of the name(s): ISO code or name")
        ->transform(kCountry);
    command_->add_option("--kind", options_.kind,
                         "Kind of the name: person, organization, company, state_entity, vessel, "
                         "aircraft or site");
    command_->add_option("--dob", options_.dob, "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD");
    command_
        ->add_option("--id-number", options_.id_numbers,
                     "An identifier, e.g. \"IMO 9074729\" or \"Passport 654435458\" (repeatable)")
        ->allow_extra_args(false);  // one identifier per --id-number, so NAME may follow
    command_
        ->add_option("--lookalikes", options_.lookalikes,
                     "A list of legitimate look-alike organisations (TSV or .csv, the columns of "
                     "resolve/data/lookalikes.tsv), added to the shipped one")
        ->check(CLI::ExistingFile);
    command_->add_option("--limit", options_.limit, "Candidates listed per name")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    command_
        ->add_option("--threshold", options_.threshold, "Score from which a candidate is a match")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    commands::match_and_print(globals.database, name_, file_, options_, json_.on);
    return 0;
  }

 private:
  std::string name_;
  std::string file_;
  commands::MatchOptions options_;
  JsonFlag json_;
};

class Resolve : public Subcommand {
 public:
  explicit Resolve(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "resolve", "Propose pairs of entities in the store that may be one entity")) {
    command_->add_flag("--auto", auto_, "Score every entity against the others (after blocking)")
        ->required();
    command_->add_option("--threshold", options_.threshold, "Least score proposed")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command_->add_option("--limit", options_.limit, "Pairs listed, best first")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    commands::print(commands::resolve_command(globals.database, options_), json_.on,
                    viz::resolve_text);
    return 0;
  }

 private:
  bool auto_ = false;
  commands::ResolveOptions options_;
  JsonFlag json_;
};

class Judge : public Subcommand {
 public:
  explicit Judge(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "judge", "Record (or undo) an entity-resolution decision on a pair of entities")) {
    command_
        ->add_option("pair", request_.pair,
                     "A B positive|negative|unsure (ids or witness pseudonyms)")
        ->expected(0, 3);
    undo_option_ =
        command_->add_option("--undo", undo_, "Undo judgement ID (removes the same_as it created)")
            ->check(CLI::PositiveNumber);
    command_->add_option("--by", request_.by, "Who judges (default: $USER)");
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    if (undo_option_->count() > 0) request_.undo = undo_;
    commands::judge_and_print(globals.database, request_, globals.read.keys, json_.on);
    return 0;
  }

 private:
  commands::JudgeRequest request_;
  std::int64_t undo_ = 0;
  CLI::Option* undo_option_ = nullptr;
  JsonFlag json_;
};

}  // namespace

std::unique_ptr<Subcommand> match_subcommand(CLI::App& app) { return std::make_unique<Match>(app); }
std::unique_ptr<Subcommand> resolve_subcommand(CLI::App& app) {
  return std::make_unique<Resolve>(app);
}
std::unique_ptr<Subcommand> judge_subcommand(CLI::App& app) { return std::make_unique<Judge>(app); }

}  // namespace flgraph::cli
