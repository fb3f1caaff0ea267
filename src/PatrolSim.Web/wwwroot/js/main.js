// PatrolSim classroom page (docs/web.md, "The page"): plain DOM in ES modules, no framework, no network beyond this
// server, so the page works offline under the CSP "script-src 'self'; style-src 'self'". This module wires the
// controls: the scenario and its upload, Run, Compare with previous, the chart's axis (chart.js) and Load the day.
import { $, el, clear } from './dom.js';
import { fmt } from './format.js';
import { ApiError, api } from './api.js';
import { state, setStatus, showErrors, setBusy, updateButtons } from './page.js';
import { buildLevers, leversText, resetLevers, runRequest, applyLimits } from './levers.js';
import { metricsTables, compareTables } from './tables.js';
import { addHistory, refreshChart, wireChartAxis } from './chart.js';
import { resetAnimation, showDay, wireMap } from './map.js';

// The scenario Run runs is the one the select shows: index -1 (nothing shown, after a rejected upload) is none.
function chooseScenario(index) {
  const entry = index >= 0 ? state.entries[index] : null;
  state.entry = entry;
  $('scenario').selectedIndex = index;
  $('scenario-description').textContent = entry ? entry.description || '' : '';
  if (entry) {
    const days = $('days');
    days.min = String(Math.floor(entry.warmupDays || 0) + 1);
    if (entry.days) days.value = String(entry.days);
  }
  buildLevers(entry ? entry.levers || [] : []);
  resetAnimation();
  updateButtons();
}

function fillScenarios(selectedIndex) {
  const sel = $('scenario');
  clear(sel);
  // Bundled scenarios by id (the browser test picks the classroom town so), uploaded ones by their place in the list.
  state.entries.forEach((e, i) => sel.append(el('option', { value: e.id || `upload-${i}` }, e.title || e.id)));
  chooseScenario(selectedIndex);
}

async function uploadFile(file) {
  showErrors(null);
  setBusy(true, `Checking ${file.name}…`);
  try {
    const maxBytes = state.limits.maxUploadBytes;
    if (maxBytes && file.size > maxBytes) {
      throw new ApiError(413, `${file.name}: ${file.size.toLocaleString('en-GB')} bytes; the limit is ${maxBytes.toLocaleString('en-GB')} bytes.`, []);
    }
    const yaml = await file.text();
    const entry = await api.upload(yaml, file.name);
    const uploaded = { ...entry, yaml, id: null, fileName: file.name, title: `${entry.title || file.name} (uploaded: ${file.name})` };
    state.entries.push(uploaded);
    setBusy(false);
    fillScenarios(state.entries.length - 1);
    setStatus(`${file.name} is valid: pick levers and run.`);
  } catch (err) {
    // The file picker now shows no file, so the select shows none either: Run refuses until a scenario is picked or a
    // valid file uploaded, rather than running the scenario chosen before the upload.
    setBusy(false);
    chooseScenario(-1);
    showErrors(err);
    setStatus(`${file.name} was not accepted: fix it and upload it again, or pick a scenario from the list.`, 'error');
  } finally {
    $('upload').value = '';
  }
}

async function run() {
  if (state.busy || !state.entry) return;
  showErrors(null);
  performance.clearMarks('run-start');
  performance.mark('run-start');
  const n = state.runs.length + 1;
  const request = { ...runRequest(), label: `Run ${n}` };
  setBusy(true, `Running ${request.replications} replications of ${request.days} days…`);
  try {
    const result = await api.run(request);
    const runInfo = {
      n, label: result.label, request: { ...request, replications: result.replications, days: result.days, seed: result.seed },
      point: result.point, scenarioTitle: result.title, leversText: leversText(request.levers), elapsedMs: result.elapsedMs,
    };
    state.runs.push(runInfo);
    metricsTables(result);
    addHistory(runInfo);
    await refreshChart();
    const m = performance.measure('run-to-chart', 'run-start');
    $('chart').dataset.lastRunMs = String(Math.round(m.duration));
    setBusy(false);
    setStatus(`${runInfo.label} done: simulated in ${fmt(result.elapsedMs, 0)} ms, chart after ${fmt(m.duration, 0)} ms.`);
  } catch (err) {
    setBusy(false);
    showErrors(err);
    setStatus('The run failed: see the messages under the scenario.', 'error');
  }
}

// Compare with previous: paired differences on the same calls (common random numbers), as `patrolsim compare`.
async function compare() {
  if (state.busy || state.runs.length < 2) return;
  const base = state.runs[state.runs.length - 2];
  const variant = state.runs[state.runs.length - 1];
  showErrors(null);
  setBusy(true, `Comparing ${variant.label} with ${base.label} on the same calls…`);
  try {
    const v = variant.request;
    const result = await api.compare({ baseline: base.request, variant: v, replications: v.replications, days: v.days, seed: v.seed });
    compareTables(result);
    setBusy(false);
    setStatus(`${result.variantLabel} compared with ${result.baselineLabel} in ${fmt(result.elapsedMs, 0)} ms.`);
  } catch (err) {
    setBusy(false);
    showErrors(err);
    setStatus('The comparison failed: see the messages under the scenario.', 'error');
  }
}

async function loadDay() {
  if (state.busy || !state.entry) return;
  showErrors(null);
  const request = runRequest();
  setBusy(true, 'Simulating one day for the map…');
  try {
    const day = showDay(await api.animate({ ...request, replications: 1, days: 1 }));
    setBusy(false);
    setStatus(`One day loaded: ${day.units.size} units, ${day.calls.size} calls. Press Play.`);
  } catch (err) {
    setBusy(false);
    showErrors(err);
    setStatus('The day could not be simulated: see the messages under the scenario.', 'error');
  }
}

// The levers' column (and the chart beside it) fit in the window below the scenario bar (app.css): their top moves when
// the header's or the bar's height does (a longer status or description, the error list) or the window's width.
function fitLevers() {
  const top = $('setup').getBoundingClientRect().top + window.scrollY;
  document.documentElement.style.setProperty('--setup-top', `${Math.round(top)}px`);
}

async function start() {
  const resized = new ResizeObserver(fitLevers);
  resized.observe(document.querySelector('header.top'));
  resized.observe($('scenario-bar'));
  window.addEventListener('resize', fitLevers);
  $('scenario').addEventListener('change', (e) => chooseScenario(e.target.selectedIndex));
  $('upload').addEventListener('change', (e) => {
    const f = e.target.files && e.target.files[0];
    if (f) uploadFile(f);
  });
  $('run').addEventListener('click', run);
  $('compare').addEventListener('click', compare);
  $('reset').addEventListener('click', resetLevers);
  $('animate').addEventListener('click', loadDay);
  wireChartAxis();
  wireMap();
  setBusy(true, 'Loading the scenarios…');
  try {
    const data = await api.scenarios();
    state.entries = data.scenarios || [];
    state.limits = data.limits || {};
    applyLimits(state.limits);
    setBusy(false);
    if (!state.entries.length) throw new ApiError(0, 'The server offers no scenarios.', []);
    fillScenarios(Math.max(0, state.entries.findIndex((e) => e.id === data.defaultId)));
    setStatus('Pick a scenario, set the levers and press Run.');
  } catch (err) {
    setBusy(false);
    showErrors(err);
    setStatus('The page could not load the scenarios.', 'error');
  }
}

// A module runs once the document is parsed (modules are deferred), so the elements are there.
start();
