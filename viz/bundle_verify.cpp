// viz/bundle_verify.cpp: checking an evidence bundle against its manifest, then reporting sourcing.
#include "viz/bundle_verify.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "custody/sha256.h"
#include "graph/errors.h"
#include "viz/bundle_sourcing.h"
#include "viz/evidence_bundle.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

std::optional<std::string> read_regular_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  std::string bytes;
  std::array<char, 65536> buffer{};
  for (;;) {
    const auto n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  return bytes;
}

// A real folder, not a symbolic link to one (O_NOFOLLOW guards only the last part of a path).
bool is_real_folder(const std::filesystem::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

const std::string kDocumentsPrefix = std::string(kBundleDocuments) + "/";

bool is_document(std::string_view name) {
  return name.substr(0, kDocumentsPrefix.size()) == kDocumentsPrefix;
}

// A bundle's own files sit in its folder, attached documents one level down in documents/.
bool is_bundle_file_name(std::string_view name) {
  if (name == kBundleManifest) return false;
  if (is_document(name)) name.remove_prefix(kDocumentsPrefix.size());
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

std::string str(const json& item, const char* key) {
  if (!item.is_object() || !item.contains(key) || item[key].is_null()) return "";
  return item[key].is_string() ? item[key].get<std::string>() : item[key].dump();
}

// Name -> hash; a malformed or repeated line is a problem of its own.
std::map<std::string, std::string> read_manifest(const std::string& manifest,
                                                 std::vector<std::string>& problems) {
  std::map<std::string, std::string> listed;
  std::istringstream lines(manifest);
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const std::string hash = line.substr(0, std::min<std::size_t>(64, line.size()));
    const bool shaped = line.size() > 66 && custody::is_sha256_hex(hash) && line[64] == ' ' &&
                        (line[65] == ' ' || line[65] == '*');
    const std::string name = shaped ? line.substr(66) : "";
    if (!shaped || !is_bundle_file_name(name)) {
      problems.push_back(
          fmt::format("{}:{}: not a \"<sha256>  <file>\" line for a file of this bundle",
                      kBundleManifest, line_number));
      continue;
    }
    if (!listed.emplace(name, hash).second) {
      problems.push_back(
          fmt::format("{}:{}: {} is listed twice", kBundleManifest, line_number, name));
    }
  }
  return listed;
}

// Files present but not listed, the documents/ subfolder included; a missing required file too.
std::set<std::string> unlisted_files(const std::filesystem::path& folder,
                                     const std::map<std::string, std::string>& listed,
                                     std::vector<std::string>& problems) {
  std::set<std::string> unlisted;
  auto scan = [&](const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string name = prefix + entry.path().filename().string();
      if (name == kBundleManifest || listed.count(name) != 0) continue;
      std::error_code type_ec;
      const bool is_documents =
          name == kBundleDocuments &&
          entry.symlink_status(type_ec).type() == std::filesystem::file_type::directory;
      if (!is_documents) unlisted.insert(name);
    }
    if (ec)
      problems.push_back(fmt::format("{}: cannot list the folder: {}", dir.string(), ec.message()));
  };
  scan(folder, "");
  if (is_real_folder(folder / kBundleDocuments)) scan(folder / kBundleDocuments, kDocumentsPrefix);
  for (const char* required : {kBundleJson, kBundleDiagram, kBundleIndex}) {
    if (listed.count(required) == 0) unlisted.insert(required);
  }
  return unlisted;
}

// bundle.json must be a bundle, and every document it lists must be in the folder.
void check_bundle_json(const json& bundle, const std::map<std::string, std::string>& listed,
                       const std::filesystem::path& folder, std::vector<std::string>& problems) {
  for (const char* key : {"sources", "entities", "relations", "claims"}) {
    if (!bundle.is_object() || !bundle.contains(key) || !bundle[key].is_array()) {
      problems.push_back(fmt::format("{}: no \"{}\" array", kBundleJson, key));
      continue;
    }
    for (const auto& item : bundle[key]) {
      if (!item.is_object()) {
        problems.push_back(fmt::format("{}: an item of \"{}\" is not an object", kBundleJson, key));
        break;
      }
    }
  }
  if (!bundle.is_object() || !bundle.contains("sources") || !bundle["sources"].is_array()) return;
  std::set<std::string> recorded;  // documents some source lists, with its custody record
  for (const auto& source : bundle["sources"]) {
    if (!source.is_object() || !source.contains("documents")) continue;
    const std::string id = quote_for_message(str(source, "id"));
    if (!source["documents"].is_array()) {
      problems.push_back(
          fmt::format("{}: source {}: \"documents\" is not an array", kBundleJson, id));
      continue;
    }
    for (const auto& document : source["documents"]) {
      const std::string sha256 = str(document, "sha256");
      if (!custody::is_sha256_hex(sha256)) {
        problems.push_back(
            fmt::format("{}: source {} lists a document without a \"sha256\" of 64 hex digits",
                        kBundleJson, id));
        continue;
      }
      // Listed in the manifest or present on disk: the manifest checks above name the file already.
      const std::string name = kDocumentsPrefix + sha256;
      recorded.insert(name);
      std::error_code ec;
      const bool named_already =
          listed.count(name) != 0 ||
          std::filesystem::exists(std::filesystem::symlink_status(folder / name, ec));
      if (!named_already)
        problems.push_back(
            fmt::format("{}: listed in {} (source {}) but missing", name, kBundleJson, id));
    }
  }
  // A document no source lists has no custody record: it was not exported with the bundle.
  for (const auto& [name, hash] : listed) {
    if (is_document(name) && recorded.count(name) == 0) {
      problems.push_back(fmt::format(
          "{}: no source in {} lists it (a document without custody record)", name, kBundleJson));
    }
  }
}

}  // namespace

