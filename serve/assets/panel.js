// serve/assets/panel.js: an entity's record, every value with the claims it rests on.
import { el, period } from './dom.js';

export function claimList(claims) {
  if (!claims || claims.length === 0) return el('p', { class: 'claim' }, 'no claim recorded');
  return el('ul', { class: 'claims' }, claims.map((claim) => el('li', { class: 'claim' },
    el('span', { class: 'grade', title: 'reliability and credibility' }, `${claim.reliability}${claim.credibility}`),
    ' ', claim.source_title || claim.source, claim.locator ? `, ${claim.locator}` : '',
    claim.quote ? el('q', {}, claim.quote) : '',
    claim.source_sha256 ? el('span', { class: 'sha', title: `SHA-256 ${claim.source_sha256}` },
      ` sha256 ${claim.source_sha256.slice(0, 12)}…`) : '',
    ` (${claim.source_kind || 'source'} ${claim.source}${claim.access === 'public' ? '' : `, ${claim.access}`})`)));
}

function relationItem(relation, onOpen) {
  const arrow = relation.direction === 'out' ? `—${relation.kind}→` : `←${relation.kind}—`;
  const confidence = relation.confidence === null ? 'from claims' : relation.confidence.toFixed(2);
  return el('li', { class: 'relation' },
    `${arrow} `,
    el('a', { href: '#', onclick: (event) => { event.preventDefault(); onOpen(relation.other); } },
      relation.other_name || relation.other),
    ` (${relation.other_kind}) [${period(relation.date_from, relation.date_to)}, ${confidence}]`,
    claimList(relation.claims));
}

// `more(kind, direction)` asks for the relations that were left out.
export function renderEntity(container, report, { onOpen, onMore }) {
  const designated = report.designations.length > 0;
  container.replaceChildren(...[
    el('h3', { class: designated ? 'designated' : '' }, report.name || report.id),
    el('p', {}, `${report.id} · ${report.kind}${report.country ? ` · ${report.country}` : ''}`,
      report.protected ? ' · protected (pseudonym)' : ''),
    report.aliases.length ? el('p', {}, `aliases: ${report.aliases.join('; ')}`) : '',
    designated ? el('div', {}, el('h4', {}, 'Designations'), el('ul', {}, report.designations.map((d) =>
      el('li', { class: 'designated' }, `${d.authority} ${d.program}${d.listed_on ? ` listed ${d.listed_on}` : ''}${d.list_id ? ` (${d.list_id})` : ''}`)))) : '',
    el('h4', {}, 'Claims on the record'), claimList(report.claims),
    el('h4', {}, `Relations (${report.relations.length} shown)`),
    el('ul', {}, report.relations.map((relation) => relationItem(relation, onOpen))),
    (report.relations_omitted || []).map((left) => el('p', { class: 'omitted' },
      `${left.count} more ${left.direction === 'out' ? 'outgoing' : 'incoming'} ${left.kind} `,
      el('button', { type: 'button', onclick: () => onMore(left) }, 'show them'))),
  ].flat().filter((child) => child !== ''));
}

// Each case's contribution with its arithmetic: path strength x decay x temporal factor.
export function renderExposure(report) {
  return el('div', { class: 'exposure' },
    el('h4', {}, `Exposure ${report.score.toFixed(3)} (${report.band})`),
    el('ul', {}, report.contributions.slice(0, 10).map((row) => el('li', {},
      `${row.case.name || row.case.id}: ${row.contribution.toFixed(3)} = strength ${row.strength.toFixed(3)}`,
      ` × decay ${row.decay_factor.toFixed(3)} × temporal ${row.temporal_factor.toFixed(2)}`,
      ` over ${row.hops} hops (${row.channel}; ${row.temporally_consistent ? 'time-consistent' : 'not time-consistent'})`,
      row.counted_in_score ? '' : ' · not counted'))));
}
