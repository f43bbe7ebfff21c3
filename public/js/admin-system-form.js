// Progressive enhancement of the admin system form: show only the credential fields of the chosen
// vendor and the panel of the chosen TLS mode, run "test connection" without leaving the page, and
// "pin this certificate". Without JavaScript every field shows and the test reloads the form.
(() => {
  const form = document.querySelector('[data-system-form]');
  if (!form) return;
  const vendorSelect = form.querySelector('[data-vendor-select]');
  const slot = form.querySelector('[data-test-result]');

  function showVendorFields() {
    const vendor = vendorSelect ? vendorSelect.value : '';
    for (const field of form.querySelectorAll('[data-vendors]')) {
      const applies = field.dataset.vendors.split(' ').includes(vendor);
      field.hidden = !applies;
      // A hidden field must not submit a stale value typed for another vendor.
      for (const input of field.querySelectorAll('input')) input.disabled = !applies;
    }
  }

  function selectedMode() {
    const checked = form.querySelector('[data-tls-mode]:checked');
    return checked ? checked.value : 'system';
  }

  function showTlsPanel() {
    const mode = selectedMode();
    for (const panel of form.querySelectorAll('[data-tls-panel]')) panel.hidden = panel.dataset.tlsPanel !== mode;
  }

  function enablePinButtons() {
    for (const button of form.querySelectorAll('[data-pin]')) {
      button.hidden = false;
      button.addEventListener('click', () => {
        const pinned = form.querySelector('#tls-pinned');
        const input = form.querySelector('#field-fingerprint');
        if (!pinned || !input) return;
        pinned.checked = true;
        input.value = button.dataset.pin;
        showTlsPanel();
        input.focus();
      });
    }
  }

  async function testConnection(event) {
    event.preventDefault();
    const button = event.currentTarget;
    button.disabled = true;
    slot.textContent = 'Testing the connection…';
    try {
      const response = await fetch(button.getAttribute('formaction'), {
        method: 'POST',
        body: new FormData(form),
        headers: { 'x-fragment': '1', accept: 'text/html' },
        credentials: 'same-origin',
      });
      const text = await response.text();
      if (!response.ok) {
        slot.textContent = `The test could not run (HTTP ${response.status}).`;
        return;
      }
      // The server escaped every value in this fragment; it is our own template.
      slot.innerHTML = text;
      enablePinButtons();
    } catch {
      slot.textContent = 'The test could not reach the dashboard server.';
    } finally {
      button.disabled = false;
    }
  }

  if (vendorSelect) vendorSelect.addEventListener('change', showVendorFields);
  for (const radio of form.querySelectorAll('[data-tls-mode]')) radio.addEventListener('change', showTlsPanel);
  const testButton = form.querySelector('[data-test-connection]');
  if (testButton && slot) testButton.addEventListener('click', testConnection);
  showVendorFields();
  showTlsPanel();
  enablePinButtons();
})();
