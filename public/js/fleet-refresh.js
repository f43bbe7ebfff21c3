// Keeps the fleet list current without a page reload: re-fetches the fleet fragment every
// data-refresh-seconds with the last ETag (304 when nothing changed), updates ages, and says so
// visibly when a fetch fails or the data itself is stale. Without JavaScript the page has a Refresh link.
(() => {
  const list = document.querySelector('[data-fleet-list]');
  if (!list) return;
  const seconds = Math.max(5, Number(list.dataset.refreshSeconds) || 30);
  const pollMs = Number(list.dataset.pollIntervalMs) || 60_000;
  const url = list.dataset.fragmentUrl;
  const status = document.querySelector('[data-refresh-text]');
  const notice = document.querySelector('[data-refresh-notice]');
  let etag = list.dataset.etag || null;
  let timer = null;

  const units = [
    [60_000, 1000, 's'],
    [3_600_000, 60_000, 'min'],
    [86_400_000, 3_600_000, 'h'],
    [Number.POSITIVE_INFINITY, 86_400_000, 'd'],
  ];
  // Same words as src/web/presenters/format.ts formatAge.
  const age = (ms) => {
    const abs = Math.abs(ms);
    if (abs < 10_000) return 'just now';
    const [, size, unit] = units.find(([limit]) => abs < limit);
    const n = Math.floor(abs / size);
    return ms >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
  };
  const clock = (d) => d.toTimeString().slice(0, 8);

  const showNotice = (text) => {
    if (!notice) return;
    notice.textContent = text;
    notice.classList.toggle('hidden', !text);
  };

  const updateAges = (now) => {
    for (const el of list.querySelectorAll('time[data-relative]')) {
      const at = Date.parse(el.dateTime);
      if (Number.isFinite(at)) el.textContent = age(now - at);
    }
  };

  async function refresh() {
    clearTimeout(timer);
    try {
      const headers = { accept: 'text/html' };
      if (etag) headers['if-none-match'] = etag;
      const res = await fetch(url, { headers, cache: 'no-store', credentials: 'same-origin' });
      // A redirect to the sign-in page means the session ended: never swap that page into the list.
      if (res.redirected || !new URL(res.url, location.href).pathname.startsWith('/fragments/')) throw new Error('your session ended; reload the page to sign in');
      if (res.status === 200) {
        const html = await res.text();
        list.setAttribute('aria-busy', 'true');
        list.innerHTML = html;
        list.removeAttribute('aria-busy');
        etag = res.headers.get('etag');
      } else if (res.status !== 304) {
        throw new Error(`the server answered ${res.status}`);
      }
      // The server's clock decides staleness, so a skewed browser clock cannot fake it.
      const serverNow = Date.parse(res.headers.get('date') || '') || Date.now();
      const refreshedAt = Number(list.querySelector('[data-refreshed-at]')?.dataset.refreshedAt) || 0;
      if (status) status.textContent = `Updated ${clock(new Date())}.`;
      if (refreshedAt > 0 && serverNow - refreshedAt > 3 * pollMs) {
        showNotice(`The data is stale: the fleet was last refreshed ${age(serverNow - refreshedAt)}. The poller may have stopped.`);
      } else {
        showNotice('');
      }
      updateAges(serverNow);
    } catch (err) {
      showNotice(`Could not refresh the fleet at ${clock(new Date())} (${err.message}); showing older data. Retrying in ${seconds} s.`);
    }
    timer = setTimeout(refresh, seconds * 1000);
  }

  // After "poll now" the new results are stored: fetch them at once instead of at the next tick.
  document.addEventListener('sfd:fleet-changed', refresh);
  timer = setTimeout(refresh, seconds * 1000);
})();
