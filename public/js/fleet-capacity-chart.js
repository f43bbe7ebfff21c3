// Fleet capacity history on /capacity: fetches /capacity/history.json and draws it with uPlot
// (served locally). Progressive enhancement: without it the page still shows every number.
(() => {
  const el = document.getElementById('fleet-capacity-chart');
  const status = document.getElementById('fleet-capacity-chart-status');
  if (!el || typeof window.uPlot !== 'function') return;
  const TiB = 1024 ** 4;
  let plot = null;

  function colour(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function draw(days) {
    const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const used = days.map((d) => d.usedBytes / TiB);
    const total = days.map((d) => d.totalBytes / TiB);
    const text = colour('--text', '#1b1f24');
    const grid = colour('--border', '#d6dbe1');
    const axis = { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid } };
    const opts = {
      width: Math.max(280, el.clientWidth),
      height: 280,
      series: [
        {},
        { label: 'Used (TiB)', stroke: colour('--bar', '#2f6fdf'), width: 2, value: (_, v) => (v == null ? '—' : v.toFixed(1)) },
        { label: 'Total (TiB)', stroke: colour('--muted', '#5b6470'), width: 1, dash: [6, 4], value: (_, v) => (v == null ? '—' : v.toFixed(1)) },
      ],
      axes: [axis, { ...axis, size: 70, values: (_, ticks) => ticks.map((t) => `${t.toFixed(0)} TiB`) }],
      scales: { x: { time: true } },
    };
    if (plot) plot.destroy();
    plot = new window.uPlot(opts, [xs, used, total], el);
  }

  async function load(range) {
    if (status) status.textContent = 'Loading…';
    try {
      const res = await fetch(`${el.dataset.src}?range=${encodeURIComponent(range)}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = await res.json();
      draw(body.days);
      if (status) status.textContent = body.days.length === 0 ? 'No capacity history yet.' : '';
    } catch (err) {
      if (status) status.textContent = `Could not load the history (${err.message}).`;
    }
  }

  for (const button of document.querySelectorAll('.chart-ranges [data-range]')) {
    button.addEventListener('click', () => {
      for (const b of document.querySelectorAll('.chart-ranges [data-range]')) b.setAttribute('aria-pressed', String(b === button));
      load(button.dataset.range);
    });
  }
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => plot?.setSize({ width: Math.max(280, el.clientWidth), height: 280 }), 150);
  });
  load('1y');
})();
