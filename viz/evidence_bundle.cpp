// viz/evidence_bundle.cpp: writing and verifying evidence bundles.
#include "viz/evidence_bundle.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "graph/errors.h"
#include "viz/bundle_export.h"
#include "viz/markup.h"
#include "viz/safe_output.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

std::string str(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// Text and ids from the data inside Markdown (viz/markup.h).
std::string md(std::string_view text) { return markdown_text(text); }
std::string code(std::string_view id) { return markdown_code(id); }

std::string index_markdown(const json& bundle, const BundleOptions& options, bool revealed,
                           const std::optional<std::string>& diagram_problem) {
  std::map<std::string, std::string> fact_label;
  for (const auto& e : bundle["entities"]) {
    const std::string name = str(e["name"]).empty() ? "protected person" : str(e["name"]);
    fact_label[str(e["id"])] = fmt::format("entity {} ({}, {})", code(str(e["id"])), str(e["kind"]), md(name));
  }
  for (const auto& r : bundle["relations"]) {
    fact_label[str(r["id"])] = fmt::format("relation {}: {} —{}→ {}", code(str(r["id"])), code(str(r["src"])),
                                           str(r["kind"]), code(str(r["dst"])));
  }
  std::map<std::string, std::vector<const json*>> claims_by_source;
  std::set<std::string> supported;
  std::set<std::string> source_ids;
  for (const auto& s : bundle["sources"]) source_ids.insert(str(s["id"]));
  for (const auto& c : bundle["claims"]) {
    claims_by_source[str(c["source"])].push_back(&c);
    if (source_ids.count(str(c["source"])) != 0) supported.insert(str(c["fact"]));
  }

  std::string out = "# Evidence bundle\n\n";
  out += fmt::format("- Selection: {}\n", md(options.query));
  out += fmt::format("- As of: {}\n", options.as_of ? graph::format_date(*options.as_of) : "not stated");
  out += fmt::format("- Protected sources: {}\n", revealed ? "revealed by --reveal-protected (witnesses stay pseudonymous)"
                                                          : "pseudonymised (W-...)");
  out += fmt::format("- Facts: {} entities, {} relations, resting on {} claims from {} sources\n",
                     bundle["entities"].size(), bundle["relations"].size(), bundle["claims"].size(),
                     bundle["sources"].size());
  out += fmt::format("- Files: `{}` (the facts, flgraph JSON bundle), `{}` (diagram), `{}` (checksums: "
                     "`sha256sum -c {}` or `flgraph verify DIR`)\n\n",
                     kBundleJson, kBundleDiagram, kBundleManifest, kBundleManifest);
  if (diagram_problem) {
    out.insert(out.size() - 1, fmt::format("- Diagram: not drawn, since {}; `{}` says so instead. Export a narrower "
                                           "selection (a trace, `--around`, `--ids`) to draw one.\n",
                                           *diagram_problem, kBundleDiagram));
  }
  out += "## Document index\n";
  for (const auto& s : bundle["sources"]) {
    const std::string id = str(s["id"]);
    out += fmt::format("\n### {}\n\n", code(id));
    out += fmt::format("- Title: {}\n", md(str(s["title"])));
    out += fmt::format("- Publisher: {}\n", str(s["publisher"]).empty() ? "not recorded" : md(str(s["publisher"])));
    out += fmt::format("- Date: {}\n", str(s["published_on"]).empty() ? "not recorded" : str(s["published_on"]));
    out += fmt::format("- Kind: {}; reliability: {}; access: {}\n", str(s["kind"]), str(s["reliability"]), str(s["access"]));
    out += fmt::format("- SHA-256: {}\n", str(s["sha256"]).empty() ? "not recorded" : code(str(s["sha256"])));
    if (!str(s["url"]).empty()) out += fmt::format("- URL: {}\n", code(str(s["url"])));
    const auto& claims = claims_by_source[id];
    out += fmt::format("- Facts resting on it ({}):\n", claims.size());
    for (const json* c : claims) {
      const auto label = fact_label.find(str((*c)["fact"]));
      out += fmt::format("  - {}{}, credibility {}\n",
                         label != fact_label.end() ? label->second : code(str((*c)["fact"])) + " (not in this bundle)",
                         str((*c)["locator"]).empty() ? "" : ", at " + md(str((*c)["locator"])), str((*c)["credibility"]));
    }
  }
  // An entity with no claim of its own is attested by the sourced relations it takes part in.
  for (const auto& r : bundle["relations"]) {
    if (supported.count(str(r["id"])) == 0) continue;
    supported.insert(str(r["src"]));
    supported.insert(str(r["dst"]));
  }
  std::vector<std::string> unsupported;
  for (const auto& [fact, label] : fact_label) {
    if (supported.count(fact) == 0) unsupported.push_back(label);
  }
  out += "\n## Facts without a claim on a source in this bundle\n\n";
  out += "(An entity without a claim of its own counts as attested by the sourced relations it takes part in.)\n\n";
  if (unsupported.empty()) out += "None: every fact rests on at least one source listed above.\n";
  for (const auto& label : unsupported) out += "- " + label + "\n";
  return out;
}

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

bool is_hex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw Error("cannot compute SHA-256 (OpenSSL EVP_Digest failed)");
  }
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

