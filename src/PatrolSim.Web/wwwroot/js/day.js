// One simulated day as the map replays it (POST /api/animate): each unit's trace becomes keyframes (time, place,
// state); its position at time t is interpolated between the keyframe before t and the next one while en route or
// returning. Who is alone at a risky call and how many calls wait are the model's (its alone-start/alone-end events and
// the dispatcher's queue), never worked out here. No DOM here.

// Where a unit event leaves the unit: the trace gives its place; it stays there (or, en route and returning, moves on
// towards its next keyframe).
const UNIT_MODE = {
  'on-scene': 'onscene', return: 'returning', idle: 'idle', 'back-on-patrol': 'idle', 'on-duty': 'idle', pulled: 'off',
};

/**
 * The day of an AnimateResponse: {start, end, city, beats, units: Map id -> {id, name, frames[]}, calls: Map id -> {...,
 * alone: [[from, to], ...]}, queue: [[t, waiting], ...]}.
 */
export function buildDay(data) {
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
        calls.set(e.call, { id: e.call, priority: e.priority, risky: !!e.risky, x: e.x, y: e.y, t: e.t, dispatched: Infinity, cleared: Infinity, alone: [] });
        break;
      case 'alone-start': { // the model starts counting minutes alone at this call; until alone-end (or the day's end)
        const c = calls.get(e.call);
        if (c) c.alone.push([e.t, Infinity]);
        break;
      }
      case 'alone-end': {
        const c = calls.get(e.call);
        const open = c && c.alone[c.alone.length - 1];
        if (open && open[1] === Infinity) open[1] = e.t;
        break;
      }
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

/** Where unit u is at time t (null before its first keyframe and while off duty). */
export function unitAt(u, t) {
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

/** Whether the model counts call c as having an officer alone on scene at time t. */
export function aloneAt(c, t) {
  return c.alone.some(([from, to]) => from <= t && t < to);
}

/** The value of a step series [[t, value], ...] (in time order) at time t; 0 before its first point. */
export function queueAt(queue, t) {
  let n = 0;
  for (const [qt, len] of queue) {
    if (qt > t) break;
    n = len;
  }
  return n;
}
