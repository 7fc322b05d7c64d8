// viz/brief.cpp: the due-diligence brief, composed once as a document and rendered as HTML or
// Markdown. Every name, claim and source comes through EvidenceReader (protection applied there);
// the facts are gathered in brief_facts.cpp, the legal frame is brief_legal_frame.cpp.
#include "viz/brief.h"

#include <fmt/format.h>

#include <map>

#include "viz/brief_document.h"
#include "viz/brief_facts.h"
#include "viz/brief_legal_frame.h"
#include "viz/brief_remediation.h"
#include "viz/brief_words.h"
#include "viz/selection.h"

namespace flgraph::viz {
namespace {

using namespace brief;  // NOLINT: the document model's small vocabulary, in this file only

// The brief's sections in reading order, each appended as blocks of the document model.
class BriefComposer {
 public:
  BriefComposer(const BriefFacts& facts, const analysis::RemediationPlan& remediation,
                const BriefRequest& request)
      : facts_(facts), remediation_(remediation), request_(request) {}

  Document compose(std::string flow_chart_svg) {
    Document doc;
    doc.title = "Due-diligence brief: " + facts_.display_name();
    title();
    summary();
    for (auto& block : legal_frame_section(facts_)) blocks_.push_back(std::move(block));
    flow_chart(std::move(flow_chart_svg));
    exposure_table();
    evidence_paths();
    for (auto& block : remediation_section(facts_.reader, facts_.graph, remediation_,
                                           facts_.exposure.options.max_hops)) {
      blocks_.push_back(std::move(block));
    }
    document_index();
    method_and_limits();
    doc.blocks = std::move(blocks_);
    return doc;
  }

 private:
  // --- sections ---

  void title() {
    blocks_.push_back(Heading{1, "Due-diligence brief: " + facts_.display_name(), ""});
    Inline meta = mention(facts_.subject.kind, facts_.subject.id, "");
    if (!facts_.subject_country.empty())
      meta.push_back(plain(" · country " + facts_.subject_country));
    meta.push_back(plain(
        request_.as_of ? " · as of " + graph::format_date(*request_.as_of)
                       : " · as of: not stated (no date is written unless --as-of is given)"));
    blocks_.push_back(Paragraph{meta, "meta"});
    blocks_.push_back(Paragraph{{plain(fmt::format("Exposure of this {} to documented cases of "
                                                   "forced labour of North Korean workers abroad, "
                                                   "from the facts and sources in the database. "
                                                   "Every number below can be recomputed from the "
                                                   "tables in this brief.",
                                                   kind_word(facts_.subject.kind)))},
                                "meta"});
    const std::string protection = facts_.reader.disclosure().reveal_sources
                                       ? "Protected material: protected sources are named in this "
                                         "brief because --reveal-protected was given; "
                                         "witnesses and other protected persons still appear only "
                                         "as stable pseudonyms (W-…). Handle this copy "
                                         "as protected material."
                                       : "Protected material: witnesses and other protected "
                                         "persons appear only as stable pseudonyms (W-…), never "
                                         "by name; protected sources appear only as pseudonyms, "
                                         "without title, publisher, link, hash or quotes.";
    blocks_.push_back(Paragraph{{plain(protection)}, "note"});
  }

