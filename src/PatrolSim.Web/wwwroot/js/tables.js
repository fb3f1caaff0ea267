// The metrics of a run and of a comparison as tables: the metrics a class reads first, the rest folded under
// "Every metric". Each row names the metric in words, with its key (as in the CLI, CSV and docs) beneath.
import { $, el, clear } from './dom.js';
import { decimals, fmt, signed, ciText } from './format.js';

// A per-priority metric's key ends in @N (responseTime.mean@1).
const PRIORITY_SUFFIX = /@(\d+)$/;
const baseKey = (key) => key.replace(PRIORITY_SUFFIX, '');
// The metrics a class reads first come with their rank from the server (the CLI's key metrics, one table); the others
// fold into "Every metric".
const isMain = (r) => r.rank !== null && r.rank !== undefined;
const byMain = (a, b) => a.rank - b.rank;

/** A metric's row header: what it measures in words, with its key beneath. */
function metricName(r) {
  const at = PRIORITY_SUFFIX.exec(r.key);
  const words = (r.label || r.key) + (at ? ` (priority ${at[1]})` : '');
  return el('th', { scope: 'row' }, el('span', { class: 'metric-label' }, words), el('code', { class: 'metric-key' }, r.key));
}

function intervalCells(v, col) {
  if (!v || v.mean === null || v.mean === undefined) return [el('td', { class: 'mean', 'data-col': col }, '–'), el('td', { class: 'ci' }, '')];
  const d = decimals(Math.max(Math.abs(v.mean), Math.abs(v.high ?? v.mean)));
  return [el('td', { class: 'mean', 'data-col': col, 'data-value': v.mean }, fmt(v.mean, d)), el('td', { class: 'ci' }, ciText(v.low, v.high, d))];
}

/** Rows of a run: one per metric, with its all-calls and its priority-1 interval side by side. */
function runRows(result) {
  const rows = new Map();
  for (const r of result.overall || []) rows.set(r.key, { key: r.key, label: r.label, unit: r.unit, rank: r.rank, all: r, p1: null });
  for (const r of result.p1 || []) {
    const key = baseKey(r.key);
    if (rows.has(key)) rows.get(key).p1 = r;
    else rows.set(key, { key, label: r.label, unit: r.unit, rank: r.rank, all: null, p1: r });
  }
  return [...rows.values()];
}

/** Fills the last run's tables and warnings from a RunResponse. */
export function metricsTables(result) {
  const rows = runRows(result);
  const head = () => el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Metric'), el('th', { scope: 'col' }, 'Unit'),
    el('th', { scope: 'col' }, 'All calls'), el('th', { scope: 'col' }, '95% CI'), el('th', { scope: 'col' }, 'Priority 1'),
    el('th', { scope: 'col' }, '95% CI')));
  const body = (list) => {
    const tbody = el('tbody');
    for (const r of list) {
      tbody.append(el('tr', { 'data-key': r.key },
        metricName(r), el('td', { class: 'unit' }, r.unit || ''),
        ...intervalCells(r.all, 'all'), ...intervalCells(r.p1, 'p1')));
    }
    return tbody;
  };
  const main = $('metrics');
  clear(main);
  main.append(head(), body(rows.filter(isMain).sort(byMain)));
  const rest = $('metrics-all');
  clear(rest);
  rest.append(head(), body(rows.filter((r) => !isMain(r))));
  $('metrics-block').hidden = false;
  const warn = $('warnings');
  const warnings = result.warnings || [];
  clear(warn);
  for (const w of warnings) warn.append(el('li', null, w));
  warn.hidden = warnings.length === 0;
}

/** Fills the comparison's tables from a CompareResponse: paired differences, * when significant, green better, red worse. */
export function compareTables(result) {
  const head = () => el('thead', null, el('tr', null,
    el('th', { scope: 'col' }, 'Metric'), el('th', { scope: 'col' }, 'Unit'),
    el('th', { scope: 'col' }, result.baselineLabel), el('th', { scope: 'col' }, result.variantLabel),
    el('th', { scope: 'col' }, 'Δ paired'), el('th', { scope: 'col' }, '95% CI')));
  const body = (list) => {
    const tbody = el('tbody');
    for (const r of list) {
      const d = decimals(Math.max(Math.abs(r.baseline.mean ?? 0), Math.abs(r.variant.mean ?? 0)));
      const diff = r.difference;
      const verdict = !r.significant || r.better === 'neutral' ? null
        : (diff.mean < 0) === (r.better === 'lower') ? 'better' : 'worse';
      tbody.append(el('tr', { 'data-key': r.key },
        metricName(r), el('td', { class: 'unit' }, r.unit || ''),
        el('td', null, fmt(r.baseline.mean, d)), el('td', null, fmt(r.variant.mean, d)),
        el('td', { class: 'diff' + (r.significant ? ' sig' : '') + (verdict ? ' ' + verdict : ''), 'data-value': diff.mean, 'data-significant': String(r.significant) },
          signed(diff.mean, d) + (r.significant ? ' *' : '')),
        el('td', { class: 'ci' }, ciText(diff.low, diff.high, d, true))));
    }
    return tbody;
  };
  const main = $('compare-table');
  clear(main);
  const mainKeys = (r) => isMain(r) && (r.key === baseKey(r.key) || r.key.endsWith('@1'));
  main.append(head(), body(result.rows.filter(mainKeys).sort(byMain)));
  const rest = $('compare-all');
  clear(rest);
  rest.append(head(), body(result.rows.filter((r) => !mainKeys(r))));
  $('compare-note').textContent = `${result.variantLabel} minus ${result.baselineLabel}, ${result.replications} replications of ` +
    `${fmt(result.days, 0)} days each on the same calls (seed ${result.seed}). * when the paired difference stays significant after Holm's correction for comparing every metric at once; ` +
    'green when the change is better, red when worse.';
  $('compare-panel').hidden = false;
}
