// The capacity history chart (uPlot, served locally): range buttons switch the fetch, colours come
// from the stylesheet's variables so dark mode applies, and an empty history says so in words.
(() => {
  const box = document.querySelector('[data-capacity-chart]');
  if (!box || typeof uPlot === 'undefined') return;
  const status = box.querySelector('[data-chart-status]');
  const buttons = [...document.querySelectorAll('[data-range]')];
  let chart = null;
  let data = null;

  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  // Binary units, as on the rest of the page (src/web/presenters/format.ts).
  const bytes = (n) => {
    if (n === null || n === undefined || !Number.isFinite(n)) return '—';
    let v = Math.abs(n);
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${n < 0 ? '-' : ''}${v.toFixed(i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
  };
  // Tick steps in whole binary units (1, 2, 5, 10… TiB), not decimal fractions of them.
  const binarySteps = [];
  for (let p = 0; p < units.length; p++) for (const m of [1, 2, 5, 10, 20, 50, 100, 200, 500]) binarySteps.push(m * 1024 ** p);
  const colour = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

  const say = (text) => {
    if (!status) return;
    status.textContent = text;
    status.hidden = !text;
  };

  function draw() {
    if (chart) {
      chart.destroy();
      chart = null;
    }
    if (!data || data.at.length === 0) {
      say('No capacity data yet for this range: the chart fills in as polls report capacity.');
      return;
    }
    say('');
    const text = colour('--text');
    const grid = colour('--border');
    const used = colour('--bar');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    chart = new uPlot(
      {
        width: Math.max(280, box.clientWidth),
        height: 260,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max * 1.05 || 1] } },
        series: [
          {},
          { label: 'Used', stroke: used, fill: `${used}33`, width: 2, value: (_u, v) => bytes(v) },
          { label: 'Total', stroke: colour('--muted'), dash: [6, 4], width: 1.5, value: (_u, v) => bytes(v) },
        ],
        axes: [axis, { ...axis, size: 80, incrs: binarySteps, values: (_u, ticks) => ticks.map(bytes) }],
      },
      [data.at.map((ms) => ms / 1000), data.usedBytes, data.totalBytes],
      box,
    );
  }

  async function load(range) {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.range === range));
    say('Loading…');
    try {
      const res = await fetch(`${box.dataset.url}?range=${encodeURIComponent(range)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      data = await res.json();
      draw();
    } catch (err) {
      data = null;
      if (chart) chart.destroy();
      chart = null;
      say(`Could not load the capacity history (${err.message}).`);
    }
  }

  for (const b of buttons) b.addEventListener('click', () => load(b.dataset.range));
  // Redraw with the other palette when the theme changes, and at the new width on resize.
  new MutationObserver(draw).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
  let resizeTimer = null;
  addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => chart?.setSize({ width: Math.max(280, box.clientWidth), height: 260 }), 150);
  });
  load('30d');
})();
