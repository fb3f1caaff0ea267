// PatrolSim classroom page. Plain DOM (createElement/textContent only, never innerHTML with data), no framework, no
// network beyond this server: the page works offline under the CSP "script-src 'self'; style-src 'self'".
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------------------------------------------------------
  // Small DOM helpers: every text goes through textContent.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    setAttrs(e, attrs);
    return e;
  }

  function setAttrs(e, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Numbers, as the CLI prints them: fixed decimals chosen from the size of the value.
  function decimals(v) {
    const a = Math.abs(v);
    if (a === 0) return 2;
    if (a >= 1000) return 0;
    if (a >= 100) return 1;
    if (a >= 1) return 2;
    return 3;
  }

  function fmt(v, d) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    const n = d === undefined ? decimals(v) : d;
    return Number(v).toLocaleString('en-GB', { minimumFractionDigits: n, maximumFractionDigits: n }).replace('-', '−');
  }

  function signed(v, d) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    const s = fmt(v, d);
    return v > 0 ? '+' + s : s;
  }

  function ciText(low, high, d, sign) {
    if (low === null || low === undefined || high === null || high === undefined) return '';
    const f = sign ? signed : fmt;
    return '[' + f(low, d) + ', ' + f(high, d) + ']';
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The server. Errors come back as JSON {error, details[]}; they are shown exactly as sent.
  class ApiError extends Error {
    constructor(status, message, details) {
      super(message);
      this.status = status;
      this.details = details || [];
    }
  }

  async function call(method, url, body, accept) {
    const init = { method, headers: { Accept: accept || 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      throw new ApiError(0, 'The PatrolSim server does not answer: is `patrolsim serve` still running?', []);
    }
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      let details = [];
      try {
        const j = await response.json();
        if (j && typeof j.error === 'string') message = j.error;
        if (j && Array.isArray(j.details)) details = j.details.map(String);
      } catch (e) {
        // not JSON: keep the status line
      }
      throw new ApiError(response.status, message, details);
    }
    return accept === 'image/svg+xml' ? response.blob() : response.json();
  }

  const api = {
    scenarios: () => call('GET', 'api/scenarios'),
    upload: (yaml, fileName) => call('POST', 'api/scenario', { yaml, fileName }),
    run: (req) => call('POST', 'api/run', req),
    compare: (req) => call('POST', 'api/compare', req),
    chart: (points) => call('POST', 'api/chart', { points }, 'image/svg+xml'),
    animate: (req) => call('POST', 'api/animate', req),
  };

  // ---------------------------------------------------------------------------------------------------------------
  // State.
  const state = {
    entries: [], // scenarios offered (ScenarioEntry of docs/web.md), plus yaml and fileName for an uploaded one
    entry: null, // the chosen one
    limits: {},
    runs: [], // {n, label, leversText, request, point}
    busy: false,
    chartUrl: null,
  };

  function setStatus(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.className = 'status' + (kind ? ' ' + kind : '');
  }

  function showErrors(err) {
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

  function setBusy(busy, text) {
    state.busy = busy;
    for (const id of ['run', 'compare', 'animate', 'scenario', 'upload', 'reset']) {
      const b = $(id);
      b.disabled = busy || (id === 'compare' && state.runs.length < 2);
    }
    $('run').setAttribute('aria-busy', String(busy));
    if (busy) setStatus(text, 'busy');
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Scenarios and levers.
  function entryRef(entry) {
    return entry.id ? { scenarioId: entry.id } : { yaml: entry.yaml, fileName: entry.fileName };
  }

  function fillScenarios(selectedIndex) {
    const sel = $('scenario');
    clear(sel);
    // Bundled scenarios by id (the browser test picks the classroom town so), uploaded ones by their place in the list.
    state.entries.forEach((e, i) => sel.append(el('option', { value: e.id || `upload-${i}` }, e.title || e.id)));
    sel.selectedIndex = selectedIndex;
    chooseScenario(selectedIndex);
  }

  function chooseScenario(index) {
    const entry = state.entries[index];
    state.entry = entry;
    $('scenario-description').textContent = entry.description || '';
    const days = $('days');
    days.min = String(Math.floor(entry.warmupDays || 0) + 1);
    if (entry.days) days.value = String(entry.days);
    buildLevers(entry.levers || []);
    resetAnimation();
  }

  const isChoice = (lever) => lever.kind === 'choice';

  function leverDisplay(lever, value) {
    if (isChoice(lever)) return String(value);
    if (lever.unit === 'share') return fmt(Number(value) * 100, 0) + '%'; // a share reads as a percentage in class
    const step = Number(lever.step) || 1;
    const d = lever.whole || step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
    const unit = lever.unit === '×' ? '×' : lever.unit ? ' ' + lever.unit : '';
    return fmt(Number(value), d) + unit;
  }

  function buildLevers(levers) {
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

  function leverValues() {
    const levers = {};
    for (const input of leverInputs()) {
      if (input.dataset.moved !== 'true') continue;
      levers[input.dataset.key] = input.tagName === 'SELECT' ? input.value : Number(input.value);
    }
    return levers;
  }

  function leversText(values) {
    const levers = (state.entry && state.entry.levers) || [];
    const moved = levers.filter((l) => Object.hasOwn(values, l.key));
    return moved.length ? moved.map((l) => `${l.label || l.key} ${leverDisplay(l, values[l.key])}`).join('; ') : 'as in the file';
  }

  function resetLevers() {
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

  function runRequest() {
    return {
      ...entryRef(state.entry), levers: leverValues(),
      replications: numberField('replications'), days: numberField('days'), seed: numberField('seed'),
    };
  }

  function applyLimits(limits) {
    const set = (id, value, max) => {
      const input = $(id);
      if (value !== undefined && value !== null) input.value = String(value);
      if (max !== undefined && max !== null) input.max = String(max);
    };
    set('replications', limits.defaultReplications, limits.maxReplications);
    set('days', undefined, limits.maxDays);
    set('seed', limits.defaultSeed, undefined);
  }

  async function uploadFile(file) {
    showErrors(null);
    const maxBytes = state.limits.maxUploadBytes;
    if (maxBytes && file.size > maxBytes) {
      showErrors(new ApiError(413, `${file.name}: ${file.size.toLocaleString('en-GB')} bytes; the limit is ${maxBytes.toLocaleString('en-GB')} bytes.`, []));
      return;
    }
    setBusy(true, `Checking ${file.name}…`);
    try {
      const yaml = await file.text();
      const entry = await api.upload(yaml, file.name);
      const uploaded = { ...entry, yaml, id: null, fileName: file.name, title: `${entry.title || file.name} (uploaded: ${file.name})` };
      state.entries.push(uploaded);
      setBusy(false);
      fillScenarios(state.entries.length - 1);
      setStatus(`${file.name} is valid: pick levers and run.`);
    } catch (err) {
      setBusy(false);
      showErrors(err);
      setStatus(`${file.name} was not accepted.`, 'error');
    } finally {
      $('upload').value = '';
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Runs, the metrics table and the trade-off chart.

  // The metrics a class reads first (as the README's compare table); the others fold into "Every metric".
  const MAIN = [
    'responseTime.mean', 'responseTime.p90', 'queueDelay.mean', 'withinTarget', 'soloMinutesPerDay.high',
    'soloMinutesPerDay.medium', 'soloMinutesPerDay.low', 'soloPatrolHoursPerDay', 'soloExposureIndex', 'backupDelay.mean',
    'utilization', 'proactiveShare', 'overtimeHoursPerDay',
  ];
  // A per-priority metric's key ends in @N (responseTime.mean@1).
  const PRIORITY_SUFFIX = /@(\d+)$/;
  const baseKey = (key) => key.replace(PRIORITY_SUFFIX, '');
  const isMain = (key) => MAIN.includes(baseKey(key));
  const byMain = (a, b) => MAIN.indexOf(baseKey(a.key)) - MAIN.indexOf(baseKey(b.key));

  /** A metric's row header: what it measures in words, with its key (as in the CLI, CSV and docs) beneath. */
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
    for (const r of result.overall || []) rows.set(r.key, { key: r.key, label: r.label, unit: r.unit, all: r, p1: null });
    for (const r of result.p1 || []) {
      const key = baseKey(r.key);
      if (rows.has(key)) rows.get(key).p1 = r;
      else rows.set(key, { key, label: r.label, unit: r.unit, all: null, p1: r });
    }
    return [...rows.values()];
  }

  function metricsTables(result) {
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
    main.append(head(), body(rows.filter((r) => isMain(r.key)).sort(byMain)));
    const rest = $('metrics-all');
    clear(rest);
    rest.append(head(), body(rows.filter((r) => !isMain(r.key))));
    $('metrics-block').hidden = false;
    const warn = $('warnings');
    const warnings = result.warnings || [];
    clear(warn);
    for (const w of warnings) warn.append(el('li', null, w));
    warn.hidden = warnings.length === 0;
  }

  function pointText(p) {
    return `P1 response ${fmt(p.response.mean, 2)} min ${ciText(p.response.low, p.response.high, 2)}, ` +
      `solo exposure ${fmt(p.exposure.mean, 0)} ${ciText(p.exposure.low, p.exposure.high, 0)} per 1,000 calls`;
  }

  function addHistory(run) {
    const li = el('li', { 'data-run': String(run.n) },
      el('span', { class: 'point' }, `${run.label}: ${pointText(run.point)}`),
      el('br'),
      el('span', { class: 'levers-text' }, `${run.scenarioTitle}; ${run.leversText}; ${run.request.replications} replications, seed ${run.request.seed}`));
    $('history').append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  async function refreshChart() {
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
      setStatus('The run failed: see the messages on the left.', 'error');
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
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
      setStatus('The comparison failed: see the messages on the left.', 'error');
    }
  }

  function compareTables(result) {
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
    const mainKeys = (r) => isMain(r.key) && (r.key === baseKey(r.key) || r.key.endsWith('@1'));
    main.append(head(), body(result.rows.filter(mainKeys).sort(byMain)));
    const rest = $('compare-all');
    clear(rest);
    rest.append(head(), body(result.rows.filter((r) => !mainKeys(r))));
    $('compare-note').textContent = `${result.variantLabel} minus ${result.baselineLabel}, ${result.replications} replications of ` +
      `${fmt(result.days, 0)} days each on the same calls (seed ${result.seed}). * when the 95% CI of the paired difference excludes 0; ` +
      'green when the change is better, red when worse.';
    $('compare-panel').hidden = false;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Animation: one simulated day replayed on the map. Each unit's trace becomes keyframes (time, place, state); its
  // position at time t is interpolated between the keyframe before t and the next one while en route or returning.
  const anim = {
    day: null, // {start, end, city, beats, units: Map id -> {id, name, frames[]}, calls: Map id -> {...}, queue: [[t, n]]}
    t: 0,
    playing: false,
    lastFrame: 0,
    markers: new Map(),
    callMarkers: new Map(),
    scale: 100,
    heightKm: 1,
  };

  function resetAnimation() {
    stop();
    anim.day = null;
    clear($('map'));
    $('map').append(svg('title', { id: 'map-title', text: 'City map: no day loaded' }));
    $('play').disabled = true;
    $('scrub').disabled = true;
    $('clock').textContent = '00:00';
    $('queue').textContent = '0';
    $('alone').textContent = '0';
  }

  // Where a unit event leaves the unit: the trace gives its place; it stays there (or, en route and returning, moves on
  // towards its next keyframe).
  const UNIT_MODE = {
    'on-scene': 'onscene', return: 'returning', idle: 'idle', 'back-on-patrol': 'idle', 'on-duty': 'idle', pulled: 'off',
  };

  function buildDay(data) {
    const units = new Map();
    for (const u of data.units || []) units.set(u.id, { ...u, officers: u.officers || 1, frames: [] });
    const calls = new Map();
    const unit = (id) => {
      if (!units.has(id)) units.set(id, { id, officers: 1, frames: [] });
      return units.get(id);
    };
    const last = (u) => u.frames[u.frames.length - 1];
    // A keyframe of unit e.unit; its crew size is the one of its latest on-duty or dispatch event (a unit number can be
    // crewed differently by a later shift).
    const keyframe = (e, mode, at) => {
      const u = unit(e.unit);
      if (e.officers && (e.kind === 'on-duty' || e.kind === 'dispatch')) u.officers = e.officers;
      const p = at || e;
      u.frames.push({ t: e.t, x: p.x, y: p.y, mode, call: e.call, officers: u.officers });
    };
    const events = [...(data.events || [])].sort((a, b) => a.t - b.t);
    for (const e of events) {
      switch (e.kind) {
        case 'arrive':
          calls.set(e.call, { id: e.call, priority: e.priority, risky: !!e.risky, x: e.x, y: e.y, t: e.t, dispatched: Infinity, cleared: Infinity });
          break;
        case 'no-unit':
          break;
        case 'dispatch': {
          const c = calls.get(e.call);
          if (c) c.dispatched = Math.min(c.dispatched, e.t);
          keyframe(e, 'enroute');
          break;
        }
        case 'off-duty':
        case 'crew-dissolved': {
          const f = last(unit(e.unit));
          if (f) keyframe(e, 'off', f);
          break;
        }
        case 'clear': {
          const c = calls.get(e.call);
          if (c) c.cleared = e.t;
          break;
        }
        default:
          if (Object.hasOwn(UNIT_MODE, e.kind)) keyframe(e, UNIT_MODE[e.kind]);
          break;
      }
    }
    const queue = (data.queue || []).map((q) => [q.t, q.length]);
    return { start: 0, end: data.minutes || 1440, units, calls, queue, city: data.city || {}, beats: data.beats || [] };
  }

  function drawCity(day) {
    const map = $('map');
    clear(map);
    const w = Number(day.city.widthKm) || 10;
    const h = Number(day.city.heightKm) || 10;
    const k = 100; // viewBox units per km
    // Sizes follow the city (a 6 km town and a 14 km city fill the same box): markers, text and margins scale with it.
    const r = (Math.max(w, h) * k) / 55;
    const pad = r * 1.5;
    anim.radius = r;
    map.setAttribute('viewBox', `${-pad} ${-pad} ${w * k + 2 * pad} ${h * k + 2 * pad}`);
    map.append(svg('title', { id: 'map-title', text: `City map, ${fmt(w, 1)} × ${fmt(h, 1)} km: units and calls of one simulated day` }));
    map.append(svg('rect', { class: 'border', x: 0, y: 0, width: w * k, height: h * k }));
    anim.scale = k;
    anim.heightKm = h;
    for (const b of day.beats) { // km from the south-west corner, y north: the SVG's y runs down
      const [x, y] = toSvg(b.x, b.y + b.height);
      map.append(svg('rect', { class: 'beat', x, y, width: b.width * k, height: b.height * k, 'data-beat': b.id }));
      map.append(svg('text', { class: 'beat-label', x: x + r * 0.4, y: y + r * 1.2, 'font-size': r, text: `Beat ${b.id}` }));
    }
    anim.callLayer = svg('g', { id: 'calls' });
    anim.unitLayer = svg('g', { id: 'units' });
    map.append(anim.callLayer, anim.unitLayer);
    anim.markers.clear();
    anim.callMarkers.clear();
    for (const u of day.units.values()) {
      const g = svg('g', { class: 'unit-marker', 'data-unit': u.id, visibility: 'hidden' });
      const circle = svg('circle', { class: 'unit idle', id: `unit-${u.id}`, 'data-unit': u.id, r, cx: 0, cy: 0 });
      circle.append(svg('title', { text: u.name || `Unit ${u.id}` }));
      const label = svg('text', { class: 'unit-label', x: 0, y: 0, 'font-size': r * 1.2 });
      g.append(circle, label);
      anim.unitLayer.append(g);
      anim.markers.set(u.id, { g, circle, label });
    }
  }

  const toSvg = (x, y) => [x * anim.scale, (anim.heightKm - y) * anim.scale];

  function unitAt(u, t) {
    const f = u.frames;
    if (!f.length || t < f[0].t) return null;
    let lo = 0;
    let hi = f.length - 1;
    while (lo < hi) { // last frame with f.t <= t
      const mid = (lo + hi + 1) >> 1;
      if (f[mid].t <= t) lo = mid; else hi = mid - 1;
    }
    const a = f[lo];
    if (a.mode === 'off') return null;
    const b = f[lo + 1];
    if ((a.mode === 'enroute' || a.mode === 'returning') && b && b.t > a.t) {
      const s = (t - a.t) / (b.t - a.t);
      return { x: a.x + (b.x - a.x) * s, y: a.y + (b.y - a.y) * s, mode: a.mode, call: a.call, officers: a.officers };
    }
    return a;
  }

  function render() {
    const day = anim.day;
    if (!day) return;
    const t = anim.t;
    const positions = [];
    const officersOnScene = new Map();
    for (const u of day.units.values()) {
      const p = unitAt(u, t);
      positions.push([u, p]);
      if (p && p.mode === 'onscene') officersOnScene.set(p.call, (officersOnScene.get(p.call) || 0) + p.officers);
    }
    let alone = 0;
    for (const [u, p] of positions) {
      const m = anim.markers.get(u.id);
      if (!p) {
        m.g.setAttribute('visibility', 'hidden');
        continue;
      }
      const [cx, cy] = toSvg(p.x, p.y);
      m.g.setAttribute('visibility', 'visible');
      m.circle.setAttribute('cx', cx.toFixed(1));
      m.circle.setAttribute('cy', cy.toFixed(1));
      m.label.setAttribute('x', cx.toFixed(1));
      m.label.setAttribute('y', cy.toFixed(1));
      m.label.textContent = p.officers >= 2 ? String(p.officers) : '';
      const c = p.call !== undefined ? day.calls.get(p.call) : undefined;
      const isAlone = p.mode === 'onscene' && c && c.risky && officersOnScene.get(p.call) === 1;
      if (isAlone) alone++;
      const cls = p.mode === 'enroute' ? 'enroute' : p.mode === 'onscene' ? 'onscene' : 'idle';
      m.circle.setAttribute('class', `unit ${cls}${isAlone ? ' alone' : ''}`);
      m.circle.dataset.state = isAlone ? 'alone' : p.mode;
    }
    // Calls on the map from arrival until cleared; waiting ones dashed.
    for (const c of day.calls.values()) {
      const visible = c.t <= t && t < c.cleared;
      let m = anim.callMarkers.get(c.id);
      if (!visible) {
        if (m) {
          m.remove();
          anim.callMarkers.delete(c.id);
        }
        continue;
      }
      if (!m) {
        const size = anim.radius * 3; // a unit on scene sits inside its call's square
        const [x, y] = toSvg(c.x, c.y);
        m = svg('rect', {
          class: `call p${Math.min(3, c.priority || 3)}`, 'data-call': c.id, 'data-priority': c.priority,
          x: (x - size / 2).toFixed(1), y: (y - size / 2).toFixed(1), width: size.toFixed(1), height: size.toFixed(1),
        });
        m.append(svg('title', { text: `Call ${c.id}, priority ${c.priority}${c.risky ? ', risky' : ''}` }));
        anim.callLayer.append(m);
        anim.callMarkers.set(c.id, m);
      }
      m.classList.toggle('waiting', t < c.dispatched);
    }
    $('queue').textContent = String(queueAt(day.queue, t));
    $('alone').textContent = String(alone);
    const minutes = Math.floor(t - day.start);
    const clock = `${String(Math.floor((minutes % 1440) / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    $('clock').textContent = clock;
    $('clock').dataset.minutes = String(minutes);
    $('scrub').value = String(minutes);
    $('scrub').setAttribute('aria-valuetext', clock);
  }

  function queueAt(queue, t) {
    let n = 0;
    for (const [qt, len] of queue) {
      if (qt > t) break;
      n = len;
    }
    return n;
  }

  function frame(now) {
    if (!anim.playing) return;
    const dt = Math.min(0.25, (now - anim.lastFrame) / 1000);
    anim.lastFrame = now;
    anim.t += dt * Number($('speed').value);
    if (anim.t >= anim.day.end) {
      anim.t = anim.day.end;
      render();
      stop();
      return;
    }
    render();
    anim.raf = requestAnimationFrame(frame);
  }

  function play() {
    if (!anim.day || anim.playing) return;
    if (anim.t >= anim.day.end) anim.t = anim.day.start;
    anim.playing = true;
    anim.lastFrame = performance.now();
    $('play').textContent = 'Pause';
    $('play').setAttribute('aria-pressed', 'true');
    anim.raf = requestAnimationFrame(frame);
  }

  function stop() {
    anim.playing = false;
    cancelAnimationFrame(anim.raf); // Pause then Play within one frame must not leave two loops running
    $('play').textContent = 'Play';
    $('play').setAttribute('aria-pressed', 'false');
  }

  async function loadDay() {
    if (state.busy || !state.entry) return;
    showErrors(null);
    const request = runRequest();
    setBusy(true, 'Simulating one day for the map…');
    try {
      const data = await api.animate({ ...request, replications: 1, days: 1 });
      resetAnimation();
      const day = buildDay(data);
      anim.day = day;
      anim.t = day.start;
      drawCity(day);
      const scrub = $('scrub');
      scrub.max = String(day.end - day.start);
      scrub.disabled = false;
      $('play').disabled = false;
      render();
      setBusy(false);
      setStatus(`One day loaded: ${day.units.size} units, ${day.calls.size} calls. Press Play.`);
    } catch (err) {
      setBusy(false);
      showErrors(err);
      setStatus('The day could not be simulated: see the messages on the left.', 'error');
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Wiring.
  async function start() {
    $('scenario').addEventListener('change', (e) => chooseScenario(e.target.selectedIndex));
    $('upload').addEventListener('change', (e) => {
      const f = e.target.files && e.target.files[0];
      if (f) uploadFile(f);
    });
    $('run').addEventListener('click', run);
    $('compare').addEventListener('click', compare);
    $('reset').addEventListener('click', resetLevers);
    $('animate').addEventListener('click', loadDay);
    $('play').addEventListener('click', () => (anim.playing ? stop() : play()));
    $('scrub').addEventListener('input', (e) => {
      if (!anim.day) return;
      anim.t = anim.day.start + Number(e.target.value);
      render();
    });
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

  document.addEventListener('DOMContentLoaded', start);
})();
