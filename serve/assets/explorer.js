// serve/assets/explorer.js: search → open → expand → trace, filters, the timeline, saved views,
// downloads, the supplier screen and the review queue.
import { api, apiDownload, apiPost, hasToken } from './api.js';
import { el, replace, period } from './dom.js';
import { Canvas } from './graph.js';
import { claimList, renderEntity, renderExposure } from './panel.js';
import { Timeline } from './timeline.js';
import { ReviewQueue, renderScreen } from './tools.js';

const MAX_PER_KIND = 5000;
const RELATION_KINDS = ['dispatches_workers', 'operated_by', 'ships', 'consigned_to', 'supplies',
  'owned_by', 'documents', 'carries', 'transported_by', 'same_as'];
const TRACE_KINDS = new Set(['dispatches_workers', 'operated_by', 'ships', 'consigned_to',
  'supplies', 'owned_by', 'documents', 'same_as']);
const $ = (id) => document.getElementById(id);
const state = { current: null, traced: null, opened: new Map() };  // opened: id -> per_kind asked

function status(text) {
  $('status').textContent = text;
}

function filters() {
  return {
    minConfidence: Number($('min-confidence').value) || 0,
    from: $('from-date').value,
    to: $('to-date').value,
    temporal: $('temporal').checked,
    kinds: new Set(RELATION_KINDS.filter((kind) => $(`kind-${kind}`).checked)),
  };
}

// The trace kinds the kind filter leaves, for the API; '' when none is filtered out.
function traceKinds(f) {
  if (RELATION_KINDS.every((kind) => f.kinds.has(kind))) return '';
  return [...TRACE_KINDS].filter((kind) => f.kinds.has(kind)).join(',') || 'same_as';
}

function refreshListing() {
  const { nodes, edges } = canvas.visible();
  replace($('node-list'), nodes.map((node) => el('li', { 'data-id': node.id() },
    `${node.data('name')} (${node.data('more') ? 'more' : node.data('kind') || 'entity'})`,
    node.data('designated') ? ' · designated' : '', node.hasClass('traced') ? ' · traced' : '')));
  replace($('edge-list'), edges.map((edge) => el('li', { 'data-id': edge.id() },
    `${edge.source().data('name')} —${edge.data('label')}→ ${edge.target().data('name')}`,
    edge.data('weak') ? ' · weak' : '', edge.hasClass('traced') ? ' · traced' : '')));
}

function redraw() {
  canvas.applyFilters(filters());
  canvas.layout();
  refreshListing();
  timeline.render(canvas.datedFacts());
}

async function open(id, perKind = 25) {
  status(`opening ${id}…`);
  try {
    const report = await api('neighbours', { id, per_kind: perKind });
    state.current = report.id;
    state.opened.set(report.id, perKind);
    renderEntity($('entity'), report, {
      onOpen: (other) => open(other),
      onMore: (left) => open(report.id, Math.min(MAX_PER_KIND, perKind + left.count)),
    });
    canvas.addNeighbours(report);
    $('trace-button').disabled = false;
    redraw();
    status(`${report.name || report.id}: ${report.relations.length} relations shown`);
  } catch (error) {
    status(error.message);
  }
}

async function search(query) {
  status(`searching ${query}…`);
  try {
    const report = await api('search', { q: query, limit: 10 });
    const items = report.candidates.map((candidate) => el('li', {
      tabindex: 0, class: candidate.match ? 'match' : '', 'data-id': candidate.id,
      onclick: () => open(candidate.id),
      onkeydown: (event) => { if (event.key === 'Enter') open(candidate.id); },
    }, `${candidate.name} `, el('span', { class: 'score' },
      `${candidate.id} · ${candidate.kind} · ${candidate.score.toFixed(2)}${candidate.match ? ' · match' : ''}`)));
    replace($('results'), items);
    if (report.lookalike) {
      $('results').prepend(el('li', { class: 'lookalike' },
        `Resolves to a legitimate organisation: ${report.lookalike.name} (${report.lookalike.source || 'look-alike list'})`));
    }
    status(`${report.candidates.length} candidates for “${query}”`);
    if (items.length) items[0].focus();
  } catch (error) {
    status(error.message);
  }
}

