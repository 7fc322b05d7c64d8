// serve/download.cpp: an export or a brief written into a private temporary folder, then sent
// (download.h).
#include "serve/download.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "commands/brief_command.h"
#include "commands/read_commands.h"
#include "graph/errors.h"
#include "serve/zip_archive.h"

namespace flgraph::serve {
namespace {

// The most entities a download may list: a canvas the explorer can draw.
constexpr std::size_t kMaxListedIds = 20000;

// A folder only this process can read (mkdtemp makes it 0700), removed with what it holds.
class PrivateFolder {
 public:
  PrivateFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flgraph-download-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr)
      throw Error(std::string("cannot make a temporary folder: ") + std::strerror(errno));
    path_ = pattern;
  }
  ~PrivateFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read back " + path.filename().string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An id as part of a file name: letters, digits, '.', '-' and '_' only.
std::string file_name_part(const std::string& text) {
  std::string out;
  for (const char c : text.substr(0, 80)) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    out += plain ? c : '_';
  }
  return out;
}

ApiAnswer file_answer(std::string bytes, std::string content_type, std::string filename) {
  ApiAnswer answer;
  answer.bytes = std::move(bytes);
  answer.content_type = std::move(content_type);
  answer.filename = std::move(filename);
  return answer;
}

ApiAnswer brief(const commands::ReadOptions& read, const Reader& in) {
  viz::BriefRequest request;
  request.format = viz::BriefFormat::Html;
  request.as_of = in.date("as_of");
  read_exposure(in, request.exposure);
  const std::string id = in.required("id");
  const PrivateFolder folder;
  request.output_dir = folder.path() / "brief";
  const auto summary = commands::brief_command(read, id, request);
  return file_answer(read_file(request.output_dir / viz::kBriefHtml), "text/html; charset=utf-8",
                     "flgraph-brief-" + file_name_part(summary.subject) + ".html");
}

struct FormatInfo {
  const char* name;
  commands::ExportFormat format;
  const char* content_type;
  const char* extension;
};

constexpr FormatInfo kFormats[] = {
    {"json", commands::ExportFormat::Json, "application/json", ".json"},
    {"graphml", commands::ExportFormat::Graphml, "application/xml", ".graphml"},
    {"gexf", commands::ExportFormat::Gexf, "application/xml", ".gexf"},
    {"ftm", commands::ExportFormat::Ftm, "application/x-ndjson", ".ftm.json"},
    {"dot", commands::ExportFormat::Dot, "text/vnd.graphviz", ".dot"},
    {"svg", commands::ExportFormat::Svg, "image/svg+xml", ".svg"},
    {"png", commands::ExportFormat::Png, "image/png", ".png"},
    {"bundle", commands::ExportFormat::Bundle, "application/zip", "-bundle.zip"},
    {"csv", commands::ExportFormat::Csv, "application/zip", "-csv.zip"},
};

ApiAnswer selection(const commands::ReadOptions& read, const Reader& in, const FormatInfo& info) {
  commands::ExportRequest request;
  request.format = info.format;
  request.as_of = in.date("as_of");
  if (auto weak = in.number<double>("weak_below", 0.0, 1.0)) request.weak_below = *weak;
  auto& chosen = request.selection;
  chosen.ids = in.list("ids", kMaxListedIds);
  chosen.trace_from = in.text("from").value_or("");
  if (chosen.ids.empty() == chosen.trace_from.empty())
    throw BadParameter("ids", "give either \"ids\" (entities) or \"from\" (a trace), not both");
  read_walk(in, chosen.trace);
  chosen.trace.temporal = in.flag("temporal");
  const std::string stem = chosen.trace_from.empty()
                               ? "flgraph-selection"
                               : "flgraph-trace-" + file_name_part(chosen.trace_from);

  const bool is_folder =
      info.format == commands::ExportFormat::Bundle || info.format == commands::ExportFormat::Csv;
  if (!is_folder && info.format != commands::ExportFormat::Png) {
    auto result = commands::export_selection_command(read, request);
    return file_answer(std::move(result.bytes), info.content_type, stem + info.extension);
  }
  const PrivateFolder folder;
  request.output = folder.path() / (stem + (is_folder ? "" : info.extension));
  commands::export_selection_command(read, request);
  std::string bytes = is_folder ? zip_folder(request.output, stem) : read_file(request.output);
  return file_answer(std::move(bytes), info.content_type, stem + info.extension);
}

}  // namespace

ApiAnswer download(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, with({"format", "id", "ids", "from", "as_of", "weak_below",
                                    "temporal", "decay", "tolerance_days"},
                                   kWalkParameters));
  const std::string format = in.required("format");
  if (format == "brief") {
    for (const char* name :
         {"ids", "from", "weak_below", "temporal", "kinds", "from_date", "to_date"}) {
      if (in.text(name)) throw BadParameter(name, std::string("a brief takes no \"") + name + "\"");
    }
    return brief(read, in);
  }
  for (const auto& info : kFormats) {
    if (format == info.name) {
      for (const char* name : {"id", "decay", "tolerance_days"}) {
        if (in.text(name))
          throw BadParameter(name, std::string("an export takes no \"") + name + "\"");
      }
      return selection(read, in, info);
    }
  }
  throw BadParameter("format",
                     "parameter \"format\" must be brief, json, graphml, gexf, ftm, dot, svg, png, "
                     "bundle or csv");
}

}  // namespace flgraph::serve
