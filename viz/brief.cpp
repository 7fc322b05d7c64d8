// viz/brief.cpp: the due-diligence brief, composed once as a document and rendered as HTML or
// Markdown. Every name, claim and source comes through EvidenceReader (protection applied there).
#include "viz/brief.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "graph/legal_mapping.h"
#include "queries/entity_lookup.h"
#include "viz/audit_commands.h"
#include "viz/brief_document.h"
#include "viz/brief_remediation.h"
#include "viz/brief_words.h"
#include "viz/exposure_reports.h"
#include "viz/reports.h"
#include "viz/safe_output.h"
#include "viz/selection.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;
using namespace brief;  // NOLINT: the document model's small vocabulary, in this file only


// The documents cited, by shown id, with what the brief cites them for.
struct CitedSource {
  graph::SourceRecord shown;
  std::set<std::string> facts;  // shown ids of relations and cases resting on it
};

struct Route {
  const queries::CaseContribution* row = nullptr;
  const json* report = nullptr;  // the row in exposure_report()
  // A product's route ends at a shipment: the carries hop that ties it to the product.
  std::optional<json> carries_hop;
};

struct CaseFacts {
  graph::VertexId vertex = 0;
  EntityLabel label;
  graph::CaseLegalMapping legal;
  std::vector<ClaimView> claims;  // on the case itself
  std::vector<std::size_t> routes;  // 1-based route numbers
};

struct Sanctioned {
  EntityLabel label;
  std::vector<graph::DesignationRecord> designations;
};

// A dispatch of workers to a site on the routes: the fact CAATSA's presumption is about.
struct Dispatch {
  json hop;  // as evidence_path_json() shows a relation
  graph::EntityKind state_kind = graph::EntityKind::StateEntity;
  graph::EntityKind site_kind = graph::EntityKind::Site;
  std::vector<std::size_t> routes;  // 1-based numbers of the routes through the site
};

class BriefComposer {
 public:
  BriefComposer(const EvidenceReader& reader, const graph::QueryGraph& graph, const queries::ExposureResult& exposure,
                const analysis::RemediationPlan& remediation, const BriefRequest& request)
      : reader_(reader), graph_(graph), exposure_(exposure), remediation_(remediation), request_(request),
        report_(exposure_report(reader, graph, exposure)), subject_(reader.entity(graph, exposure.entity)) {
    collect();
  }

  Document compose(std::string flow_chart_svg) {
    Document doc;
    doc.title = "Due-diligence brief: " + display_name();
    title();
    summary();
    legal_frame();
    flow_chart(std::move(flow_chart_svg));
    exposure_table();
    evidence_paths();
    for (auto& block : remediation_section(reader_, graph_, remediation_, exposure_.options.max_hops)) {
      blocks_.push_back(std::move(block));
    }
    document_index();
    method_and_limits();
    doc.blocks = std::move(blocks_);
    return doc;
  }

  // The vertices and relations of every route, for the flow chart.
  queries::TraceResult routes_as_trace() const {
    queries::TraceResult trace;
    trace.start = exposure_.entity;
    std::set<graph::VertexId> origins;
    std::map<graph::VertexId, std::size_t> case_index;
    for (const auto& row : exposure_.contributions) {
      if (!row.path.vertices.empty()) origins.insert(row.path.vertices.back());
      auto [at, inserted] = case_index.try_emplace(row.case_vertex, trace.cases.size());
      if (inserted) trace.cases.push_back({row.case_vertex, row.hops, {}, false});
      trace.cases[at->second].paths.push_back(row.path);
    }
    if (origins.empty()) origins.insert(exposure_.entity);
    trace.origins.assign(origins.begin(), origins.end());
    return trace;
  }

  std::string display_name() const { return subject_.name.empty() ? subject_.id : subject_.name; }