  void summary() {
    blocks_.push_back(Heading{2, "Summary", "summary"});
    blocks_.push_back(Paragraph{answer(), "lead"});
    std::vector<std::vector<Inline>> rows;
    Inline subject = mention(facts_.subject.kind, facts_.subject.id, facts_.subject.name);
    if (!facts_.subject_country.empty()) subject.push_back(plain(", " + facts_.subject_country));
    rows.push_back({{plain("Subject")}, subject});
    rows.push_back(
        {{plain("Exposure band")},
         {badge(band_label(facts_.exposure.band), band_class(facts_.exposure.band)),
          plain(fmt::format(
              "  score {} (supply {}, ownership {}); bands: high from {:.2f}, medium from "
              "{:.2f}, low above 0",
              number(facts_.exposure.score), number(facts_.exposure.supply_score),
              number(facts_.exposure.ownership_score), queries::kHighBandFrom,
              queries::kMediumBandFrom))}});
    rows.push_back({{plain("Closest supplier tier")},
                    {plain(facts_.exposure.closest_tier ? tier_words(*facts_.exposure.closest_tier)
                                                        : "none: no case reached")}});
    rows.push_back({{plain("Documented cases reached")},
                    {plain(fmt::format("{}, over {} (see the exposure table)", facts_.cases.size(),
                                       plural(facts_.routes.size(), "route", "routes")))}});
    rows.push_back(
        {{plain("Routes whose dates fit the case")},
         {plain(fmt::format("{} of {} (case period ± {} days)", facts_.consistent_routes,
                            facts_.routes.size(), facts_.exposure.options.tolerance_days))}});
    rows.push_back({{plain("Recorded dispatches of North Korean workers to sites on the routes")},
                    {plain(std::to_string(facts_.dispatches.size()))}});
    Inline designations = {plain(facts_.subject_designations.empty() ? "none recorded" : "")};
    for (std::size_t i = 0; i < facts_.subject_designations.size(); ++i) {
      designations.push_back(
          plain((i > 0 ? "; " : "") + designation_words(facts_.subject_designations[i])));
    }
    rows.push_back({{plain("Sanctions designations of the subject")}, designations});
    rows.push_back({{plain("Sanctioned parties on the routes")},
                    {plain(std::to_string(facts_.sanctioned.size()))}});
    std::map<graph::Access, std::size_t> by_access;
    for (const auto& [id, source] : facts_.sources) ++by_access[source.shown.access];
    rows.push_back(
        {{plain("Sources cited")},
         {plain(fmt::format("{} ({} public, {} restricted, {} protected)", facts_.sources.size(),
                            by_access[graph::Access::Public], by_access[graph::Access::Restricted],
                            by_access[graph::Access::Protected]))}});
    blocks_.push_back(Table{{}, std::move(rows), {}, "facts"});
  }

  Inline answer() const {
    const std::string name = facts_.display_name();
    if (facts_.exposure.contributions.empty()) {
      return {plain(fmt::format(
          "Within {} hops (relations below confidence {:.2f} not walked), the graph holds no route "
          "from {} to a "
          "documented case of forced labour of North Korean workers. The exposure score is 0 "
          "(band: none). This is "
          "not evidence that the supply chain is free of such labour: the graph knows only the "
          "relations its sources "
          "record (see Method and limits).",
          facts_.exposure.options.max_hops, facts_.exposure.options.min_confidence, name))};
    }
    const auto& top = facts_.exposure.contributions.front();
    const auto top_case = facts_.reader.entity(facts_.graph, top.case_vertex);
    const auto& top_hops = (*facts_.routes.front().report)["path"]["hops"];
    const std::string documented = top_hops.empty() ? std::string()
                                   : str(top_hops[0]["to_name"]).empty()
                                       ? str(top_hops[0]["to"])
                                       : str(top_hops[0]["to_name"]);
    std::string text = fmt::format(
        "The graph links {} to {} of forced labour of North Korean workers abroad, over {}. The "
        "strongest is \"{}\", "
        "which documents {}, {} relation{} up the supply chain (contribution {}). ",
        name, plural(facts_.cases.size(), "documented case", "documented cases"),
        plural(facts_.routes.size(), "route", "routes"),
        top_case.name.empty() ? top_case.id : top_case.name, documented, top.hops,
        top.hops == 1 ? "" : "s", number(top.contribution));
    text += fmt::format("Combined, the exposure score is {}, in the {} band. ",
                        number(facts_.exposure.score), queries::to_string(facts_.exposure.band));
    text += fmt::format(
        "{} of {} routes have dates that fit their case's period; {}. ", facts_.consistent_routes,
        facts_.routes.size(),
        facts_.dispatches.empty()
            ? "no site on the routes has a recorded dispatch of North Korean workers"
            : fmt::format(
                  "sites on the routes have {} of North Korean workers",
                  plural(facts_.dispatches.size(), "recorded dispatch", "recorded dispatches")));
    text +=
        "The score measures how strongly documented links tie the subject to the cases; it is not "
        "the probability "
        "that particular goods were made with forced labour, nor a finding of liability.";
    return {plain(text)};
  }

