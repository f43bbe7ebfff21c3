// Dark mode: follows the operating system until the operator picks a theme, which is remembered.
// Loaded in <head> (no inline scripts: the CSP forbids them) so the page never flashes the wrong theme.
(() => {
  const key = 'sfd-theme';
  const apply = (theme) => {
    if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
  };
  try {
    apply(localStorage.getItem(key));
  } catch {}
  document.addEventListener('DOMContentLoaded', () => {
    for (const button of document.querySelectorAll('[data-theme-toggle]')) {
      button.addEventListener('click', () => {
        const current = document.documentElement.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
        const next = current === 'dark' ? 'light' : 'dark';
        apply(next);
        try {
          localStorage.setItem(key, next);
        } catch {}
      });
    }
  });
})();