 private:
  void collect() {
    const auto& rows = report_["contributions"];
    std::map<graph::VertexId, std::size_t> case_position;
    std::map<graph::VertexId, std::vector<std::size_t>> site_routes;
    std::set<graph::VertexId> on_routes;
    for (std::size_t i = 0; i < exposure_.contributions.size(); ++i) {
      const auto& row = exposure_.contributions[i];
      Route route{&row, &rows[i], std::nullopt};
      const std::size_t number = i + 1;
      on_routes.insert(row.path.vertices.begin(), row.path.vertices.end());
      for (const auto e : row.path.edges) cite_relation(e);
      for (const auto v : std::set<graph::VertexId>(row.path.vertices.begin(), row.path.vertices.end())) {
        if (graph_.kind(v) == graph::EntityKind::Site) site_routes[v].push_back(number);
      }
      if (graph_.kind(exposure_.entity) == graph::EntityKind::Product && !row.path.vertices.empty() &&
          row.path.vertices.back() != exposure_.entity) {
        route.carries_hop = carries_hop(row.path.vertices.back());
      }
      auto [at, inserted] = case_position.try_emplace(row.case_vertex, cases_.size());
      if (inserted) cases_.push_back(case_facts(row.case_vertex));
      cases_[at->second].routes.push_back(number);
      if (row.temporally_consistent) ++consistent_routes_;
      routes_.push_back(std::move(route));
    }
    // Every recorded dispatch to a site on the routes, whether or not a route walks it: a case
    // documenting the site is enough for the route, but the dispatch is what CAATSA asks about.
    for (const auto& [site, numbers] : site_routes) {
      graph_.for_each_in_edge(site, [&](graph::VertexId state, graph::EdgeIdx e) {
        if (graph_.edge_kind(e) != graph::RelationKind::DispatchesWorkers) return;
        cite_relation(e);
        queries::EvidencePath step;
        step.edges = {e};
        step.vertices = {state, site};
        dispatches_.push_back({evidence_path_json(reader_, graph_, step)["hops"][0], graph_.kind(state),
                               graph_.kind(site), numbers});
      });
    }
    on_routes.insert(exposure_.entity);
    for (const auto v : on_routes) {
      if (graph_.is_protected(v)) continue;
      auto stored = reader_.store().entity_by_row(graph_.entity_row(v));
      if (!stored || stored->record.is_protected) continue;
      auto designations = reader_.store().designations_of(stored->row);
      if (designations.empty()) continue;
      if (v == exposure_.entity) subject_designations_ = designations;
      sanctioned_.push_back({reader_.entity(*stored), std::move(designations)});
    }
    std::sort(sanctioned_.begin(), sanctioned_.end(), [](const auto& a, const auto& b) { return a.label.id < b.label.id; });
    auto stored_subject = reader_.store().entity_by_row(graph_.entity_row(exposure_.entity));
    if (stored_subject && !stored_subject->record.is_protected) subject_country_ = stored_subject->record.country;
  }

  void cite(const ClaimView& view, const std::string& fact) {
    auto [at, inserted] = sources_.try_emplace(view.claim.source, CitedSource{view.source, {}});
    at->second.facts.insert(fact);
  }

  void cite_relation(graph::EdgeIdx e) {
    const auto row = graph_.relation_row(e);
    const auto relation = reader_.store().relation_by_row(row);
    const std::string fact = relation ? reader_.relation_id(*relation) : std::string("relation");
    for (const auto& view : reader_.claims_of_relation(row)) cite(view, fact);
  }

  json carries_hop(graph::VertexId shipment) {
    std::optional<graph::EdgeIdx> found;
    graph_.for_each_out_edge(shipment, [&](graph::VertexId other, graph::EdgeIdx e) {
      if (!found && other == exposure_.entity && graph_.edge_kind(e) == graph::RelationKind::Carries) found = e;
    });
    if (!found) return nullptr;
    cite_relation(*found);
    queries::EvidencePath step;
    step.edges = {*found};
    step.vertices = {shipment, exposure_.entity};
    return evidence_path_json(reader_, graph_, step)["hops"][0];
  }

  CaseFacts case_facts(graph::VertexId vertex) {
    CaseFacts facts;
    facts.vertex = vertex;
    facts.label = reader_.entity(graph_, vertex);
    if (auto stored = reader_.store().entity_by_row(graph_.entity_row(vertex)); stored && !stored->record.is_protected) {
      facts.legal = graph::case_legal_mapping(stored->record.attributes_json);
      facts.claims = reader_.claims_of_entity(*stored);
      for (const auto& view : facts.claims) cite(view, facts.label.id);
    }
    return facts;
  }

  // --- sections ---

  void title() {
    blocks_.push_back(Heading{1, "Due-diligence brief: " + display_name(), ""});
    Inline meta = mention(subject_.kind, subject_.id, "");
    if (!subject_country_.empty()) meta.push_back(plain(" · country " + subject_country_));
    meta.push_back(plain(request_.as_of ? " · as of " + graph::format_date(*request_.as_of)
                                        : " · as of: not stated (no date is written unless --as-of is given)"));
    blocks_.push_back(Paragraph{meta, "meta"});
    blocks_.push_back(Paragraph{
        {plain(fmt::format("Exposure of this {} to documented cases of forced labour of North Korean workers abroad, "
                           "from the facts and sources in the database. Every number below can be recomputed from the "
                           "tables in this brief.",
                           kind_word(subject_.kind)))},
        "meta"});
    const std::string protection =
        reader_.disclosure().reveal_sources
            ? "Protected material: protected sources are named in this brief because --reveal-protected was given; "
              "witnesses and other protected persons still appear only as stable pseudonyms (W-…). Handle this copy "
              "as protected material."
            : "Protected material: witnesses and other protected persons appear only as stable pseudonyms (W-…), never "
              "by name; protected sources appear only as pseudonyms, without title, publisher, link, hash or quotes.";
    blocks_.push_back(Paragraph{{plain(protection)}, "note"});
  }

