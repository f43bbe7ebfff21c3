import type { DashboardSettings } from '../../db/repositories/settings.js';
import { type CapacityLevel, capacityLevel } from './labels.js';
import { formatBytes, formatPercent } from './format.js';

/** A capacity bar as templates draw it: an SVG rect width (the CSP forbids style attributes) and words. */
export interface CapacityBar {
  level: CapacityLevel;
  /** 0..100, for the SVG rect's width attribute. */
  width: string;
  percentText: string;
  usedText: string;
  totalText: string;
  /** For screen readers and the tooltip: "42 % used (42.0 TiB of 100 TiB)". */
  label: string;
}

type Thresholds = Pick<DashboardSettings, 'capacityWarnPercent' | 'capacityCritPercent'>;

export function presentCapacityBar(capacity: { totalBytes: number; usedBytes: number; percentUsed: number | null } | null, thresholds: Thresholds): CapacityBar | null {
  if (!capacity) return null;
  const percent = capacity.percentUsed;
  const level = capacityLevel(percent, thresholds);
  const width = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  const percentText = formatPercent(percent);
  const usedText = formatBytes(capacity.usedBytes);
  const totalText = formatBytes(capacity.totalBytes);
  const word = level === 'critical' ? ', critical' : level === 'warning' ? ', warning' : '';
  return { level, width: width.toFixed(1), percentText, usedText, totalText, label: `${percentText} used (${usedText} of ${totalText})${word}` };
}
