// Numbers as the CLI prints them: fixed decimals chosen from the size of the value, a real minus sign, '–' for none.

/** Decimals for a value of this size. */
export function decimals(v) {
  const a = Math.abs(v);
  if (a === 0) return 2;
  if (a >= 1000) return 0;
  if (a >= 100) return 1;
  if (a >= 1) return 2;
  return 3;
}

/** v with d decimals (default: from its size), '–' when absent. */
export function fmt(v, d) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const n = d === undefined ? decimals(v) : d;
  return Number(v).toLocaleString('en-GB', { minimumFractionDigits: n, maximumFractionDigits: n }).replace('-', '−');
}

/** As fmt, with '+' before a positive value (a difference). */
export function signed(v, d) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const s = fmt(v, d);
  return v > 0 ? '+' + s : s;
}

/** A 95% interval as "[low, high]", or '' when it has no bounds (one replication). */
export function ciText(low, high, d, sign) {
  if (low === null || low === undefined || high === null || high === undefined) return '';
  const f = sign ? signed : fmt;
  return '[' + f(low, d) + ', ' + f(high, d) + ']';
}