  void summary() {
    blocks_.push_back(Heading{2, "Summary", "summary"});
    blocks_.push_back(Paragraph{answer(), "lead"});
    std::vector<std::vector<Inline>> rows;
    Inline subject = mention(subject_.kind, subject_.id, subject_.name);
    if (!subject_country_.empty()) subject.push_back(plain(", " + subject_country_));
    rows.push_back({{plain("Subject")}, subject});
    rows.push_back({{plain("Exposure band")},
                    {badge(band_label(exposure_.band), band_class(exposure_.band)),
                     plain(fmt::format("  score {} (supply {}, ownership {}); bands: high from {:.2f}, medium from "
                                       "{:.2f}, low above 0",
                                       number(exposure_.score), number(exposure_.supply_score),
                                       number(exposure_.ownership_score), queries::kHighBandFrom,
                                       queries::kMediumBandFrom))}});
    rows.push_back({{plain("Closest supplier tier")},
                    {plain(exposure_.closest_tier ? tier_words(*exposure_.closest_tier) : "none: no case reached")}});
    rows.push_back({{plain("Documented cases reached")},
                    {plain(fmt::format("{}, over {} (see the exposure table)", cases_.size(),
                                       plural(routes_.size(), "route", "routes")))}});
    rows.push_back({{plain("Routes whose dates fit the case")},
                    {plain(fmt::format("{} of {} (case period ± {} days)", consistent_routes_, routes_.size(),
                                       exposure_.options.tolerance_days))}});
    rows.push_back({{plain("Recorded dispatches of North Korean workers to sites on the routes")},
                    {plain(std::to_string(dispatches_.size()))}});
    Inline designations = {plain(subject_designations_.empty() ? "none recorded" : "")};
    for (std::size_t i = 0; i < subject_designations_.size(); ++i) {
      designations.push_back(plain((i > 0 ? "; " : "") + designation_words(subject_designations_[i])));
    }
    rows.push_back({{plain("Sanctions designations of the subject")}, designations});
    rows.push_back({{plain("Sanctioned parties on the routes")}, {plain(std::to_string(sanctioned_.size()))}});
    std::map<graph::Access, std::size_t> by_access;
    for (const auto& [id, source] : sources_) ++by_access[source.shown.access];
    rows.push_back({{plain("Sources cited")},
                    {plain(fmt::format("{} ({} public, {} restricted, {} protected)", sources_.size(),
                                       by_access[graph::Access::Public], by_access[graph::Access::Restricted],
                                       by_access[graph::Access::Protected]))}});
    blocks_.push_back(Table{{}, std::move(rows), {}, "facts"});
  }

  Inline answer() const {
    const std::string name = display_name();
    if (exposure_.contributions.empty()) {
      return {plain(fmt::format(
          "Within {} hops (relations below confidence {:.2f} not walked), the graph holds no route from {} to a "
          "documented case of forced labour of North Korean workers. The exposure score is 0 (band: none). This is "
          "not evidence that the supply chain is free of such labour: the graph knows only the relations its sources "
          "record (see Method and limits).",
          exposure_.options.max_hops, exposure_.options.min_confidence, name))};
    }
    const auto& top = exposure_.contributions.front();
    const auto top_case = reader_.entity(graph_, top.case_vertex);
    const auto& top_hops = (*routes_.front().report)["path"]["hops"];
    const std::string documented = top_hops.empty() ? std::string() : str(top_hops[0]["to_name"]).empty()
                                                                          ? str(top_hops[0]["to"])
                                                                          : str(top_hops[0]["to_name"]);
    std::string text = fmt::format(
        "The graph links {} to {} of forced labour of North Korean workers abroad, over {}. The strongest is \"{}\", "
        "which documents {}, {} relation{} up the supply chain (contribution {}). ",
        name, plural(cases_.size(), "documented case", "documented cases"), plural(routes_.size(), "route", "routes"),
        top_case.name.empty() ? top_case.id : top_case.name, documented, top.hops, top.hops == 1 ? "" : "s",
        number(top.contribution));
    text += fmt::format("Combined, the exposure score is {}, in the {} band. ", number(exposure_.score),
                        queries::to_string(exposure_.band));
    text += fmt::format("{} of {} routes have dates that fit their case's period; {}. ", consistent_routes_,
                        routes_.size(),
                        dispatches_.empty() ? "no site on the routes has a recorded dispatch of North Korean workers"
                                            : fmt::format("sites on the routes have {} of North Korean workers",
                                                          plural(dispatches_.size(), "recorded dispatch",
                                                                 "recorded dispatches")));
    text += "The score measures how strongly documented links tie the subject to the cases; it is not the probability "
            "that particular goods were made with forced labour, nor a finding of liability.";
    return {plain(text)};
  }