  void flow_chart(std::string svg) {
    blocks_.push_back(Heading{2, "Supply-chain flow chart", "flow-chart"});
    Figure figure;
    figure.svg = std::move(svg);
    figure.file_name = kBriefFlowChart;
    figure.alt = "Supply-chain flow chart of the evidence routes";
    figure.caption = {
        plain("Every entity and relation on the routes of the exposure table. Arrows point the way "
              "goods, labour or benefit "
              "flow, toward the subject (START, thick green border). Cases are dark red octagons; "
              "sanctioned entities have a "
              "double red border; choke points of the Remediation section have a thick dashed "
              "border (orange unless "
              "sanctioned). Each relation "
              "shows its kind and confidence (its dates are in the evidence paths below); "
              "relations below confidence " +
              fmt::format("{:.2f}", request_.weak_below) + " are dashed.")};
    blocks_.push_back(std::move(figure));
  }

  void exposure_table() {
    blocks_.push_back(Heading{2, "Exposure, row by row", "exposure"});
    const auto& options = facts_.exposure.options;
    blocks_.push_back(Paragraph{
        {plain(fmt::format(
            "Each row is the best route from one case to the subject in one channel (supply: goods "
            "or labour flow; "
            "ownership: the route needs an ownership tie). Strength is the product of the route's "
            "relation "
            "confidences. A row's contribution is strength × {:.2f}^(hops − 1) × the temporal "
            "factor (1 when every "
            "relation on the route fits the case period ± {} days, {:.2f} when not). A case counts "
            "once, by its "
            "strongest row; the score combines the counted rows as independent pieces of evidence.",
            options.decay_per_hop, options.tolerance_days, queries::kInconsistentFactor))},
        ""});
    if (facts_.exposure.contributions.empty()) {
      blocks_.push_back(
          Paragraph{{plain("No row: no documented case is reached. Score 0.")}, "formula"});
      return;
    }
    Table table{{"#", "Case", "Channel", "Hops", "Tier", "Strength", "Decay", "Dates fit",
                 "Time factor", "Contribution", "Counted"},
                {},
                {true, false, false, true, true, true, true, false, true, true, false},
                "compact exposure"};
    std::string product;
    for (std::size_t i = 0; i < facts_.routes.size(); ++i) {
      const auto& row = *facts_.routes[i].row;
      const auto label = facts_.reader.entity(facts_.graph, row.case_vertex);
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
      if (row.counted_in_score)
        product +=
            fmt::format("{}(1 − {})", product.empty() ? "" : " × ", number(row.contribution));
    }
    blocks_.push_back(std::move(table));
    blocks_.push_back(Paragraph{
        {plain(fmt::format("score = 1 − {} = {}", product, number(facts_.exposure.score)))},
        "formula"});
    blocks_.push_back(Paragraph{
        {plain(fmt::format(
            "A row marked \"no\" is a weaker route to a case that is counted by another row. Over "
            "supply rows only the score would be {}; over ownership rows only, {}. Values are "
            "rounded "
            "to four decimals; the score is computed from the unrounded values.",
            number(facts_.exposure.supply_score), number(facts_.exposure.ownership_score)))},
        ""});
  }

