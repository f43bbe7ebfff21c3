import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentName, formatCsv, formatCsvCell, formatCsvRow } from '../../../src/web/csv.js';

test('cells are quoted per RFC 4180 only when they need it, quotes doubled', () => {
  assert.equal(formatCsvCell('plain'), 'plain');
  assert.equal(formatCsvCell('a,b'), '"a,b"');
  assert.equal(formatCsvCell('say "hi"'), '"say ""hi"""');
  assert.equal(formatCsvCell('two\nlines'), '"two\nlines"');
  assert.equal(formatCsvCell('cr\rhere'), '"cr\rhere"');
  assert.equal(formatCsvCell(null), '');
  assert.equal(formatCsvCell(undefined), '');
  assert.equal(formatCsvCell(42), '42');
  assert.equal(formatCsvCell(Number.NaN), '');
  assert.equal(formatCsvCell(true), 'true');
});

test('cells a spreadsheet would run as a formula get a leading apostrophe', () => {
  assert.equal(formatCsvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(formatCsvCell('+1+1'), "'+1+1");
  assert.equal(formatCsvCell('-2+3'), "'-2+3");
  assert.equal(formatCsvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(formatCsvCell('\t=1'), "'\t=1");
  assert.equal(formatCsvCell('a=1'), 'a=1');
  // Numbers stay numbers: a shrinking system's negative growth is data.
  assert.equal(formatCsvCell(-5), '-5');
});

test('rows end with CRLF and a document starts with its header', () => {
  assert.equal(formatCsvRow(['a', 1, null]), 'a,1,\r\n');
  assert.equal(formatCsv(['name', 'n'], [['x,y', 2]]), 'name,n\r\n"x,y",2\r\n');
  assert.match(attachmentName('logs', Date.UTC(2026, 0, 2, 3, 4, 5)), /^attachment; filename="logs-2026-01-02-03-04-05\.csv"$/);
});