  static std::string designation_words(const graph::DesignationRecord& d) {
    std::string out = d.authority;
    if (!d.program.empty()) out += " " + d.program;
    if (d.listed_on) out += ", listed " + graph::format_date(*d.listed_on);
    if (!d.list_id.empty()) out += " (" + d.list_id + ")";
    return out;
  }

  Inline route_refs(const std::vector<std::size_t>& routes) const {
    std::string text;
    for (const auto number : routes) {
      text += (text.empty() ? (routes.size() == 1 ? "route " : "routes ") : ", ") + std::to_string(number);
    }
    return {plain(text)};
  }

  void legal_frame() {
    blocks_.push_back(Heading{2, "Legal frame", "legal-frame"});
    blocks_.push_back(Paragraph{
        {plain("This section maps the documented facts to the legal standards an advocate, buyer or customs authority "
               "will apply. It is not legal advice, and the graph does not decide any of these questions.")},
        "note"});

    blocks_.push_back(Heading{3, "United States: the CAATSA §321(b) presumption", ""});
    blocks_.push_back(Paragraph{
        {plain("Section 321(b) of the Countering America's Adversaries Through Sanctions Act (Public Law 115-44, 2017; "
               "22 U.S.C. 9241a) presumes that goods mined, produced or manufactured wholly or in part by the labour of North Korean "
               "nationals or citizens, anywhere in the world, are made with forced labour. Such goods are barred from "
               "entry into the United States under section 307 of the Tariff Act of 1930 (19 U.S.C. 1307) unless U.S. "
               "Customs and Border Protection finds, by clear and convincing evidence, that they were not made with "
               "forced labour. The presumption turns on North Korean labour in production, not on proof of abuse in "
               "each case; the importer carries the burden of rebutting it.")},
        ""});
    if (dispatches_.empty()) {
      blocks_.push_back(Paragraph{
          {plain("No site on the routes of this brief has a recorded dispatch of North Korean workers. The cases "
                 "reached still document forced labour of North Korean workers (see the cases below).")},
          ""});
    } else {
      blocks_.push_back(Paragraph{
          {plain("Recorded dispatches of North Korean workers to sites on the routes of this brief: the facts the "
                 "presumption is about. Whether particular goods came from these sites is not settled by the graph "
                 "(see Method and limits).")},
          ""});
      List list;
      for (const auto& dispatch : dispatches_) {
        Inline item = hop_words(dispatch.hop, dispatch.state_kind, dispatch.site_kind);
        item.push_back(plain(" On "));
        append(item, route_refs(dispatch.routes));
        item.push_back(plain("."));
        list.items.push_back(std::move(item));
      }
      blocks_.push_back(std::move(list));
    }

    blocks_.push_back(Heading{3, "ILO indicators of forced labour documented in the cases", ""});
    blocks_.push_back(Paragraph{
        {plain("The International Labour Organization's eleven indicators (ILO Special Action Programme to Combat "
               "Forced Labour, \"ILO Indicators of Forced Labour\", 2012) describe the signs of forced labour under ILO "
               "Convention No. 29. One indicator can be enough in some situations; in others several point to forced "
               "labour together.")},
        ""});
    std::map<const graph::IloIndicator*, std::vector<std::string>> ilo_cases;
    for (const auto& facts : cases_) {
      for (const auto* indicator : facts.legal.ilo_indicators) ilo_cases[indicator].push_back(facts.label.id);
    }
    if (ilo_cases.empty()) {
      blocks_.push_back(Paragraph{{plain("None of the cases reached records an ILO indicator.")}, ""});
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
        table.rows.push_back({{plain(std::to_string(indicator.number))}, {plain(std::string(indicator.label))}, ids});
      }
      blocks_.push_back(std::move(table));
      blocks_.push_back(Paragraph{
          {plain(fmt::format("{} of the 11 indicators are recorded across the cases. An indicator not listed is not "
                             "recorded in these cases, which does not show it was absent.",
                             ilo_cases.size()))},
          ""});
    }