  void evidence_paths() {
    blocks_.push_back(Heading{2, "Evidence paths in words", "evidence-paths"});
    if (facts_.routes.empty()) {
      blocks_.push_back(Paragraph{{plain("No route to a documented case.")}, ""});
      return;
    }
    blocks_.push_back(Paragraph{
        {plain(
            "Each route from the case to the subject, one relation per step, with its dates, "
            "confidence and the "
            "sources it rests on (source id, locator, kind, reliability A–F, credibility 1–6).")},
        ""});
    for (std::size_t i = 0; i < facts_.routes.size(); ++i) {
      const auto& route = facts_.routes[i];
      const auto& row = *route.row;
      const auto label = facts_.reader.entity(facts_.graph, row.case_vertex);
      blocks_.push_back(
          Heading{3,
                  fmt::format("Route {}: {} — {}, {} hop{}, strength {}, contribution {}", i + 1,
                              label.name.empty() ? label.id : label.name,
                              queries::to_string(row.channel), row.hops, row.hops == 1 ? "" : "s",
                              number(row.strength), number(row.contribution)),
                  ""});
      List steps{true, {}};
      const auto& hops = (*route.report)["path"]["hops"];
      for (std::size_t h = 0; h < hops.size(); ++h) {
        steps.items.push_back(hop_words(hops[h], facts_.graph.kind(row.path.vertices[h]),
                                        facts_.graph.kind(row.path.vertices[h + 1])));
      }
      if (route.carries_hop && !route.carries_hop->is_null()) {
        steps.items.push_back(
            hop_words(*route.carries_hop, graph::EntityKind::Shipment, graph::EntityKind::Product));
      }
      blocks_.push_back(std::move(steps));
      if (!row.temporally_consistent) {
        blocks_.push_back(Paragraph{{plain(fmt::format("Not every relation on this route fits the "
                                                       "case period ± {} days, so the route counts "
                                                       "at {:.2f} of its weight.",
                                                       facts_.exposure.options.tolerance_days,
                                                       queries::kInconsistentFactor))},
                                    "note"});
      }
    }
  }

