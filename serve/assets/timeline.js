// serve/assets/timeline.js: the dated facts on the canvas (relations' validity, shipments, cases,
// designations) on one time axis, drawn as SVG with d3. Clicking a fact selects it on the canvas;
// dragging across the axis sets the date window. Everything is text or attributes, never HTML.
const ROW = 15;
const AXIS = 26;
const MAX_ROWS = 80;
const DAY = 86400000;

function toDate(text) {
  return text ? new Date(`${text}T00:00:00Z`) : null;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export class Timeline {
  constructor(container, { onSelect, onWindow }) {
    this.container = container;
    this.onSelect = onSelect;
    this.onWindow = onWindow;
    this.selected = new Set();
  }

  // items: [{ id, label, type: 'relation'|'traced'|'case'|'designation', from, to }] with
  // from/to as YYYY-MM-DD or '' (open).
  render(items) {
    const d3 = window.d3;
    const dated = items.filter((item) => item.from || item.to)
      .sort((a, b) => (a.from || a.to).localeCompare(b.from || b.to));
    this.container.replaceChildren();
    if (dated.length === 0) {
      this.container.append(document.createTextNode('No dated fact on the canvas.'));
      return;
    }
    const shown = dated.slice(0, MAX_ROWS);
    const days = shown.flatMap((item) => [item.from, item.to]).filter(Boolean).map(toDate);
    let [low, high] = d3.extent(days);
    if (high - low < 30 * DAY) { low = new Date(low - 15 * DAY); high = new Date(+high + 15 * DAY); }
    const width = Math.max(400, this.container.clientWidth || 800);
    const height = AXIS + shown.length * ROW + 4;
    const x = d3.scaleUtc().domain([low, high]).range([8, width - 8]).nice();
    const svg = d3.select(this.container).append('svg')
      .attr('width', width).attr('height', height).attr('role', 'img')
      .attr('aria-label', `Timeline of ${dated.length} dated facts`);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${AXIS - 6})`)
      .call(d3.axisTop(x).ticks(Math.max(2, Math.floor(width / 90))));
    const rows = svg.append('g').selectAll('g').data(shown).join('g')
      .attr('class', (item) => `fact ${item.type}${this.selected.has(item.id) ? ' selected' : ''}`)
      .attr('data-id', (item) => item.id)
      .attr('transform', (item, i) => `translate(0,${AXIS + i * ROW})`)
      .on('click', (event, item) => this.onSelect(item.id));
    rows.append('title').text((item) => `${item.label} (${item.from || 'open'}..${item.to || 'open'})`);
    const start = (item) => x(toDate(item.from) || x.domain()[0]);
    const end = (item) => x(toDate(item.to) || x.domain()[1]);
    rows.filter((item) => item.type !== 'designation').append('rect')
      .attr('x', start).attr('y', 2).attr('height', ROW - 5)
      .attr('width', (item) => Math.max(3, end(item) - start(item)));
    rows.filter((item) => item.type === 'designation').append('path')
      .attr('d', (item) => `M${start(item)},1 l5,6 l-5,6 l-5,-6 z`);
    rows.append('text').attr('x', (item) => Math.min(start(item) + 6, width - 260)).attr('y', ROW - 4)
      .text((item) => item.label);
    if (dated.length > shown.length) {
      this.container.append(document.createTextNode(`${dated.length - shown.length} more dated facts not drawn.`));
    }
    // The window: a brush along the axis, its ends rounded to days.
    const brush = d3.brushX().extent([[8, 0], [width - 8, AXIS - 4]]).on('end', (event) => {
      if (!event.sourceEvent) return;
      if (!event.selection) { this.onWindow('', ''); return; }
      const [from, to] = event.selection.map((px) => isoDay(x.invert(px)));
      this.onWindow(from, to);
    });
    svg.append('g').attr('class', 'window').call(brush);
  }

  // The canvas's selection, marked on the timeline.
  select(ids) {
    this.selected = new Set(ids);
    for (const row of this.container.querySelectorAll('g.fact')) {
      row.classList.toggle('selected', this.selected.has(row.getAttribute('data-id')));
    }
  }
}