BundleCheck verify_bundle(const std::filesystem::path& folder) {
  BundleCheck check;
  if (!is_real_folder(folder)) {
    check.problems.push_back(fmt::format("{}: not a folder (or a symbolic link)", folder.string()));
    return check;
  }
  const auto manifest = read_regular_file(folder / kBundleManifest);
  if (!manifest) {
    check.problems.push_back(fmt::format("{}: missing, or not a regular file", kBundleManifest));
    return check;
  }
  const auto listed = read_manifest(*manifest, check.problems);
  const bool documents_readable = is_real_folder(folder / kBundleDocuments);
  std::optional<std::string> bundle_text;
  for (const auto& [name, hash] : listed) {
    const auto bytes =
        is_document(name) && !documents_readable ? std::nullopt : read_regular_file(folder / name);
    if (!bytes) {
      check.problems.push_back(fmt::format("{}: listed in {} but missing (or not a regular file)",
                                           name, kBundleManifest));
      continue;
    }
    const std::string actual = custody::sha256_hex(*bytes);
    if (actual != hash) {
      check.problems.push_back(fmt::format("{}: SHA-256 does not match {} (the file was changed)",
                                           name, kBundleManifest));
      continue;
    }
    // A document is stored under its own hash: a consistent manifest cannot vouch for a swapped
    // one.
    const std::string_view stem =
        std::string_view(name).substr(is_document(name) ? kDocumentsPrefix.size() : 0);
    if (is_document(name) && custody::is_sha256_hex(stem) && actual != stem) {
      check.problems.push_back(
          fmt::format("{}: SHA-256 does not match its name (the file was replaced)", name));
      continue;
    }
    ++check.files;
    if (name == kBundleJson) bundle_text = bytes;
  }
  // Each unlisted file is one problem, whether it is one of the bundle's own or an extra one.
  for (const auto& name : unlisted_files(folder, listed, check.problems)) {
    check.problems.push_back(fmt::format("{}: not listed in {}", name, kBundleManifest));
  }
  if (!bundle_text) return check;

  json bundle;
  try {
    bundle = json::parse(*bundle_text);
  } catch (const json::parse_error&) {
    check.problems.push_back(fmt::format("{}: not valid JSON", kBundleJson));
    return check;
  }
  check_bundle_json(bundle, listed, folder, check.problems);
  if (check.intact()) check.sourcing = sourcing_report(bundle);
  return check;
}

json verify_report(const std::filesystem::path& folder, const BundleCheck& check,
                   bool require_sources) {
  const bool gaps = check.intact() && check.sourcing.value("gaps", std::size_t{0}) > 0;
  const int exit_code = !check.intact()           ? kVerifyBroken
                        : gaps && require_sources ? kVerifySourcingGaps
                                                  : kVerifyIntact;
  return {{"folder", folder.string()},
          {"integrity",
           {{"intact", check.intact()}, {"files", check.files}, {"problems", check.problems}}},
          {"sourcing", check.sourcing},
          {"require_sources", require_sources},
          {"exit_code", exit_code}};
}

std::string verify_text(const json& report) {
  if (!report["integrity"]["intact"].get<bool>()) return "";
  return fmt::format("{}: OK, intact: {} files match the manifest\n",
                     escape_controls(report["folder"].get<std::string>()),
                     report["integrity"]["files"].get<std::size_t>()) +
         sourcing_text(report["sourcing"]);
}

std::string verify_errors_text(const json& report) {
  const std::string folder = escape_controls(report["folder"].get<std::string>());
  const auto& problems = report["integrity"]["problems"];
  std::string out;
  // Names come from the folder and the manifest: one escaped line each, so none can forge another.
  for (const auto& problem : problems)
    out += "flgraph: verify: " + escape_controls(problem.get<std::string>()) + "\n";
  if (!problems.empty())
    out += fmt::format("flgraph: verify: {} FAILED ({} problem(s))\n", folder, problems.size());
  if (report["exit_code"].get<int>() == kVerifySourcingGaps) {
    out += fmt::format(
        "flgraph: verify: {}: intact, but {} fact(s) have sourcing gaps (--require-sources)\n",
        folder, report["sourcing"]["gaps"].get<std::size_t>());
  }
  return out;
}

}  // namespace flgraph::viz
