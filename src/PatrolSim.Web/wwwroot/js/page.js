// What the whole page shares: its state, the status line, the error list and the busy state of the buttons.
import { $, el, clear } from './dom.js';

export const state = {
  entries: [], // scenarios offered (ScenarioEntry of docs/web.md), plus yaml and fileName for an uploaded one
  entry: null, // the chosen one
  limits: {},
  runs: [], // {n, label, leversText, request, point, scenarioTitle, elapsedMs}
  busy: false,
  chartUrl: null,
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
  // The server's text as sent: its message, then each detail (a scenario's problems as the CLI prints them) that the
  // message does not already quote (it names the first problem).
  list.append(el('li', { class: 'error-title' }, err.message));
  for (const d of err.details || []) if (!err.message.includes(d)) list.append(el('li', null, d));
  list.hidden = false;
}

/** Disables the buttons while the server works (Compare also until there are two runs). */
export function setBusy(busy, text) {
  state.busy = busy;
  for (const id of ['run', 'compare', 'animate', 'scenario', 'upload', 'reset']) {
    const b = $(id);
    b.disabled = busy || (id === 'compare' && state.runs.length < 2);
  }
  $('run').setAttribute('aria-busy', String(busy));
  if (busy) setStatus(text, 'busy');
}
