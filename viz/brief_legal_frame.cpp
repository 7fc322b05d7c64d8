// viz/brief_legal_frame.cpp: the brief's "Legal frame" section: the documented facts mapped to
// CAATSA section 321(b), the ILO indicators of forced labour and article 7 of the Rome Statute,
// then the cases and the sanctioned parties. Its prose is reviewed as a legal text.
#include "viz/brief_legal_frame.h"

#include <fmt/format.h>

#include <map>

#include "viz/brief_words.h"

namespace flgraph::viz::brief {
namespace {

Inline route_refs(const std::vector<std::size_t>& routes) {
  std::string text;
  for (const auto number : routes) {
    text += (text.empty() ? (routes.size() == 1 ? "route " : "routes ") : ", ") +
            std::to_string(number);
  }
  return {plain(text)};
}

void cases_table(const BriefFacts& facts, std::vector<Block>& blocks) {
  Table table{{"Case", "Period", "Victims", "ILO indicators (no.)", "Art. 7(1)",
               "Sources on the case", "Routes"},
              {},
              {false, false, true, false, false, false, false},
              "compact"};
  std::int64_t victims = 0;
  std::size_t counted = 0;
  List quotes;
  for (const auto& reached : facts.cases) {
    Inline name = {strong(reached.label.name.empty() ? reached.label.id : reached.label.name),
                   plain(" "), code(reached.label.id)};
    if (!reached.legal.location.empty())
      name.push_back(plain(". Location: " + reached.legal.location));
    std::string ilo;
    for (const auto* indicator : reached.legal.ilo_indicators) {
      ilo += (ilo.empty() ? "" : ", ") + std::to_string(indicator->number);
    }
    std::string rome;
    for (const auto* element : reached.legal.rome_statute) {
      rome +=
          (rome.empty() ? "" : ", ") + std::string(element->code).substr(4);  // "7(1)(c)" -> "(c)"
    }
    Inline sources;
    for (std::size_t i = 0; i < reached.claims.size(); ++i) {
      const auto& view = reached.claims[i];
      if (i > 0) sources.push_back(plain("; "));
      sources.push_back(code(view.claim.source));
      sources.push_back(
          plain(fmt::format("{} ({}{})", view.claim.locator.empty() ? "" : " " + view.claim.locator,
                            graph::to_char(view.source.reliability), view.claim.credibility)));
      if (!view.claim.quote.empty()) {
        quotes.items.push_back({code(reached.label.id), plain(", "), code(view.claim.source),
                                plain(view.claim.locator.empty() ? "" : " " + view.claim.locator),
                                emphasis(": “" + view.claim.quote + "”")});
      }
    }
    if (reached.claims.empty()) sources.push_back(plain("none recorded on the case"));
    if (reached.legal.victim_count) {
      victims += *reached.legal.victim_count;
      ++counted;
    }
    table.rows.push_back(
        {name,
         {plain(format_range(reached.label.valid))},
         {plain(reached.legal.victim_count ? std::to_string(*reached.legal.victim_count) : "—")},
         {plain(ilo.empty() ? "—" : ilo)},
         {plain(rome.empty() ? "—" : rome)},
         sources,
         route_refs(reached.routes)});
  }
  blocks.push_back(std::move(table));
  blocks.push_back(Paragraph{
      {plain(
          counted == 0
              ? "No case records a count of victims."
              : fmt::format(
                    "Recorded victim counts total {} across {} of {} cases (counts are as the "
                    "sources give them; cases may overlap). ILO indicators and art. 7(1) acts by "
                    "number and letter, as in the tables above; sources with reliability and "
                    "credibility (B2: usually reliable, probably true), as in the document index.",
                    victims, counted, facts.cases.size()))},
      ""});
  if (!quotes.items.empty()) {
    blocks.push_back(Paragraph{{plain("What the sources on the cases say:")}, ""});
    blocks.push_back(std::move(quotes));
  }
}

}  // namespace

std::vector<Block> legal_frame_section(const BriefFacts& facts) {
  std::vector<Block> blocks;
  blocks.push_back(Heading{2, "Legal frame", "legal-frame"});
  blocks.push_back(Paragraph{{plain("This section maps the documented facts to the legal standards "
                                    "an advocate, buyer or customs authority "
                                    "will apply. It is not legal advice, and the graph does not "
                                    "decide any of these questions.")},
                             "note"});

  blocks.push_back(Heading{3, "United States: the CAATSA §321(b) presumption", ""});
  blocks.push_back(Paragraph{{plain("Section 321(b) of the Countering America's Adversaries "
                                    "Through Sanctions Act (Public Law 115-44, 2017; "
                                    "22 U.S.C. 9241a) presumes that goods mined, produced or "
                                    "manufactured wholly or in part by the labour of North Korean "
                                    "nationals or citizens, anywhere in the world, are made with "
                                    "forced labour. Such goods are barred from "
                                    "entry into the United States under section 307 of the Tariff "
                                    "Act of 1930 (19 U.S.C. 1307) unless U.S. "
                                    "Customs and Border Protection finds, by clear and convincing "
                                    "evidence, that they were not made with "
                                    "forced labour. The presumption turns on North Korean labour "
                                    "in production, not on proof of abuse in "
                                    "each case; the importer carries the burden of rebutting it.")},
                             ""});
  if (facts.dispatches.empty()) {
    blocks.push_back(Paragraph{
        {plain(
            "No site on the routes of this brief has a recorded dispatch of North Korean workers. "
            "The cases "
            "reached still document forced labour of North Korean workers (see the cases below).")},
        ""});
  } else {
    blocks.push_back(Paragraph{{plain("Recorded dispatches of North Korean workers to sites on the "
                                      "routes of this brief: the facts the "
                                      "presumption is about. Whether particular goods came from "
                                      "these sites is not settled by the graph "
                                      "(see Method and limits).")},
                               ""});
    List list;
    for (const auto& dispatch : facts.dispatches) {
      Inline item = hop_words(dispatch.hop, dispatch.state_kind, dispatch.site_kind);
      item.push_back(plain(" On "));
      append(item, route_refs(dispatch.routes));
      item.push_back(plain("."));
      list.items.push_back(std::move(item));
    }
    blocks.push_back(std::move(list));
  }

  blocks.push_back(Heading{3, "ILO indicators of forced labour documented in the cases", ""});
  blocks.push_back(Paragraph{{plain("The International Labour Organization's eleven indicators "
                                    "(ILO Special Action Programme to Combat "
                                    "Forced Labour, \"ILO Indicators of Forced Labour\", 2012) "
                                    "describe the signs of forced labour under ILO "
                                    "Convention No. 29. One indicator can be enough in some "
                                    "situations; in others several point to forced "
                                    "labour together.")},
                             ""});
  std::map<const graph::IloIndicator*, std::vector<std::string>> ilo_cases;
  for (const auto& reached : facts.cases) {
    for (const auto* indicator : reached.legal.ilo_indicators)
      ilo_cases[indicator].push_back(reached.label.id);
  }
  if (ilo_cases.empty()) {
    blocks.push_back(Paragraph{{plain("None of the cases reached records an ILO indicator.")}, ""});
  } else {
    Table table{{"No.", "Indicator", "Documented in"}, {}, {true, false, false}, ""};
    for (const auto& indicator : graph::kIloIndicators) {
      const auto found = ilo_cases.find(&indicator);
      if (found == ilo_cases.end()) continue;
      Inline ids;
      for (std::size_t i = 0; i < found->second.size(); ++i) {
        if (i > 0) ids.push_back(plain(", "));
        ids.push_back(code(found->second[i]));
      }
      table.rows.push_back(
          {{plain(std::to_string(indicator.number))}, {plain(std::string(indicator.label))}, ids});
    }
    blocks.push_back(std::move(table));
    blocks.push_back(Paragraph{
        {plain(fmt::format(
            "{} of the 11 indicators are recorded across the cases. An indicator not listed is not "
            "recorded in these cases, which does not show it was absent.",
            ilo_cases.size()))},
        ""});
  }

  blocks.push_back(Heading{3, "Rome Statute, article 7: crimes against humanity", ""});
  std::map<const graph::RomeStatuteElement*, std::vector<std::string>> rome_cases;
  for (const auto& reached : facts.cases) {
    for (const auto* element : reached.legal.rome_statute)
      rome_cases[element].push_back(reached.label.id);
  }
  blocks.push_back(Paragraph{{plain("Article 7(1) of the Rome Statute of the International "
                                    "Criminal Court lists acts that are crimes against "
                                    "humanity when committed as part of a widespread or systematic "
                                    "attack directed against a civilian "
                                    "population, with knowledge of the attack. The cases record "
                                    "acts; whether that contextual element is "
                                    "met is beyond what the graph records.")},
                             ""});
  if (rome_cases.empty()) {
    blocks.push_back(
        Paragraph{{plain("None of the cases reached records an article 7(1) element.")}, ""});
  } else {
    Table table{{"Art.", "Act", "Recorded in"}, {}, {}, ""};
    for (const auto& element : graph::kRomeStatuteArticle7) {
      const auto found = rome_cases.find(&element);
      if (found == rome_cases.end()) continue;
      Inline ids;
      for (std::size_t i = 0; i < found->second.size(); ++i) {
        if (i > 0) ids.push_back(plain(", "));
        ids.push_back(code(found->second[i]));
      }
      table.rows.push_back(
          {{plain(std::string(element.code))}, {plain(std::string(element.label))}, ids});
    }
    blocks.push_back(std::move(table));
  }

  blocks.push_back(Heading{3, "The cases", ""});
  if (facts.cases.empty()) {
    blocks.push_back(
        Paragraph{{plain("No documented case is reached under the limits of this brief.")}, ""});
  } else {
    cases_table(facts, blocks);
  }

  blocks.push_back(Heading{3, "Sanctioned parties on the routes", ""});
  if (facts.sanctioned.empty()) {
    blocks.push_back(Paragraph{
        {plain("No entity on the routes carries a recorded sanctions designation.")}, ""});
  } else {
    Table table{{"Entity", "Designations"}, {}, {}, ""};
    for (const auto& party : facts.sanctioned) {
      Inline designations;
      for (std::size_t i = 0; i < party.designations.size(); ++i) {
        designations.push_back(
            plain((i > 0 ? "; " : "") + designation_words(party.designations[i])));
      }
      table.rows.push_back(
          {mention(party.label.kind, party.label.id, party.label.name), designations});
    }
    blocks.push_back(std::move(table));
  }
  return blocks;
}

}  // namespace flgraph::viz::brief
