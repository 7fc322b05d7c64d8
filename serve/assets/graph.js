// serve/assets/graph.js: the canvas (cytoscape, 2D canvas renderer: no GPU needed). Kinds are
// coloured and shaped as in the diagrams (viz/diagram.cpp); weak relations are dashed.
import { period } from './dom.js';

const KINDS = {
  state_entity: ['hexagon', '#f4a582'],
  company: ['round-rectangle', '#92c5de'],
  person: ['ellipse', '#d9d9d9'],
  site: ['tag', '#fdb863'],
  vessel: ['vee', '#80cdc1'],
  shipment: ['rectangle', '#f0f0f0'],
  product: ['barrel', '#c2a5cf'],
  case: ['octagon', '#b2182b'],
};
export const WEAK_BELOW = 0.5;

function style() {
  const rules = [
    { selector: 'node', style: {
      label: 'data(label)', 'font-size': 9, 'text-wrap': 'ellipsis', 'text-max-width': 140,
      'text-valign': 'bottom', 'text-margin-y': 3, width: 26, height: 26,
      'background-color': '#ccc', 'border-width': 1, 'border-color': '#333' } },
    { selector: 'node[?designated]', style: { 'border-width': 4, 'border-color': '#d7191c' } },
    { selector: 'node[?opened]', style: { 'border-width': 3 } },
    { selector: 'node[?more]', style: { shape: 'round-rectangle', 'background-color': '#fff',
      'border-style': 'dashed', width: 60, height: 18, 'text-valign': 'center', 'text-margin-y': 0 } },
    { selector: 'edge', style: {
      width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', label: 'data(label)',
      'font-size': 7, 'text-rotation': 'autorotate', color: '#444', 'line-color': '#7a8590',
      'target-arrow-color': '#7a8590' } },
    { selector: 'edge[?weak]', style: { 'line-style': 'dashed' } },
    { selector: 'edge.traced', style: { 'line-color': '#1a9850', 'target-arrow-color': '#1a9850', width: 3.5 } },
    { selector: 'node.traced', style: { 'border-color': '#1a9850', 'border-width': 4 } },
    { selector: 'node.traced[?designated]', style: { 'border-color': '#d7191c' } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: ':selected', style: { 'overlay-opacity': 0.15, 'overlay-color': '#f5a623' } },
  ];
  for (const [kind, [shape, colour]] of Object.entries(KINDS)) {
    rules.push({ selector: `node[kind = "${kind}"]`, style: { shape, 'background-color': colour } });
  }
  return rules;
}

function confidenceText(confidence) {
  return confidence === null || confidence === undefined ? 'from claims' : confidence.toFixed(2);
}

export class Canvas {
  constructor(container, { onOpen, onMore }) {
    this.cy = window.cytoscape({ container, style: style(), minZoom: 0.1 });
    this.cy.on('tap', 'node', (event) => {
      const data = event.target.data();
      if (data.more) onMore(data);
      else onOpen(data.id);
    });
  }

  node(id, name, kind, extra = {}) {
    const existing = this.cy.getElementById(id);
    if (existing.nonempty()) {
      if (kind && !existing.data('kind')) existing.data('kind', kind);
      for (const [key, value] of Object.entries(extra)) existing.data(key, value);
      return existing;
    }
    return this.cy.add({ group: 'nodes', data: { id, label: name || id, name: name || id, kind: kind || '', ...extra } });
  }

  edge(from, to, kind, dateFrom, dateTo, confidence, relation = '') {
    const id = `${from}|${kind}|${to}|${relation}`;
    if (this.cy.getElementById(id).nonempty()) return this.cy.getElementById(id);
    return this.cy.add({ group: 'edges', data: {
      id, source: from, target: to, kind, relation, date_from: dateFrom || '', date_to: dateTo || '',
      confidence: confidence ?? null, weak: confidence !== null && confidence !== undefined && confidence < WEAK_BELOW,
      label: `${kind} ${period(dateFrom, dateTo)} ${confidenceText(confidence)}` } });
  }

