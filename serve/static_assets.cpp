// serve/static_assets.cpp: the lookup of static_assets.h.
#include "serve/static_assets.h"

namespace flgraph::serve {

const StaticAsset* find_static_asset(std::string_view path) {
  if (path == "/") path = "/assets/index.html";
  for (const auto& asset : static_assets()) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace flgraph::serve
