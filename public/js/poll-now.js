// "Poll now" and "Test connection" without leaving the page: the same form, posted with fetch(),
// answered as JSON, and the fleet list refreshed. Without JavaScript the form posts and redirects back.
(() => {
  const show = (text, kind) => {
    const box = document.querySelector('[data-poll-result]');
    if (!box) return;
    box.textContent = text;
    box.classList.remove('hidden', 'ok', 'error');
    box.classList.add(kind);
  };

  document.addEventListener('submit', async (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    if (!form || !form.matches('[data-poll-form]')) return;
    event.preventDefault();
    const button = form.querySelector('button');
    const label = button ? button.textContent : '';
    if (button) {
      button.disabled = true;
      button.textContent = 'Working…';
    }
    const body = new URLSearchParams(new FormData(form));
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-csrf-token': body.get('_csrf') || '' },
      });
      const answer = await res.json().catch(() => ({}));
      const ok = res.ok && answer.ok !== false;
      show(answer.message || `The server answered ${res.status}.`, ok ? 'ok' : 'error');
      if (res.ok) document.dispatchEvent(new CustomEvent('sfd:fleet-changed'));
    } catch {
      show('The request did not reach the server.', 'error');
    } finally {
      if (button) {
        button.disabled = false;
        button.textContent = label;
      }
    }
  });
})();
