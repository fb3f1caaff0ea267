// The trade-off chart (drawn by the server, POST /api/chart), its x axis, and the list of runs under it.
import { $, el, clear } from './dom.js';
import { fmt, ciText } from './format.js';
import { ApiError, api } from './api.js';
import { state, setStatus, showErrors, setBusy } from './page.js';

// The x axes the server draws. Annual cost and expected injuries come from a scenario's costs: and safety: sections
// (docs/decisions.md); a run of a scenario without the section has no such figure, so the axis is offered only when
// every run on the chart has it (and, for cost, all in one currency): the page never invents one.
const AXES = [
  { x: 'soloExposureIndex', field: 'exposure', words: 'solo exposure', section: null, option: () => 'Solo exposure (per 1,000 calls)' },
  {
    x: 'annualCost', field: 'cost', words: 'annual cost', section: 'costs',
    option: (points) => `Annual cost (${points[0].costUnit})`,
    caption: (points) => `Each run adds a point: P1 mean response time (minutes) against what the patrol costs a year ` +
      `(${points[0].costUnit}: officers to employ, overtime and cars, at the scenario's costs: section's rates), with 95% intervals.`,
  },
  {
    x: 'expectedInjuries', field: 'injuries', words: 'expected injuries', section: 'safety',
    option: () => 'Expected injuries a year',
    caption: () => 'Each run adds a point: P1 mean response time (minutes) against the officers expected to be injured by ' +
      "assault in a year, at the scenario's safety: section's rates. Those rates are inputs, not findings: the 95% " +
      'intervals cover simulation noise only.',
  },
];
const EXPOSURE = AXES[0];
let exposureCaption = null; // index.html's caption, kept for the solo exposure axis

/** Whether every point has the axis's figure (costs in one unit). */
function fits(axis, points) {
  if (!points.every((p) => p[axis.field])) return false;
  return axis.field !== 'cost' || new Set(points.map((p) => p.costUnit)).size === 1;
}

/** Why the chosen axis cannot be drawn for these points (a run without the figure, or costs in several units). */
function whyNot(axis, runs) {
  const without = runs.find((r) => !r.point[axis.field]);
  return without
    ? `${without.label} has no ${axis.words} (its scenario has no ${axis.section}: section)`
    : `the runs' costs are in different units`;
}

/** Offers the axes every point has (the choice is hidden when solo exposure is the only one). */
function offerAxes(axes, points) {
  const select = $('chart-x');
  clear(select);
  for (const a of axes) select.append(el('option', { value: a.x }, a.option(points)));
  select.value = state.chartX;
  $('chart-axis').hidden = axes.length < 2;
}

/** A run's point in words: response and exposure, and annual cost and expected injuries when its scenario gives them. */
export function pointText(p) {
  let text = `P1 response ${fmt(p.response.mean, 2)} min ${ciText(p.response.low, p.response.high, 2)}, ` +
    `solo exposure ${fmt(p.exposure.mean, 0)} ${ciText(p.exposure.low, p.exposure.high, 0)} per 1,000 calls`;
  if (p.cost) text += `, annual cost ${fmt(p.cost.mean, 0)} ${ciText(p.cost.low, p.cost.high, 0)} ${p.costUnit}`;
  if (p.injuries) text += `, expected injuries ${fmt(p.injuries.mean, 2)} ${ciText(p.injuries.low, p.injuries.high, 2)} a year`;
  return text;
}

/** Adds a run to the list under the chart. */
export function addHistory(run) {
  const li = el('li', { 'data-run': String(run.n) },
    el('span', { class: 'point' }, `${run.label}: ${pointText(run.point)}`),
    el('br'),
    el('span', { class: 'levers-text' }, `${run.scenarioTitle}; ${run.leversText}; ${run.request.replications} replications, seed ${run.request.seed}`));
  const list = $('history');
  list.append(li);
  list.scrollTop = list.scrollHeight; // the newest run in sight in the list's own box, the page left where it is
}

/**
 * Asks the server for the chart of the runs so far against the chosen x axis (x: one of AXES, else the one chosen before)
 * and shows it once loaded; returns the axis drawn. An axis some run lacks falls back to solo exposure, and the caption
 * says which run lacks it.
 */
export async function refreshChart(x) {
  const img = $('chart');
  // The server draws at most limits.maxChartPoints points: a long lesson keeps its latest runs on the chart.
  const max = state.limits.maxChartPoints || Infinity;
  const runs = state.runs.slice(-max);
  const points = runs.map((r) => ({ ...r.point, label: r.label }));
  const axes = AXES.filter((a) => fits(a, points));
  const wanted = AXES.find((a) => a.x === (x || state.chartX)) || EXPOSURE;
  const axis = axes.includes(wanted) ? wanted : EXPOSURE;
  const blob = await api.chart(points, axis.x);
  const url = URL.createObjectURL(blob);
  await new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = () => reject(new ApiError(0, 'The chart could not be shown.', []));
    img.src = url;
  });
  state.chartX = axis.x;
  offerAxes(axes, points);
  img.hidden = false;
  $('chart-empty').hidden = true;
  if (state.chartUrl) URL.revokeObjectURL(state.chartUrl);
  state.chartUrl = url;
  img.dataset.points = String(points.length);
  img.dataset.x = axis.x;
  img.alt = `Response against ${axis.words}, ${points.length} run${points.length === 1 ? '' : 's'}: ` +
    runs.map((r) => `${r.label}, ${pointText(r.point)}`).join('; ');
  const caption = $('chart-caption');
  if (exposureCaption === null) exposureCaption = caption.textContent;
  const fellBack = axis === wanted ? '' : `${whyNot(wanted, runs)}, so the chart is back to solo exposure. `;
  caption.textContent = fellBack + (axis.caption ? axis.caption(points) : exposureCaption);
  return axis;
}

// The chart's x axis, chosen (offered by offerAxes when every run has the figure): the same runs drawn again, nothing simulated.
async function chooseAxis(x) {
  if (state.busy) return;
  showErrors(null);
  setBusy(true, 'Drawing the chart…');
  try {
    const axis = await refreshChart(x);
    setBusy(false);
    setStatus(`The chart shows P1 response against ${axis.words}.`);
  } catch (err) {
    setBusy(false);
    showErrors(err);
    setStatus('The chart could not be drawn: see the messages under the scenario.', 'error');
  }
}

/** Redraws the chart when its x axis is chosen. */
export function wireChartAxis() {
  $('chart-x').addEventListener('change', (e) => chooseAxis(e.target.value));
}
