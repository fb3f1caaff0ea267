// The city map: the day's units and calls drawn in SVG at the animation's time, Play/Pause and the time slider.
import { $, svg, clear } from './dom.js';
import { fmt } from './format.js';
import { buildDay, unitAt, queueAt, aloneAt } from './day.js';

const anim = {
  day: null, // buildDay's result
  t: 0,
  playing: false,
  lastFrame: 0,
  markers: new Map(),
  callMarkers: new Map(),
  scale: 100,
  heightKm: 1,
};

const toSvg = (x, y) => [x * anim.scale, (anim.heightKm - y) * anim.scale];

/** Forgets the day: an empty map, Play and the slider disabled. */
export function resetAnimation() {
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
  for (const b of day.beats) { // km from the south-west corner, y north: the SVG's y runs down; holes by even-odd fill
    const d = b.polygons.flat().map((ring) => 'M' + ring.map(([x, y]) => toSvg(x, y).join(' ')).join('L') + 'Z').join('');
    map.append(svg('path', { class: 'beat', d, 'fill-rule': 'evenodd', 'data-beat': b.id }));
    const [lx, ly] = toSvg(b.label[0], b.label[1]);
    map.append(svg('text', { class: 'beat-label', x: lx, y: ly, 'text-anchor': 'middle', 'font-size': r, text: `Beat ${b.id}` }));
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

function render() {
  const day = anim.day;
  if (!day) return;
  const t = anim.t;
  // The readout counts the calls the model has an officer alone at; the unit on scene there is drawn red.
  let alone = 0;
  for (const c of day.calls.values()) if (aloneAt(c, t)) alone++;
  for (const u of day.units.values()) {
    const p = unitAt(u, t);
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
    const c = p.mode === 'onscene' && p.call !== undefined ? day.calls.get(p.call) : undefined;
    const isAlone = !!c && aloneAt(c, t);
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
  const minutes = Math.max(0, Math.floor(t - day.start));
  const clock = `${String(Math.floor((minutes % 1440) / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  $('clock').textContent = clock;
  $('clock').dataset.minutes = String(minutes);
  $('scrub').value = String(minutes);
  $('scrub').setAttribute('aria-valuetext', clock);
}

function frame(now) {
  if (!anim.playing) return;
  // A frame's time stamp is when the frame began, which can be before the moment Play was pressed: never step back.
  const dt = Math.max(0, Math.min(0.25, (now - anim.lastFrame) / 1000));
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

/** Shows the day of an AnimateResponse at its start, ready to play; returns buildDay's result. */
export function showDay(data) {
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
  return day;
}

/** Wires Play/Pause and the time slider. */
export function wireMap() {
  $('play').addEventListener('click', () => (anim.playing ? stop() : play()));
  $('scrub').addEventListener('input', (e) => {
    if (!anim.day) return;
    anim.t = anim.day.start + Number(e.target.value);
    render();
  });
}
