// serve/static_assets.h: the explorer page's files, compiled in (embed_assets.cmake). The static
// routes answer from this list only: no path reaches the file system.
#pragma once
#include <string_view>
#include <vector>

namespace flgraph::serve {

struct StaticAsset {
  std::string_view path;  // "/assets/explorer.js"
  std::string_view content_type;
  std::string_view bytes;
};

const std::vector<StaticAsset>& static_assets();

// The asset served at `path` ("/" is the page, /assets/index.html); null for any other path.
const StaticAsset* find_static_asset(std::string_view path);

}  // namespace flgraph::serve
