// viz/evidence_bundle.cpp: writing evidence bundles (viz/bundle_verify.cpp checks them).
#include "viz/evidence_bundle.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "custody/sha256.h"
#include "graph/errors.h"
#include "viz/bundle_documents.h"
#include "viz/bundle_export.h"
#include "viz/bundle_sourcing.h"
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

std::string index_markdown(const json& bundle, const json& sourcing, const BundleOptions& options,
                           bool revealed, const std::optional<std::string>& diagram_problem) {
  std::map<std::string, std::string> fact_label;
  for (const auto& e : bundle["entities"]) {
    const std::string name = str(e["name"]).empty() ? "protected person" : str(e["name"]);
    fact_label[str(e["id"])] =
        fmt::format("entity {} ({}, {})", code(str(e["id"])), str(e["kind"]), md(name));
  }
  for (const auto& r : bundle["relations"]) {
    fact_label[str(r["id"])] =
        fmt::format("relation {}: {} —{}→ {}", code(str(r["id"])), code(str(r["src"])),
                    str(r["kind"]), code(str(r["dst"])));
  }
  std::map<std::string, std::vector<const json*>> claims_by_source;
  for (const auto& c : bundle["claims"]) claims_by_source[str(c["source"])].push_back(&c);

  std::string out = "# Evidence bundle\n\n";
  out += fmt::format("- Selection: {}\n", md(options.query));
  out += fmt::format("- As of: {}\n",
                     options.as_of ? graph::format_date(*options.as_of) : "not stated");
  out += fmt::format("- Protected sources: {}\n",
                     revealed ? "revealed by --reveal-protected (witnesses stay pseudonymous)"
                              : "pseudonymised (W-...)");
  out += fmt::format("- Facts: {} entities, {} relations, resting on {} claims from {} sources\n",
                     bundle["entities"].size(), bundle["relations"].size(), bundle["claims"].size(),
                     bundle["sources"].size());
  out += fmt::format(
      "- Files: `{}` (the facts, flgraph JSON bundle), `{}` (diagram), `{}` (checksums: "
      "`sha256sum -c {}` or `flgraph verify DIR`)\n\n",
      kBundleJson, kBundleDiagram, kBundleManifest, kBundleManifest);
  if (diagram_problem) {
    out.insert(
        out.size() - 1,
        fmt::format("- Diagram: not drawn, since {}; `{}` says so instead. Export a narrower "
                    "selection (a trace, `--around`, `--ids`) to draw one.\n",
                    *diagram_problem, kBundleDiagram));
  }
  out += "## Document index\n";
  for (const auto& s : bundle["sources"]) {
    const std::string id = str(s["id"]);
    out += fmt::format("\n### {}\n\n", code(id));
    out += fmt::format("- Title: {}\n", md(str(s["title"])));
    out += fmt::format("- Publisher: {}\n",
                       str(s["publisher"]).empty() ? "not recorded" : md(str(s["publisher"])));
    out += fmt::format("- Date: {}\n",
                       str(s["published_on"]).empty() ? "not recorded" : str(s["published_on"]));
    out += fmt::format("- Kind: {}; reliability: {}; access: {}\n", str(s["kind"]),
                       str(s["reliability"]), str(s["access"]));
    out += fmt::format("- SHA-256: {}\n",
                       str(s["sha256"]).empty() ? "not recorded" : code(str(s["sha256"])));
    if (!str(s["url"]).empty()) out += fmt::format("- URL: {}\n", code(str(s["url"])));
    if (s.contains("documents")) {
      out += fmt::format("- Documents in this bundle ({}):\n", s["documents"].size());
      for (const auto& d : s["documents"]) {
        out += fmt::format("  - `{}/{}`: {}, {} bytes, {}; in custody since {}, attached by {}{}\n",
                           kDocumentsSubfolder, str(d["sha256"]), md(str(d["original_name"])),
                           str(d["size"]), md(str(d["media_type"])), md(str(d["attached_at"])),
                           md(str(d["attached_by"])),
                           str(d["note"]).empty() ? "" : "; note: " + md(str(d["note"])));
      }
    }
    const auto& claims = claims_by_source[id];
    out += fmt::format("- Facts resting on it ({}):\n", claims.size());
    for (const json* c : claims) {
      const auto label = fact_label.find(str((*c)["fact"]));
      out +=
          fmt::format("  - {}{}, credibility {}\n",
                      label != fact_label.end() ? label->second
                                                : code(str((*c)["fact"])) + " (not in this bundle)",
                      str((*c)["locator"]).empty() ? "" : ", at " + md(str((*c)["locator"])),
                      str((*c)["credibility"]));
    }
  }
  std::map<std::string, std::string> unsupported_by_id;
  for (const auto& fact : sourcing["no_source"]) {
    const std::string id = fact["id"].get<std::string>();
    unsupported_by_id[id] = fact_label.count(id) != 0 ? fact_label.at(id) : code(id);
  }
  out += "\n## Facts without a claim on a source in this bundle\n\n";
  out +=
      "(An entity without a claim of its own counts as attested by the sourced relations it takes "
      "part in.)\n\n";
  if (unsupported_by_id.empty())
    out += "None: every fact rests on at least one source listed above.\n";
  for (const auto& [id, label] : unsupported_by_id) out += "- " + label + "\n";
  return out;
}

}  // namespace

json write_evidence_bundle(const EvidenceReader& reader, const Selection& selection,
                           const std::filesystem::path& folder, const BundleOptions& options) {
  json bundle = export_bundle(reader, selection);
  const auto documents = options.with_documents ? add_bundle_documents(reader.store(), bundle)
                                                : std::map<std::string, std::string>();
  json sourcing = sourcing_report(bundle);
  const bool revealed = reader.disclosure().reveal_sources;
  // Every file is built before the folder is touched, so a failure leaves nothing half-written.
  std::map<std::string, std::string> files;
  files[kBundleJson] = bundle.dump(2) + "\n";
  const auto shown = show_selection(reader, selection);
  files[kBundleDiagram] = render_svg_or_note(shown, {options.weak_below, options.query});
  files[kBundleIndex] =
      index_markdown(bundle, sourcing, options, revealed, diagram_size_problem(shown));
  std::string manifest =
      "# flgraph evidence bundle: SHA-256 of every other file (sha256sum -c MANIFEST.sha256)\n";
  manifest += fmt::format("# as-of: {}\n",
                          options.as_of ? graph::format_date(*options.as_of) : "not stated");
  manifest +=
      fmt::format("# reveal-protected: {}\n", revealed ? "yes (protected sources named)" : "no");
  for (const auto& [name, bytes] : files)
    manifest += fmt::format("{}  {}\n", custody::sha256_hex(bytes), name);
  for (const auto& [hash, bytes] : documents)
    manifest += fmt::format("{}  {}/{}\n", hash, kDocumentsSubfolder, hash);

  OutputFolder out(folder, options.output);
  for (const auto& [name, bytes] : files) out.write(name, bytes);
  for (const auto& [hash, bytes] : documents)
    out.write_in_subfolder(kDocumentsSubfolder, hash, bytes);
  out.write(kBundleManifest, manifest);
  return sourcing;
}

}  // namespace flgraph::viz
