import { VendorError } from '../client.js';
import type {
  SgAlert,
  SgGridHealth,
  SgMetricSample,
  SgNodeHealth,
  SgTopologyGrid,
  SgTopologyNode,
  SgTopologySite,
} from './wire.js';

/**
 * Shape checks for StorageGRID JSON. The HTTP layer only proves a body is JSON; these prove it is
 * the JSON the spec promises, and name the endpoint and field when it is not, so an operator can
 * tell a broken proxy from a grid upgrade. Enum values are NOT checked here: an unexpected state
 * is a fact to report as 'unknown', not a reason to fail the poll.
 */

type Json = Record<string, unknown>;

function fail(endpoint: string, field: string, problem: string): never {
  throw new VendorError('VENDOR_PARSE', `${endpoint}: ${field} ${problem}`, { endpoint });
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(endpoint: string, field: string, v: unknown): Json {
  return isObject(v) ? v : fail(endpoint, field, 'is not an object');
}

function array(endpoint: string, field: string, v: unknown): unknown[] {
  return Array.isArray(v) ? v : fail(endpoint, field, 'is not an array');
}

function string(endpoint: string, field: string, v: unknown): string {
  return typeof v === 'string' ? v : fail(endpoint, field, 'is missing or not a string');
}

function optionalString(endpoint: string, field: string, v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : string(endpoint, field, v);
}

function count(endpoint: string, field: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(endpoint, field, `is not a non-negative integer (${String(v)})`);
  return v;
}

/** The `response` envelope every answer shares; returns `data` and the API version it reports. */
export function unwrap(endpoint: string, body: unknown): { data: unknown; apiVersion: string } {
  const env = object(endpoint, 'response body', body);
  const status = string(endpoint, 'status', env.status);
  if (status !== 'success') fail(endpoint, 'status', `is "${status}", expected "success"`);
  const apiVersion = string(endpoint, 'apiVersion', env.apiVersion);
  if (!('data' in env)) fail(endpoint, 'data', 'is missing');
  return { data: env.data, apiVersion };
}

export function parseToken(endpoint: string, body: unknown): string {
  const token = string(endpoint, 'data', unwrap(endpoint, body).data);
  return token.trim() === '' ? fail(endpoint, 'data', 'is an empty token') : token;
}

export function parseProductVersion(endpoint: string, data: unknown): string {
  return string(endpoint, 'data.productVersion', object(endpoint, 'data', data).productVersion);
}

export function parseGridHealth(endpoint: string, data: unknown): SgGridHealth {
  const d = object(endpoint, 'data', data);
  const counts = (key: string, names: readonly string[]): Record<string, number | undefined> | undefined => {
    if (d[key] === undefined) return undefined;
    const o = object(endpoint, `data.${key}`, d[key]);
    return Object.fromEntries(names.map((n) => [n, count(endpoint, `data.${key}.${n}`, o[n])]));
  };
  return {
    alarms: counts('alarms', ['critical', 'major', 'minor', 'notice']),
    alerts: counts('alerts', ['critical', 'major', 'minor']),
    nodes: counts('nodes', ['connected', 'administratively-down', 'unknown']),
  };
}

export function parseNodeHealth(endpoint: string, data: unknown): SgNodeHealth[] {
  return array(endpoint, 'data', data).map((raw, i) => {
    const at = `data[${i}]`;
    const n = object(endpoint, at, raw);
    return {
      id: string(endpoint, `${at}.id`, n.id),
      name: string(endpoint, `${at}.name`, n.name),
      nodeDisplayName: optionalString(endpoint, `${at}.nodeDisplayName`, n.nodeDisplayName),
      siteId: string(endpoint, `${at}.siteId`, n.siteId),
      siteName: string(endpoint, `${at}.siteName`, n.siteName),
      severity: string(endpoint, `${at}.severity`, n.severity),
      state: string(endpoint, `${at}.state`, n.state),
      type: string(endpoint, `${at}.type`, n.type),
    };
  });
}

export function parseAlerts(endpoint: string, data: unknown): SgAlert[] {
  return array(endpoint, 'data', data).map((raw, i) => {
    const at = `data[${i}]`;
    const a = object(endpoint, at, raw);
    const labels = object(endpoint, `${at}.labels`, a.labels);
    const ann = a.annotations === undefined || a.annotations === null ? {} : object(endpoint, `${at}.annotations`, a.annotations);
    return {
      id: string(endpoint, `${at}.id`, a.id),
      name: string(endpoint, `${at}.name`, a.name),
      status: string(endpoint, `${at}.status`, a.status),
      startsAt: string(endpoint, `${at}.startsAt`, a.startsAt),
      inhibited: a.inhibited === true,
      silenced: a.silenced === true,
      labels: {
        alertname: optionalString(endpoint, `${at}.labels.alertname`, labels.alertname) ?? '',
        instance: optionalString(endpoint, `${at}.labels.instance`, labels.instance) ?? '',
        job: optionalString(endpoint, `${at}.labels.job`, labels.job) ?? '',
        severity: string(endpoint, `${at}.labels.severity`, labels.severity),
        site_name: optionalString(endpoint, `${at}.labels.site_name`, labels.site_name),
      },
      annotations: {
        description: optionalString(endpoint, `${at}.annotations.description`, ann.description),
        summary: optionalString(endpoint, `${at}.annotations.summary`, ann.summary),
      },
    };
  });
}

function topologyLevel(endpoint: string, at: string, raw: unknown) {
  const o = object(endpoint, at, raw);
  return {
    o,
    id: optionalString(endpoint, `${at}.id`, o.id) ?? '',
    name: string(endpoint, `${at}.name`, o.name),
    uniqueName: optionalString(endpoint, `${at}.uniqueName`, o.uniqueName) ?? string(endpoint, `${at}.name`, o.name),
    oid: optionalString(endpoint, `${at}.oid`, o.oid) ?? '',
    state: string(endpoint, `${at}.state`, o.state),
    severity: string(endpoint, `${at}.severity`, o.severity),
  };
}

function children(endpoint: string, at: string, o: Json): unknown[] {
  return o.children === undefined ? [] : array(endpoint, `${at}.children`, o.children);
}

/** Grid → sites → nodes; deeper levels (components) are not needed and not checked. */
export function parseTopology(endpoint: string, data: unknown): SgTopologyGrid {
  const { o, ...grid } = topologyLevel(endpoint, 'data', data);
  const sites = children(endpoint, 'data', o).map((rawSite, s): SgTopologySite => {
    const siteAt = `data.children[${s}]`;
    const { o: so, ...site } = topologyLevel(endpoint, siteAt, rawSite);
    const nodes = children(endpoint, siteAt, so).map((rawNode, n): SgTopologyNode => {
      const { o: _no, ...node } = topologyLevel(endpoint, `${siteAt}.children[${n}]`, rawNode);
      return { ...node, type: 'node' };
    });
    return { ...site, type: 'site', children: nodes };
  });
  return { ...grid, type: 'grid', children: sites };
}

/**
 * An instant-query vector. Sample values are decimal strings (Prometheus keeps float precision
 * that way); they are parsed with Number so "1.5e+12" is read, not silently skipped.
 */
export function parseMetricVector(endpoint: string, data: unknown): { samples: SgMetricSample[]; values: number[] } {
  const d = object(endpoint, 'data', data);
  const resultType = string(endpoint, 'data.resultType', d.resultType);
  if (resultType !== 'vector') fail(endpoint, 'data.resultType', `is "${resultType}", expected "vector"`);
  const samples: SgMetricSample[] = [];
  const values: number[] = [];
  array(endpoint, 'data.result', d.result).forEach((raw, i) => {
    const at = `data.result[${i}]`;
    const row = object(endpoint, at, raw);
    const metric = row.metric === undefined ? {} : object(endpoint, `${at}.metric`, row.metric);
    const pair = array(endpoint, `${at}.value`, row.value);
    const text = string(endpoint, `${at}.value[1]`, pair[1]);
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) fail(endpoint, `${at}.value[1]`, `is not a finite number ("${text}")`);
    samples.push({ metric: metric as Record<string, string>, value: [Number(pair[0]), text] });
    values.push(value);
  });
  return { samples, values };
}
