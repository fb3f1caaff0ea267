// What the whole page shares: its state, the status line, the error list and the busy state of the buttons.
import { $, el, clear } from './dom.js';

export const state = {
  entries: [], // scenarios offered (ScenarioEntry of docs/web.md), plus yaml and fileName for an uploaded one
  entry: null, // the chosen one
  limits: {},
  runs: [], // {n, label, leversText, request, point, scenarioTitle, elapsedMs}
  busy: false,
  chartUrl: null,
  chartX: 'soloExposureIndex', // the chart's x axis (chart.js): solo exposure, or annual cost or expected injuries when every run has them
};

/** The status line at the top; kind 'busy' or 'error' styles it. */
export function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = 'status' + (kind ? ' ' + kind : '');
}

/** Lists an ApiError's message and details (null hides the list). */
export function showErrors(err) {
  const list = $('errors');
  clear(list);
  if (!err) {
    list.hidden = true;
    return;
  }
  // The server's text as sent: a message that ends with the first detail (the server names the first problem, so that a
  // client reading only the message learns it) is the summary followed by that problem; the summary heads the list and
  // each detail (a scenario's problems, as the CLI prints them) is an item of its own.
  const details = err.details || [];
  let title = err.message;
  if (details.length && title.endsWith(details[0])) title = title.slice(0, -details[0].length).trim();
  if (title) list.append(el('li', { class: 'error-title' }, title));
  for (const d of details) list.append(el('li', null, d));
  list.hidden = false;
  list.scrollIntoView({ block: 'nearest' });
}

/** Enables the buttons that can act now: none while the server works; Run, Load the day and Reset need a scenario; Compare two runs. */
export function updateButtons() {
  const needs = { run: !!state.entry, animate: !!state.entry, reset: !!state.entry, compare: state.runs.length >= 2 };
  for (const id of ['run', 'compare', 'animate', 'scenario', 'upload', 'reset', 'chart-x']) {
    $(id).disabled = state.busy || needs[id] === false;
  }
  $('run').setAttribute('aria-busy', String(state.busy));
}

/** Marks the page busy (the status says with what) or done. */
export function setBusy(busy, text) {
  state.busy = busy;
  updateButtons();
  if (busy) setStatus(text, 'busy');
}