async function trace() {
  if (!state.current) return;
  const f = filters();
  status(`tracing ${state.current}…`);
  try {
    const [report, exposure] = await Promise.all([
      api('trace', { from: state.current, min_confidence: f.minConfidence || '', from_date: f.from,
        to_date: f.to, temporal: f.temporal ? 'true' : '', kinds: traceKinds(f) }),
      api('exposure', { id: state.current, min_confidence: f.minConfidence || '' }),
    ]);
    canvas.addTrace(report);
    state.traced = state.current;
    replace($('trace'), renderExposure(exposure), report.cases.map((found) => el('div', { class: 'path' },
      el('strong', {}, `${found.name || found.id} (${period(found.date_from, found.date_to)}), ${found.hops} hops`,
        found.paths.length ? `, strength ${found.strength.toFixed(3)}` : ', path search cut short: no path listed'),
      found.paths.length === 0 ? '' : el('ol', {}, found.paths[0].hops.map((hop) => el('li', {},
        `${hop.from_name || hop.from} —${hop.kind} [${period(hop.date_from, hop.date_to)}, ${hop.confidence === null ? 'from claims' : hop.confidence.toFixed(2)}]→ ${hop.to_name || hop.to}`,
        claimList(hop.claims)))))));
    redraw();
    status(`${report.cases.length} documented cases reached from ${state.current}`);
  } catch (error) {
    status(error.message);
  }
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The trace when one is drawn (with the filters), else the entities on the canvas; a brief is on
// the open entity.
async function downloadSelection() {
  const format = $('download-format').value;
  const f = filters();
  let parameters;
  let ids = null;
  if (format === 'brief') {
    if (!state.current) { status('open an entity first'); return; }
    parameters = { format, id: state.current, min_confidence: f.minConfidence || '' };
  } else if (state.traced) {
    parameters = { format, from: state.traced, min_confidence: f.minConfidence || '', from_date: f.from,
      to_date: f.to, temporal: f.temporal ? 'true' : '', kinds: traceKinds(f) };
  } else {
    ids = canvas.visibleEntityIds();
    if (ids.length === 0) { status('nothing on the canvas to download'); return; }
    parameters = { format };
  }
  status(`preparing the ${format} download…`);
  try {
    const { blob, filename } = await apiDownload(parameters, ids);
    download(blob, filename);
    status(`downloaded ${filename}`);
  } catch (error) {
    status(error.message);
  }
}

async function screenList(file) {
  status(`screening ${file.name}…`);
  try {
    const report = await apiPost('screen', {}, await file.text(), 'text/csv');
    renderScreen($('screen-results'), report, (id) => open(id));
    status(`screened ${report.rows} rows of ${file.name}`);
  } catch (error) {
    replace($('screen-results'), el('p', { class: 'error' }, error.message));
    status(error.message);
  }
}

// A view is ids, positions and filters: no data, so it can be shared without leaking anything.
function saveView() {
  const view = { flgraph_view: 1, current: state.current, opened: Object.fromEntries(state.opened),
    positions: canvas.positions(), filters: { ...filters(), kinds: [...filters().kinds] } };
  download(new Blob([JSON.stringify(view, null, 1)], { type: 'application/json' }), 'flgraph-view.json');
}

async function openView(file) {
  try {
    const view = JSON.parse(await file.text());
    if (view.flgraph_view !== 1) throw new Error('not a saved flgraph view');
    $('min-confidence').value = view.filters?.minConfidence ?? 0;
    $('from-date').value = view.filters?.from ?? '';
    $('to-date').value = view.filters?.to ?? '';
    $('temporal').checked = Boolean(view.filters?.temporal);
    const kinds = Array.isArray(view.filters?.kinds) ? new Set(view.filters.kinds) : null;
    for (const kind of RELATION_KINDS) $(`kind-${kind}`).checked = !kinds || kinds.has(kind);
    for (const [id, perKind] of Object.entries(view.opened || {})) {
      await open(id, Math.min(MAX_PER_KIND, Math.max(1, Number(perKind) || 25)));
    }
    if (view.current) await open(view.current, state.opened.get(view.current) || 25);
    canvas.place(view.positions);
  } catch (error) {
    status(`cannot open the view: ${error.message}`);
  }
}

for (const kind of RELATION_KINDS) {
  $('kind-filters').append(el('label', {}, el('input', { id: `kind-${kind}`, type: 'checkbox', checked: true,
    onchange: redraw }), ` ${kind}`));
}

const timeline = new Timeline($('timeline'), {
  onSelect: (id) => canvas.selectOnly(id),
  onWindow: (from, to) => {
    $('from-date').value = from;
    $('to-date').value = to;
    redraw();
  },
});

const canvas = new Canvas($('canvas'), {
  onOpen: (id) => open(id),
  onMore: (more) => open(more.entity, Math.min(MAX_PER_KIND, (state.opened.get(more.entity) || 25) + more.count)),
});

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = $('search').value.trim();
  if (query) search(query);
});
$('trace-button').addEventListener('click', trace);
for (const id of ['min-confidence', 'from-date', 'to-date']) $(id).addEventListener('change', redraw);
$('png-button').addEventListener('click', () => download(canvas.png(), 'flgraph-view.png'));
$('view-button').addEventListener('click', saveView);
$('view-file').addEventListener('change', (event) => {
  if (event.target.files.length) openView(event.target.files[0]);
});
$('download-button').addEventListener('click', downloadSelection);
$('screen-file').addEventListener('change', (event) => {
  if (event.target.files.length) screenList(event.target.files[0]);
});
canvas.cy.on('select unselect', () => timeline.select(canvas.cy.$(':selected').map((element) => element.id())));
let review = null;
$('review-button').addEventListener('click', async () => {
  if (!review) {
    const server = await api('server');
    review = new ReviewQueue({ pairs: $('review-pairs'), judged: $('review-judged'), status: $('review-status') },
      server.read_only);
  }
  review.load();
});
status(hasToken() ? 'ready' : 'no token: open the address flgraph serve printed, with its #token=…');
window.flgraphExplorer = { open, search, trace, canvas, timeline };  // for the browser tests
