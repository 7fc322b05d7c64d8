// serve/assets/tools.js: the supplier-list screen and the entity-resolution review queue.
import { api, apiPost } from './api.js';
import { el, replace } from './dom.js';

// A screen report (screen --json) as a table, worst band first; a matched row opens its entity.
export function renderScreen(container, report, onOpen) {
  const order = { high: 0, medium: 1, low: 2, none: 3 };
  const rows = [...report.results].sort((a, b) =>
    (order[a.band] ?? 4) - (order[b.band] ?? 4) || (b.score ?? 0) - (a.score ?? 0));
  const summary = Object.entries(report.summary).map(([band, count]) => `${band} ${count}`).join(', ');
  replace(container,
    el('p', {}, `${report.rows} rows: ${summary}`),
    el('table', { class: 'screen' },
      el('thead', {}, el('tr', {}, ['line', 'name', 'resolved to', 'band', 'score', 'cases']
        .map((head) => el('th', {}, head)))),
      el('tbody', {}, rows.map((row) => el('tr', { class: row.band ? `band-${row.band}` : 'unmatched' },
        el('td', {}, String(row.line)),
        el('td', {}, row.name || row.input_id || ''),
        el('td', {}, row.entity
          ? el('a', { href: '#', onclick: (event) => { event.preventDefault(); onOpen(row.entity.id); } },
            `${row.entity.name || row.entity.id} (${row.method}${row.match_score ? ` ${row.match_score.toFixed(2)}` : ''})`)
          : row.lookalike ? `legitimate look-alike: ${row.lookalike.name}`
            : row.nearest ? `unmatched; nearest ${row.nearest.name || row.nearest.id} ${row.nearest.match_score.toFixed(2)}`
              : 'unmatched'),
        el('td', {}, row.band || ''),
        el('td', {}, row.score === undefined ? '' : row.score.toFixed(3)),
        el('td', {}, row.cases === undefined ? '' : String(row.cases)))))));
}

function side(entity) {
  return el('div', { class: 'side' }, el('strong', {}, entity.name || entity.id),
    el('div', {}, `${entity.id} · ${entity.kind}${entity.country ? ` · ${entity.country}` : ''}`),
    entity.matched_name && entity.matched_name !== entity.name ? el('div', {}, `as ${entity.matched_name}`) : '');
}

// Candidate pairs (resolve --json) side by side, judged positive / negative / unsure; each
// judgement made here can be undone. A read-only server shows the pairs with no buttons.
export class ReviewQueue {
  constructor({ pairs, judged, status }, readOnly) {
    this.pairs = pairs;
    this.judged = judged;
    this.status = status;
    this.readOnly = readOnly;
  }

  async load() {
    this.status.textContent = 'scoring candidate pairs…';
    try {
      const report = await api('review', { limit: 20 });
      replace(this.pairs, report.pairs.map((pair) => this.pairItem(pair)));
      this.status.textContent = `${report.pairs.length} pairs to judge${this.readOnly ? ' (read-only server: judging is off)' : ''}`;
    } catch (error) {
      this.status.textContent = error.message;
    }
  }

  pairItem(pair) {
    const item = el('li', { class: 'pair' }, side(pair.a), side(pair.b),
      el('div', { class: 'score' }, `score ${pair.score.toFixed(3)}${pair.judgement ? ` · judged ${pair.judgement.decision} before` : ''}`));
    if (!this.readOnly) {
      item.append(el('div', { class: 'decide' }, [['positive', 'same'], ['negative', 'not same'], ['unsure', 'unsure']]
        .map(([decision, text]) => el('button', { type: 'button', onclick: () => this.judge(pair, decision, item) }, text))));
    }
    return item;
  }

  async judge(pair, decision, item) {
    try {
      const report = await apiPost('judge', { a: pair.a.id, b: pair.b.id, decision });
      item.remove();
      const judgement = report.judgement;
      const line = el('li', {}, `${judgement.a.name || judgement.a.id} / ${judgement.b.name || judgement.b.id}: ${judgement.decision} `,
        el('button', { type: 'button', onclick: () => this.undo(judgement.id, line) }, 'undo'));
      this.judged.prepend(line);
      this.status.textContent = `judgement ${judgement.id} recorded`;
    } catch (error) {
      this.status.textContent = error.message;
    }
  }

  async undo(id, line) {
    try {
      await apiPost('undo', { id });
      line.replaceChildren(document.createTextNode(`${line.firstChild.textContent}undone`));
      this.status.textContent = `judgement ${id} undone`;
    } catch (error) {
      this.status.textContent = error.message;
    }
  }
}
