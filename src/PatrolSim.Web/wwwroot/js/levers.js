// The levers of the chosen scenario (GET /api/scenarios lists them): sliders and selects built from their ranges, and
// the run request made of the levers a user moved and the run settings.
import { $, el } from './dom.js';
import { fmt } from './format.js';
import { state } from './page.js';

const isChoice = (lever) => lever.kind === 'choice';

/** How a scenario is named in a request: by id, or an uploaded one by its text. */
export function entryRef(entry) {
  return entry.id ? { scenarioId: entry.id } : { yaml: entry.yaml, fileName: entry.fileName };
}

/** A lever's value as the page shows it: a share as a percentage, a number with its step's decimals and its unit. */
export function leverDisplay(lever, value) {
  if (isChoice(lever)) return String(value);
  if (lever.unit === 'share') return fmt(Number(value) * 100, 0) + '%'; // a share reads as a percentage in class
  const step = Number(lever.step) || 1;
  const d = lever.whole || step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  const unit = lever.unit === '×' ? '×' : lever.unit ? ' ' + lever.unit : '';
  return fmt(Number(value), d) + unit;
}

/** Replaces the levers' controls with those of levers. */
export function buildLevers(levers) {
  const box = $('levers');
  for (const child of [...box.children]) if (child.tagName !== 'LEGEND') child.remove();
  levers.forEach((lever, i) => {
    const id = 'lever-' + i;
    const wrap = el('div', { class: 'lever', 'data-key': lever.key });
    const head = el('div', { class: 'lever-head' }, el('label', { for: id, class: 'lever-name' }, lever.label || lever.key));
    let input;
    if (isChoice(lever)) {
      input = el('select', { id, name: lever.key, 'data-key': lever.key });
      for (const o of lever.options || []) input.append(el('option', { value: o }, o));
      input.value = String(lever.value);
    } else {
      input = el('input', {
        id, name: lever.key, type: 'range', 'data-key': lever.key,
        min: lever.min, max: lever.max, step: lever.whole ? 1 : lever.step || 'any', value: lever.value,
      });
      const out = el('output', { class: 'lever-value', for: id, id: id + '-value' }, leverDisplay(lever, lever.value));
      head.append(out);
      input.addEventListener('input', () => {
        out.textContent = leverDisplay(lever, input.value);
        input.setAttribute('aria-valuetext', out.textContent);
      });
      input.setAttribute('aria-valuetext', out.textContent);
    }
    input.dataset.default = String(lever.value);
    // Only the levers a user moved are sent: the run's overrides then say what changed.
    input.addEventListener('change', () => { input.dataset.moved = 'true'; });
    input.addEventListener('input', () => { input.dataset.moved = 'true'; });
    wrap.append(head, input);
    if (lever.help) {
      const help = el('p', { class: 'lever-help', id: id + '-help' }, lever.help);
      input.setAttribute('aria-describedby', id + '-help');
      wrap.append(help);
    }
    box.append(wrap);
  });
}

function leverInputs() {
  return [...$('levers').querySelectorAll('[data-key]')].filter((e) => e.tagName === 'INPUT' || e.tagName === 'SELECT');
}

/** The levers moved, key → value. */
export function leverValues() {
  const levers = {};
  for (const input of leverInputs()) {
    if (input.dataset.moved !== 'true') continue;
    levers[input.dataset.key] = input.tagName === 'SELECT' ? input.value : Number(input.value);
  }
  return levers;
}

/** The levers moved, in words ("as in the file" when none). */
export function leversText(values) {
  const levers = (state.entry && state.entry.levers) || [];
  const moved = levers.filter((l) => Object.hasOwn(values, l.key));
  return moved.length ? moved.map((l) => `${l.label || l.key} ${leverDisplay(l, values[l.key])}`).join('; ') : 'as in the file';
}

/** Puts every lever back to the file's value. */
export function resetLevers() {
  for (const input of leverInputs()) {
    input.value = input.dataset.default;
    input.dispatchEvent(new Event('input'));
    delete input.dataset.moved;
  }
}

function numberField(id) {
  const v = Number($(id).value);
  return Number.isFinite(v) ? v : undefined;
}

/** The run request of the chosen scenario, the levers moved and the run settings. */
export function runRequest() {
  return {
    ...entryRef(state.entry), levers: leverValues(),
    replications: numberField('replications'), days: numberField('days'), seed: numberField('seed'),
  };
}

/** The run settings' defaults and maxima from the server's limits. */
export function applyLimits(limits) {
  const set = (id, value, max) => {
    const input = $(id);
    if (value !== undefined && value !== null) input.value = String(value);
    if (max !== undefined && max !== null) input.max = String(max);
  };
  set('replications', limits.defaultReplications, limits.maxReplications);
  set('days', undefined, limits.maxDays);
  set('seed', limits.defaultSeed, undefined);
}