    blocks_.push_back(Heading{3, "Rome Statute, article 7: crimes against humanity", ""});
    std::map<const graph::RomeStatuteElement*, std::vector<std::string>> rome_cases;
    for (const auto& facts : cases_) {
      for (const auto* element : facts.legal.rome_statute) rome_cases[element].push_back(facts.label.id);
    }
    blocks_.push_back(Paragraph{
        {plain("Article 7(1) of the Rome Statute of the International Criminal Court lists acts that are crimes against "
               "humanity when committed as part of a widespread or systematic attack directed against a civilian "
               "population, with knowledge of the attack. The cases record acts; whether that contextual element is "
               "met is beyond what the graph records.")},
        ""});
    if (rome_cases.empty()) {
      blocks_.push_back(Paragraph{{plain("None of the cases reached records an article 7(1) element.")}, ""});
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
        table.rows.push_back({{plain(std::string(element.code))}, {plain(std::string(element.label))}, ids});
      }
      blocks_.push_back(std::move(table));
    }

    blocks_.push_back(Heading{3, "The cases", ""});
    if (cases_.empty()) {
      blocks_.push_back(Paragraph{{plain("No documented case is reached under the limits of this brief.")}, ""});
    } else {
      cases_table();
    }

    blocks_.push_back(Heading{3, "Sanctioned parties on the routes", ""});
    if (sanctioned_.empty()) {
      blocks_.push_back(Paragraph{{plain("No entity on the routes carries a recorded sanctions designation.")}, ""});
    } else {
      Table table{{"Entity", "Designations"}, {}, {}, ""};
      for (const auto& party : sanctioned_) {
        Inline designations;
        for (std::size_t i = 0; i < party.designations.size(); ++i) {
          designations.push_back(plain((i > 0 ? "; " : "") + designation_words(party.designations[i])));
        }
        table.rows.push_back({mention(party.label.kind, party.label.id, party.label.name), designations});
      }
      blocks_.push_back(std::move(table));
    }
  }

  void cases_table() {
    Table table{{"Case", "Period", "Victims", "ILO indicators (no.)", "Art. 7(1)", "Sources on the case", "Routes"},
                {},
                {false, false, true, false, false, false, false},
                "compact"};
    std::int64_t victims = 0;
    std::size_t counted = 0;
    List quotes;
    for (const auto& facts : cases_) {
      Inline name = {strong(facts.label.name.empty() ? facts.label.id : facts.label.name), plain(" "),
                     code(facts.label.id)};
      if (!facts.legal.location.empty()) name.push_back(plain(". Location: " + facts.legal.location));
      std::string ilo;
      for (const auto* indicator : facts.legal.ilo_indicators) {
        ilo += (ilo.empty() ? "" : ", ") + std::to_string(indicator->number);
      }
      std::string rome;
      for (const auto* element : facts.legal.rome_statute) {
        rome += (rome.empty() ? "" : ", ") + std::string(element->code).substr(4);  // "7(1)(c)" -> "(c)"
      }
      Inline sources;
      for (std::size_t i = 0; i < facts.claims.size(); ++i) {
        const auto& view = facts.claims[i];
        if (i > 0) sources.push_back(plain("; "));
        sources.push_back(code(view.claim.source));
        sources.push_back(plain(fmt::format("{} ({}{})", view.claim.locator.empty() ? "" : " " + view.claim.locator,
                                            graph::to_char(view.source.reliability), view.claim.credibility)));
        if (!view.claim.quote.empty()) {
          quotes.items.push_back({code(facts.label.id), plain(", "), code(view.claim.source),
                                  plain(view.claim.locator.empty() ? "" : " " + view.claim.locator),
                                  emphasis(": “" + view.claim.quote + "”")});
        }
      }
      if (facts.claims.empty()) sources.push_back(plain("none recorded on the case"));
      if (facts.legal.victim_count) {
        victims += *facts.legal.victim_count;
        ++counted;
      }
      table.rows.push_back({name,
                            {plain(format_range(facts.label.valid))},
                            {plain(facts.legal.victim_count ? std::to_string(*facts.legal.victim_count) : "—")},
                            {plain(ilo.empty() ? "—" : ilo)},
                            {plain(rome.empty() ? "—" : rome)},
                            sources,
                            route_refs(facts.routes)});
    }
    blocks_.push_back(std::move(table));
    blocks_.push_back(Paragraph{
        {plain(counted == 0 ? "No case records a count of victims."
                            : fmt::format("Recorded victim counts total {} across {} of {} cases (counts are as the "
                                          "sources give them; cases may overlap). ILO indicators and art. 7(1) acts by "
                                          "number and letter, as in the tables above; sources with reliability and "
                                          "credibility (B2: usually reliable, probably true), as in the document index.",
                                          victims, counted, cases_.size()))},
        ""});
    if (!quotes.items.empty()) {
      blocks_.push_back(Paragraph{{plain("What the sources on the cases say:")}, ""});
      blocks_.push_back(std::move(quotes));
    }
  }

  void flow_chart(std::string svg) {
    blocks_.push_back(Heading{2, "Supply-chain flow chart", "flow-chart"});
    Figure figure;
    figure.svg = std::move(svg);
    figure.file_name = kBriefFlowChart;
    figure.alt = "Supply-chain flow chart of the evidence routes";
    figure.caption = {plain(
        "Every entity and relation on the routes of the exposure table. Arrows point the way goods, labour or benefit "
        "flow, toward the subject (START, thick green border). Cases are dark red octagons; sanctioned entities have a "
        "double red border; choke points of the Remediation section have a thick dashed border (orange unless "
        "sanctioned). Each relation "
        "shows its kind and confidence (its dates are in the evidence paths below); "
        "relations below confidence " +
        fmt::format("{:.2f}", request_.weak_below) + " are dashed.")};
    blocks_.push_back(std::move(figure));
  }

  void exposure_table() {
    blocks_.push_back(Heading{2, "Exposure, row by row", "exposure"});
    const auto& options = exposure_.options;
    blocks_.push_back(Paragraph{
        {plain(fmt::format(
            "Each row is the best route from one case to the subject in one channel (supply: goods or labour flow; "
            "ownership: the route needs an ownership tie). Strength is the product of the route's relation "
            "confidences. A row's contribution is strength × {:.2f}^(hops − 1) × the temporal factor (1 when every "
            "relation on the route fits the case period ± {} days, {:.2f} when not). A case counts once, by its "
            "strongest row; the score combines the counted rows as independent pieces of evidence.",
            options.decay_per_hop, options.tolerance_days, queries::kInconsistentFactor))},
        ""});
    if (exposure_.contributions.empty()) {
      blocks_.push_back(Paragraph{{plain("No row: no documented case is reached. Score 0.")}, "formula"});
      return;
    }
    Table table{{"#", "Case", "Channel", "Hops", "Tier", "Strength", "Decay", "Dates fit", "Time factor",
                 "Contribution", "Counted"},
                {},
                {true, false, false, true, true, true, true, false, true, true, false},
                "compact exposure"};
    std::string product;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      const auto& row = *routes_[i].row;
      const auto label = reader_.entity(graph_, row.case_vertex);
      table.rows.push_back({{plain(std::to_string(i + 1))},
                            {code(label.id)},
                            {plain(std::string(queries::to_string(row.channel)))},
                            {plain(std::to_string(row.hops))},
                            {plain(std::to_string(row.tier))},
                            {plain(number(row.strength))},
                            {plain(number(row.decay_factor))},
                            {plain(row.temporally_consistent ? "yes" : "no")},
                            {plain(number(row.temporal_factor))},
                            {strong(number(row.contribution))},
                            {row.counted_in_score ? badge("yes", "mark-yes") : plain("no")}});
      if (row.counted_in_score) product += fmt::format("{}(1 − {})", product.empty() ? "" : " × ", number(row.contribution));
    }
    blocks_.push_back(std::move(table));
    blocks_.push_back(Paragraph{{plain(fmt::format("score = 1 − {} = {}", product, number(exposure_.score)))}, "formula"});
    blocks_.push_back(Paragraph{
        {plain(fmt::format("A row marked \"no\" is a weaker route to a case that is counted by another row. Over "
                           "supply rows only the score would be {}; over ownership rows only, {}. Values are rounded "
                           "to four decimals; the score is computed from the unrounded values.",
                           number(exposure_.supply_score), number(exposure_.ownership_score)))},
        ""});
  }

  void evidence_paths() {
    blocks_.push_back(Heading{2, "Evidence paths in words", "evidence-paths"});
    if (routes_.empty()) {
      blocks_.push_back(Paragraph{{plain("No route to a documented case.")}, ""});
      return;
    }
    blocks_.push_back(Paragraph{
        {plain("Each route from the case to the subject, one relation per step, with its dates, confidence and the "
               "sources it rests on (source id, locator, kind, reliability A–F, credibility 1–6).")},
        ""});
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      const auto& route = routes_[i];
      const auto& row = *route.row;
      const auto label = reader_.entity(graph_, row.case_vertex);
      blocks_.push_back(Heading{3,
                                fmt::format("Route {}: {} — {}, {} hop{}, strength {}, contribution {}", i + 1,
                                            label.name.empty() ? label.id : label.name, queries::to_string(row.channel),
                                            row.hops, row.hops == 1 ? "" : "s", number(row.strength),
                                            number(row.contribution)),
                                ""});
      List steps{true, {}};
      const auto& hops = (*route.report)["path"]["hops"];
      for (std::size_t h = 0; h < hops.size(); ++h) {
        steps.items.push_back(hop_words(hops[h], graph_.kind(row.path.vertices[h]), graph_.kind(row.path.vertices[h + 1])));
      }
      if (route.carries_hop && !route.carries_hop->is_null()) {
        steps.items.push_back(hop_words(*route.carries_hop, graph::EntityKind::Shipment, graph::EntityKind::Product));
      }
      blocks_.push_back(std::move(steps));
      if (!row.temporally_consistent) {
        blocks_.push_back(Paragraph{
            {plain(fmt::format("Not every relation on this route fits the case period ± {} days, so the route counts "
                               "at {:.2f} of its weight.",
                               exposure_.options.tolerance_days, queries::kInconsistentFactor))},
            "note"});
      }
    }
  }

  void document_index() {
    blocks_.push_back(Heading{2, "Document index", "documents"});
    blocks_.push_back(Paragraph{
        {plain("Every source this brief cites. Reliability is graded on the Admiralty scale: A completely reliable, B "
               "usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged. Each "
               "claim's credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot "
               "be judged. The SHA-256 identifies the exact file that was graded.")},
        ""});
    if (sources_.empty()) {
      blocks_.push_back(Paragraph{{plain("No source is cited.")}, ""});
      return;
    }
    Table table{{"Source", "Document", "Kind", "Reliability", "SHA-256", "Cited for"},
                {},
                {false, false, false, false, false, true},
                "index"};
    for (const auto& [id, cited] : sources_) {
      const auto& s = cited.shown;
      Inline document = {strong(s.title)};
      if (!s.publisher.empty()) document.push_back(plain(". " + s.publisher));
      document.push_back(plain(s.published_on ? ", " + graph::format_date(*s.published_on) + "." : ", undated."));
      if (!s.url.empty()) {
        document.push_back(plain(" "));
        document.push_back(link(s.url, s.url));
      }
      const char grade = graph::to_char(s.reliability);
      table.rows.push_back({{code(id), plain(" (" + std::string(graph::to_string(s.access)) + ")")},
                            document,
                            {plain(source_kind_word(graph::to_string(s.kind)))},
                            {plain(fmt::format("{} ({})", grade, reliability_words(grade)))},
                            {s.sha256.empty() ? plain("not recorded") : code(s.sha256)},
                            {plain(plural(cited.facts.size(), "fact", "facts"))}});
    }
    blocks_.push_back(std::move(table));
  }

  void method_and_limits() {
    blocks_.push_back(Heading{2, "Method and limits", "method"});
    const auto& options = exposure_.options;
    List method;
    method.items.push_back({plain(
        "The graph holds entities (state entities, companies, sites, shipments, products, cases) and relations "
        "between them, each resting on claims in the sources of the document index. A route walks relations against "
        "their arrows from the subject to a case: dispatches of workers, site operators, shipments, supply and "
        "ownership ties, entity-resolution matches.")});
    method.items.push_back({plain(fmt::format(
        "Limits of this brief: at most {} hops; relations below confidence {:.2f} not walked; decay {:.2f} per hop "
        "beyond the first; case periods widened by {} days for the dates test; up to {} routes per case considered.",
        options.max_hops, options.min_confidence, options.decay_per_hop, options.tolerance_days,
        queries::kExposurePathsPerCase))});
    method.items.push_back({plain(
        "A relation's confidence is given by its curator or derived from its best claim: the source's reliability "
        "(A–F) and the claim's credibility (1–6), through one fixed table (README, \"The model\").")});
    method.items.push_back({plain(
        "The same database, subject and options give the same brief, byte for byte; no clock is read.")});
    blocks_.push_back(std::move(method));
    blocks_.push_back(Heading{3, "What the graph cannot know", ""});
    List limits;
    limits.items.push_back({plain(
        "Unrecorded links. The graph knows only the suppliers, shipments and ownership ties its sources record. No "
        "route does not mean no exposure: intermediaries, transshipment and undeclared subcontracting are often "
        "invisible in trade records.")});
    limits.items.push_back({plain(
        "Which goods. A route shows that a documented site and the subject are linked by trade; it does not show that "
        "particular goods or lots were made at the site, nor in what share. Suppliers may mix inputs from many "
        "sources.")});
    limits.items.push_back({plain(
        "Names. Shipment parties are tied to entities by name matching, and same_as relations are judgements that two "
        "records are one entity. Either may be wrong; check the matches on the routes.")});
    limits.items.push_back({plain(
        "Dates. Relations carry the dates their sources give, often approximate or open-ended. A route whose dates fit "
        "the case period is consistent with, not proof of, goods produced while the abuses were documented.")});
    limits.items.push_back({plain(
        "Grades are judgements. Reliability and credibility are the curators' assessments; the confidence table turns "
        "them into numbers so that they can be compared, not into probabilities.")});
    limits.items.push_back({plain(
        "The score is not a probability of guilt. It ranks how strongly documented links connect the subject to "
        "documented cases; legal findings need the evidence itself, which the document index points to.")});
    limits.items.push_back({plain(
        "Protected material. Witnesses are shown only as pseudonyms and protected sources without their details; a "
        "reader who needs them must ask the holder of the database, who can check them against the hashes.")});
    blocks_.push_back(std::move(limits));
  }

  const EvidenceReader& reader_;
  const graph::QueryGraph& graph_;
  const queries::ExposureResult& exposure_;
  const analysis::RemediationPlan& remediation_;
  const BriefRequest& request_;
  const json report_;
  const EntityLabel subject_;
  std::string subject_country_;
  std::vector<graph::DesignationRecord> subject_designations_;
  std::vector<Route> routes_;
  std::vector<CaseFacts> cases_;
  std::vector<Sanctioned> sanctioned_;
  std::vector<Dispatch> dispatches_;
  std::map<std::string, CitedSource> sources_;  // by shown id
  std::size_t consistent_routes_ = 0;
  std::vector<Block> blocks_;
};

}  // namespace

