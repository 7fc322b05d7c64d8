// viz/brief_legal_frame.h: the brief's "Legal frame" section: the documented facts mapped to the
// legal standards a buyer, advocate or customs authority applies, then the cases and the
// sanctioned parties on the routes.
#pragma once
#include <vector>

#include "viz/brief_document.h"
#include "viz/brief_facts.h"

namespace flgraph::viz::brief {

std::vector<Block> legal_frame_section(const BriefFacts& facts);

}  // namespace flgraph::viz::brief