  void document_index() {
    blocks_.push_back(Heading{2, "Document index", "documents"});
    blocks_.push_back(
        Paragraph{{plain("Every source this brief cites. Reliability is graded on the Admiralty "
                         "scale: A completely reliable, B "
                         "usually reliable, C fairly reliable, D not usually reliable, E "
                         "unreliable, F cannot be judged. Each "
                         "claim's credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 "
                         "doubtful, 5 improbable, 6 cannot "
                         "be judged. The SHA-256 identifies the exact file that was graded.")},
                  ""});
    if (facts_.sources.empty()) {
      blocks_.push_back(Paragraph{{plain("No source is cited.")}, ""});
      return;
    }
    Table table{{"Source", "Document", "Kind", "Reliability", "SHA-256", "Cited for"},
                {},
                {false, false, false, false, false, true},
                "index"};
    for (const auto& [id, cited] : facts_.sources) {
      const auto& s = cited.shown;
      Inline document = {strong(s.title)};
      if (!s.publisher.empty()) document.push_back(plain(". " + s.publisher));
      document.push_back(
          plain(s.published_on ? ", " + graph::format_date(*s.published_on) + "." : ", undated."));
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
    const auto& options = facts_.exposure.options;
    List method;
    method.items.push_back(
        {plain("The graph holds entities (state entities, companies, sites, shipments, products, "
               "cases) and relations "
               "between them, each resting on claims in the sources of the document index. A route "
               "walks relations against "
               "their arrows from the subject to a case: dispatches of workers, site operators, "
               "shipments, supply and "
               "ownership ties, entity-resolution matches.")});
    method.items.push_back(
        {plain(fmt::format("Limits of this brief: at most {} hops; relations below confidence "
                           "{:.2f} not walked; decay {:.2f} per hop "
                           "beyond the first; case periods widened by {} days for the dates test; "
                           "up to {} routes per case considered.",
                           options.max_hops, options.min_confidence, options.decay_per_hop,
                           options.tolerance_days, queries::kExposurePathsPerCase))});
    method.items.push_back(
        {plain("A relation's confidence is given by its curator or derived from its best claim: "
               "the source's reliability "
               "(A–F) and the claim's credibility (1–6), through one fixed table (docs/MODEL.md, "
               "\"The model\").")});
    method.items.push_back(
        {plain("The same database, subject and options give the same brief, byte for byte; no "
               "clock is read.")});
    blocks_.push_back(std::move(method));
    blocks_.push_back(Heading{3, "What the graph cannot know", ""});
    List limits;
    limits.items.push_back(
        {plain("Unrecorded links. The graph knows only the suppliers, shipments and ownership ties "
               "its sources record. No "
               "route does not mean no exposure: intermediaries, transshipment and undeclared "
               "subcontracting are often "
               "invisible in trade records.")});
    limits.items.push_back(
        {plain("Which goods. A route shows that a documented site and the subject are linked by "
               "trade; it does not show that "
               "particular goods or lots were made at the site, nor in what share. Suppliers may "
               "mix inputs from many "
               "sources.")});
    limits.items.push_back(
        {plain("Names. Shipment parties are tied to entities by name matching, and same_as "
               "relations are judgements that two "
               "records are one entity. Either may be wrong; check the matches on the routes.")});
    limits.items.push_back(
        {plain("Dates. Relations carry the dates their sources give, often approximate or "
               "open-ended. A route whose dates fit "
               "the case period is consistent with, not proof of, goods produced while the abuses "
               "were documented.")});
    limits.items.push_back(
        {plain("Grades are judgements. Reliability and credibility are the curators' assessments; "
               "the confidence table turns "
               "them into numbers so that they can be compared, not into probabilities.")});
    limits.items.push_back(
        {plain("The score is not a probability of guilt. It ranks how strongly documented links "
               "connect the subject to "
               "documented cases; legal findings need the evidence itself, which the document "
               "index points to.")});
    limits.items.push_back(
        {plain("Protected material. Witnesses are shown only as pseudonyms and protected sources "
               "without their details; a "
               "reader who needs them must ask the holder of the database, who can check them "
               "against the hashes.")});
    blocks_.push_back(std::move(limits));
  }

  const BriefFacts& facts_;
  const analysis::RemediationPlan& remediation_;
  const BriefRequest& request_;
  std::vector<Block> blocks_;
};

}  // namespace

std::optional<BriefFormat> parse_brief_format(std::string_view name) {
  if (name == "html") return BriefFormat::Html;
  if (name == "md" || name == "markdown") return BriefFormat::Markdown;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> render_brief(
    const EvidenceReader& reader, const graph::QueryGraph& graph,
    const queries::ExposureResult& exposure, const BriefRequest& request) {
  const auto remediation = analysis::plan_remediation(graph, exposure.entity, exposure.options);
  const BriefFacts facts(reader, graph, exposure);
  BriefComposer composer(facts, remediation, request);
  auto shown = show_selection(reader, select_trace(reader.store(), graph, facts.routes_as_trace()));
  for (const auto& member : remediation.cut.cut) {
    const std::string cut_id = reader.entity(graph, member.vertex).id;
    for (auto& entity : shown.entities) {
      if (entity.id == cut_id) entity.chokepoint = true;
    }
  }
  const std::string title =
      fmt::format("Evidence routes to {}", reader.entity(graph, exposure.entity).id);
  std::string svg = render_svg_or_note(
      shown, {request.weak_below, title, /*top_to_bottom=*/true, /*compact=*/true});
  const Document document = composer.compose(svg);
  if (request.format == BriefFormat::Html) return {{kBriefHtml, render_html(document)}};
  return {{kBriefMarkdown, render_markdown(document)}, {kBriefFlowChart, std::move(svg)}};
}

}  // namespace flgraph::viz