std::optional<BriefFormat> parse_brief_format(std::string_view name) {
  if (name == "html") return BriefFormat::Html;
  if (name == "md" || name == "markdown") return BriefFormat::Markdown;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> render_brief(const EvidenceReader& reader, const graph::QueryGraph& graph,
                                                              const queries::ExposureResult& exposure,
                                                              const BriefRequest& request) {
  const auto remediation = analysis::plan_remediation(graph, exposure.entity, exposure.options);
  BriefComposer composer(reader, graph, exposure, remediation, request);
  auto shown = show_selection(reader, select_trace(reader.store(), graph, composer.routes_as_trace()));
  for (const auto& member : remediation.cut.cut) {
    const std::string cut_id = reader.entity(graph, member.vertex).id;
    for (auto& entity : shown.entities) {
      if (entity.id == cut_id) entity.chokepoint = true;
    }
  }
  const std::string title = fmt::format("Evidence routes to {}", reader.entity(graph, exposure.entity).id);
  std::string svg = render_svg_or_note(shown, {request.weak_below, title, /*top_to_bottom=*/true, /*compact=*/true});
  const Document document = composer.compose(svg);
  if (request.format == BriefFormat::Html) return {{kBriefHtml, render_html(document)}};
  return {{kBriefMarkdown, render_markdown(document)}, {kBriefFlowChart, std::move(svg)}};
}

BriefSummary brief_command(const ReadOptions& read, const std::string& id, const BriefRequest& request) {
  // Refuse a bad output before any work, and before a database is opened.
  check_output_folder(request.output_dir, {read.database, request.force});
  auto store = open_store(read);
  const EvidenceReader reader(store, disclosure_for(store, read));
  const auto graph = graph::QueryGraph::load(store);
  const auto subject = queries::resolve_entity(store, graph, id);
  const auto exposure = queries::score_exposure(graph, subject, request.exposure);
  const auto files = render_brief(reader, graph, exposure, request);
  OutputFolder folder(request.output_dir, {read.database, request.force});
  BriefSummary summary;
  for (const auto& [name, bytes] : files) {
    folder.write(name, bytes);
    summary.files.push_back(request.output_dir / name);
  }
  summary.subject = reader.entity(graph, subject).id;
  record_read_command(store, read, fmt::format("brief --format {}", request.format == BriefFormat::Html ? "html" : "md"),
                      summary.subject, written_outputs(request.output_dir));
  summary.score = exposure.score;
  summary.band = exposure.band;
  std::set<graph::VertexId> cases;
  for (const auto& row : exposure.contributions) cases.insert(row.case_vertex);
  summary.cases = cases.size();
  return summary;
}

}  // namespace flgraph::viz
