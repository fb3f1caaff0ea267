// The trade-off chart (drawn by the server, POST /api/chart) and the list of runs under it.
import { $, el } from './dom.js';
import { fmt, ciText } from './format.js';
import { ApiError, api } from './api.js';
import { state } from './page.js';

/** A run's point in words. */
export function pointText(p) {
  return `P1 response ${fmt(p.response.mean, 2)} min ${ciText(p.response.low, p.response.high, 2)}, ` +
    `solo exposure ${fmt(p.exposure.mean, 0)} ${ciText(p.exposure.low, p.exposure.high, 0)} per 1,000 calls`;
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

/** Asks the server for the chart of the runs so far and shows it once loaded. */
export async function refreshChart() {
  const img = $('chart');
  // The server draws at most limits.maxChartPoints points: a long lesson keeps its latest runs on the chart.
  const max = state.limits.maxChartPoints || Infinity;
  const points = state.runs.slice(-max).map((r) => ({ ...r.point, label: r.label }));
  const blob = await api.chart(points);
  const url = URL.createObjectURL(blob);
  await new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = () => reject(new ApiError(0, 'The chart could not be shown.', []));
    img.src = url;
  });
  img.hidden = false;
  $('chart-empty').hidden = true;
  if (state.chartUrl) URL.revokeObjectURL(state.chartUrl);
  state.chartUrl = url;
  img.dataset.points = String(points.length);
  img.alt = `Response against solo exposure, ${points.length} run${points.length === 1 ? '' : 's'}: ` +
    state.runs.slice(-max).map((r) => `${r.label}, ${pointText(r.point)}`).join('; ');
}