void write_evidence_bundle(const EvidenceReader& reader, const Selection& selection,
                           const std::filesystem::path& folder, const BundleOptions& options) {
  const json bundle = export_bundle(reader, selection);
  const bool revealed = reader.disclosure().reveal_sources;
  // Every file is built before the folder is touched, so a failure leaves nothing half-written.
  std::map<std::string, std::string> files;
  files[kBundleJson] = bundle.dump(2) + "\n";
  const auto shown = show_selection(reader, selection);
  files[kBundleDiagram] = render_svg_or_note(shown, {options.weak_below, options.query});
  files[kBundleIndex] = index_markdown(bundle, options, revealed, diagram_size_problem(shown));
  std::string manifest = "# flgraph evidence bundle: SHA-256 of every other file (sha256sum -c MANIFEST.sha256)\n";
  manifest += fmt::format("# as-of: {}\n", options.as_of ? graph::format_date(*options.as_of) : "not stated");
  manifest += fmt::format("# reveal-protected: {}\n", revealed ? "yes (protected sources named)" : "no");
  for (const auto& [name, bytes] : files) manifest += fmt::format("{}  {}\n", sha256_hex(bytes), name);

  OutputFolder out(folder, options.output);
  for (const auto& [name, bytes] : files) out.write(name, bytes);
  out.write(kBundleManifest, manifest);
}

BundleCheck verify_bundle(const std::filesystem::path& folder) {
  BundleCheck check;
  struct stat info {};
  if (::lstat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    check.problems.push_back(fmt::format("{}: not a folder (or a symbolic link)", folder.string()));
    return check;
  }
  const auto manifest = read_regular_file(folder / kBundleManifest);
  if (!manifest) {
    check.problems.push_back(fmt::format("{}: missing, or not a regular file", kBundleManifest));
    return check;
  }
  std::map<std::string, std::string> listed;  // name -> hash
  std::istringstream lines(*manifest);
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const std::string hash = line.substr(0, std::min<std::size_t>(64, line.size()));
    const bool shaped = line.size() > 66 && is_hex64(hash) && line[64] == ' ' && (line[65] == ' ' || line[65] == '*');
    const std::string name = shaped ? line.substr(66) : "";
    if (!shaped || name.find('/') != std::string::npos || name == "." || name == ".." || name == kBundleManifest) {
      check.problems.push_back(fmt::format("{}:{}: not a \"<sha256>  <file>\" line for a file of this folder",
                                           kBundleManifest, line_number));
      continue;
    }
    if (!listed.emplace(name, hash).second) {
      check.problems.push_back(fmt::format("{}:{}: {} is listed twice", kBundleManifest, line_number, name));
    }
  }
  std::optional<std::string> bundle_text;
  for (const auto& [name, hash] : listed) {
    const auto bytes = read_regular_file(folder / name);
    if (!bytes) {
      check.problems.push_back(fmt::format("{}: listed in {} but missing (or not a regular file)", name, kBundleManifest));
      continue;
    }
    if (sha256_hex(*bytes) != hash) {
      check.problems.push_back(fmt::format("{}: SHA-256 does not match {} (the file was changed)", name, kBundleManifest));
      continue;
    }
    ++check.files;
    if (name == kBundleJson) bundle_text = bytes;
  }
  // Each unlisted file is one problem, whether it is one of the bundle's own or an extra one.
  std::set<std::string> unlisted;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != kBundleManifest && listed.count(name) == 0) unlisted.insert(name);
  }
  if (ec) check.problems.push_back(fmt::format("{}: cannot list the folder: {}", folder.string(), ec.message()));
  for (const char* required : {kBundleJson, kBundleDiagram, kBundleIndex}) {
    if (listed.count(required) == 0) unlisted.insert(required);
  }
  for (const auto& name : unlisted) check.problems.push_back(fmt::format("{}: not listed in {}", name, kBundleManifest));
  if (!bundle_text) return check;

  json bundle;
  try {
    bundle = json::parse(*bundle_text);
  } catch (const json::parse_error&) {
    check.problems.push_back(fmt::format("{}: not valid JSON", kBundleJson));
    return check;
  }
  auto section = [&](const char* key) -> const json& {
    static const json empty = json::array();
    if (!bundle.is_object() || !bundle.contains(key) || !bundle[key].is_array()) {
      check.problems.push_back(fmt::format("{}: no \"{}\" array", kBundleJson, key));
      return empty;
    }
    return bundle[key];
  };
  std::set<std::string> sources;
  for (const auto& s : section("sources")) sources.insert(str(s.value("id", json())));
  std::set<std::string> supported;
  for (const auto& c : section("claims")) {
    if (sources.count(str(c.value("source", json()))) != 0) supported.insert(str(c.value("fact", json())));
  }
  // A relation needs a claim of its own; an entity is attested by its own claim or by a sourced
  // relation it takes part in (the relation's source names it).
  for (const auto& r : section("relations")) {
    if (supported.count(str(r.value("id", json()))) == 0) continue;
    supported.insert(str(r.value("src", json())));
    supported.insert(str(r.value("dst", json())));
  }
  for (const char* key : {"entities", "relations"}) {
    for (const auto& fact : section(key)) {
      const std::string id = str(fact.value("id", json()));
      if (supported.count(id) != 0) {
        ++check.facts;
      } else {
        check.problems.push_back(fmt::format("{}: fact \"{}\" ({}) has no claim whose source is in the bundle",
                                             kBundleJson, id, key == std::string("entities") ? "entity" : "relation"));
      }
    }
  }
  return check;
}

}  // namespace flgraph::viz
