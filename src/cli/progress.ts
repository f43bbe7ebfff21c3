import type { CliIo } from './io.js';

export interface TableProgress {
  table: string;
  index: number;
  tables: number;
  copied: number;
  total: number;
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal; otherwise plain lines (a table's
 * start and end, and about every tenth of a big table) so a log file stays readable.
 */
export function createProgress(io: CliIo, label: string) {
  const terminal = io.errTerminal;
  let lastTenth = 0;
  let drawn = false;
  return {
    update(p: TableProgress): void {
      const prefix = `${label} [${p.index}/${p.tables}] ${p.table}`;
      const counts = `${p.copied}/${p.total} rows`;
      if (terminal) {
        const width = Math.max(10, Math.min(30, terminal.columns - prefix.length - counts.length - 6));
        const filled = p.total === 0 ? width : Math.round((p.copied / p.total) * width);
        terminal.write(`\r\x1b[2K${prefix} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counts}`);
        drawn = true;
        if (p.copied >= p.total) {
          terminal.write('\n');
          drawn = false;
        }
        return;
      }
      if (p.copied === 0) {
        lastTenth = 0;
        io.err(p.total === 0 ? `${prefix}: empty` : `${prefix}: ${p.total} rows to copy`);
      } else if (p.copied >= p.total) {
        io.err(`${prefix}: ${counts} copied`);
      } else if (Math.floor((p.copied / p.total) * 10) > lastTenth) {
        lastTenth = Math.floor((p.copied / p.total) * 10);
        io.err(`${prefix}: ${counts} (${lastTenth * 10} %)`);
      }
    },
    /** Ends a half-drawn bar, so the next message starts on its own line. */
    finish(): void {
      if (terminal && drawn) terminal.write('\n');
      drawn = false;
    },
  };
}