  // A neighbours report (show --per-kind): the entity, its neighbours, and an "N more" node per
  // kind and direction that was cut.
  addNeighbours(report) {
    const id = report.id;
    this.node(id, report.name, report.kind, { opened: true, designated: report.designations.length > 0,
      date_from: report.date_from || '', date_to: report.date_to || '',
      listed_on: report.designations.map((d) => d.listed_on).filter(Boolean) });
    for (const relation of report.relations) {
      // A sanctioned neighbour is marked before it is opened.
      this.node(relation.other, relation.other_name, relation.other_kind,
        relation.other_designated ? { designated: true } : {});
      const [from, to] = relation.direction === 'out' ? [id, relation.other] : [relation.other, id];
      this.edge(from, to, relation.kind, relation.date_from, relation.date_to, relation.confidence, relation.id);
    }
    this.cy.remove(this.cy.nodes().filter((node) => node.data('more') && node.data('entity') === id));
    for (const left of report.relations_omitted || []) {
      const more = `more:${id}:${left.kind}:${left.direction}`;
      this.node(more, `${left.count} more ${left.kind}`, '', { more: true, entity: id, count: left.count });
      const [from, to] = left.direction === 'out' ? [id, more] : [more, id];
      this.edge(from, to, left.kind, '', '', null, 'more');
    }
  }

  // A trace report: every hop of every path, marked as traced.
  addTrace(report) {
    this.cy.elements().removeClass('traced');
    for (const found of report.cases) {
      for (const path of found.paths) {
        for (const hop of path.hops) {
          const from = this.node(hop.from, hop.from_name, '');
          const to = this.node(hop.to, hop.to_name, '');
          const existing = this.cy.edges().filter((edge) => edge.data('source') === hop.from
            && edge.data('target') === hop.to && edge.data('kind') === hop.kind);
          const edge = existing.nonempty() ? existing : this.edge(hop.from, hop.to, hop.kind, hop.date_from, hop.date_to, hop.confidence, 'trace');
          from.addClass('traced');
          to.addClass('traced');
          edge.addClass('traced');
        }
      }
      this.node(found.id, found.name, 'case', { date_from: found.date_from || '', date_to: found.date_to || '' });
    }
  }

  // Relations outside the filters are hidden; so are neighbours left with no visible relation.
  applyFilters({ minConfidence, from, to, kinds }) {
    this.cy.batch(() => {
      this.cy.elements().removeClass('filtered');
      this.cy.edges().forEach((edge) => {
        const confidence = edge.data('confidence');
        const low = confidence !== null && confidence < minConfidence;
        const before = from && edge.data('date_to') && edge.data('date_to') < from;
        const after = to && edge.data('date_from') && edge.data('date_from') > to;
        const hiddenKind = kinds && !edge.data('relation').startsWith('more') && !kinds.has(edge.data('kind'));
        if (low || before || after || hiddenKind) edge.addClass('filtered');
      });
      this.cy.nodes().forEach((node) => {
        if (node.data('opened') || node.hasClass('traced')) return;
        const edges = node.connectedEdges();
        if (edges.nonempty() && edges.every((edge) => edge.hasClass('filtered'))) node.addClass('filtered');
      });
    });
  }

  layout() {
    this.cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true }).run();
    this.cy.fit(undefined, 30);
  }

  visible() {
    return { nodes: this.cy.nodes().not('.filtered'), edges: this.cy.edges().not('.filtered') };
  }

  // The entities on the canvas and visible ("N more" nodes are not entities).
  visibleEntityIds() {
    return this.visible().nodes.filter((node) => !node.data('more')).map((node) => node.id());
  }

  // The dated facts on the canvas, for the timeline: relations (green when traced), cases and
  // designations.
  datedFacts() {
    const { nodes, edges } = this.visible();
    const facts = edges.filter((edge) => !edge.data('relation').startsWith('more')).map((edge) => ({
      id: edge.id(), type: edge.hasClass('traced') ? 'traced' : 'relation',
      label: `${edge.source().data('name')} —${edge.data('kind')}→ ${edge.target().data('name')}`,
      from: edge.data('date_from'), to: edge.data('date_to') }));
    nodes.forEach((node) => {
      if (node.data('kind') === 'case') {
        facts.push({ id: node.id(), type: 'case', label: node.data('name'),
          from: node.data('date_from') || '', to: node.data('date_to') || '' });
      }
      for (const day of node.data('listed_on') || []) {
        facts.push({ id: node.id(), type: 'designation', label: `${node.data('name')} designated`, from: day, to: day });
      }
    });
    return facts;
  }

  selectOnly(id) {
    this.cy.elements().unselect();
    const element = this.cy.getElementById(id);
    if (element.nonempty()) {
      element.select();
      this.cy.animate({ center: { eles: element } }, { duration: 200 });
    }
  }

  positions() {
    const out = {};
    this.cy.nodes().forEach((node) => { out[node.id()] = node.position(); });
    return out;
  }

  place(positions) {
    for (const [id, position] of Object.entries(positions || {})) {
      const node = this.cy.getElementById(id);
      if (node.nonempty() && Number.isFinite(position.x) && Number.isFinite(position.y)) node.position(position);
    }
    this.cy.fit(undefined, 30);
  }

  png() {
    return this.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 });
  }
}
