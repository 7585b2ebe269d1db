import { describe, expect, test } from 'vitest';
import {
  GITHUB_EXTENDS, GITHUB_PROJECT, GITHUB_PROJECT_ITEMS, GITHUB_STREAM_COLUMNS, GITHUB_STREAM_TYPES, GITHUB_TABLE_COLUMNS, GITHUB_TRANSFORM, GITHUB_TRANSFORM_LINE,
  dcrType, githubStreamLine, kqlTableColumns, runTransform, sentinelCloudPlacements, streamRow,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlValue, RawEvent } from '../src/types.js';
import { typeFits } from './records-fixtures.js';
import { filled, sentinelCloudRow, tableOf } from './sentinel-rows.js';

/**
 * GitHubAuditLogsV3_CL, the table of Sigma's github/audit events, written by the GitHub CCF connector's DCR. The
 * connector's files are transcribed (sentinel-github-pages.ts): the test checks the three lists against one another
 * (every `Column = key` item joins a stream column and a table column of the same type) and the rows against values
 * worked out by hand from the transform.
 */
const GITHUB: EventSource = { product: 'github', service: 'audit' };
const TABLE = 'GitHubAuditLogsV3_CL';

const row = (event: RawEvent, source: EventSource = GITHUB): Record<string, KqlValue> => sentinelCloudRow(event, source, TABLE);

const tables = (...rows: Record<string, KqlValue>[]) => tableOf(TABLE, rows);

/** An organization audit log event as GitHub's audit log API returns it (values made up). */
const REPO_VISIBILITY: RawEvent = {
  '@timestamp': 1733558400123,
  _document_id: 'Y2kXz0qz2Qk3V1mFrYbXxw',
  action: 'repo.access',
  actor: 'octocat',
  actor_id: 583231,
  actor_ip: '203.0.113.7',
  actor_is_bot: false,
  actor_location: { country_code: 'US' },
  business: 'example-enterprise',
  business_id: 1234,
  created_at: 1733558400123,
  operation_type: 'modify',
  org: 'example-org',
  org_id: 9919,
  previous_visibility: 'private',
  public_repo: true,
  repo: 'example-org/secret-tool',
  repo_id: 812345,
  request_id: '8C36:1F0B:2E1C4B:3A3F1D:67543F20',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
  visibility: 'public',
  // Not in the stream declaration: dropped by the DCR.
  hashed_token_extra: 'x',
};

describe('GitHubAuditLogsV3_CL: the transcribed connector files', () => {
  test('the table: a "name" line every 4 from 11, and the table answers the columns', () => {
    GITHUB_TABLE_COLUMNS.forEach(([, , line], i) => expect(line).toBe(11 + 4 * i));
    expect(kqlTableColumns(TABLE)).toStrictEqual(Object.fromEntries(GITHUB_TABLE_COLUMNS.map(([n, t]) => [n, dcrType(t)])));
    expect(new Set(GITHUB_TABLE_COLUMNS.map(([n]) => n)).size).toBe(GITHUB_TABLE_COLUMNS.length);
    expect(new Set(GITHUB_STREAM_COLUMNS.map(([n]) => n)).size).toBe(GITHUB_STREAM_COLUMNS.length);
    expect(githubStreamLine(0)).toBe(13);
    expect(GITHUB_TRANSFORM_LINE).toBe(githubStreamLine(GITHUB_STREAM_COLUMNS.length - 1) + 22);
  });

  test('every project item is a table column; every `Column = key` joins a stream column of the same type', () => {
    const table = Object.fromEntries(GITHUB_TABLE_COLUMNS.map(([n, t]) => [n, t]));
    const stream = Object.fromEntries(GITHUB_STREAM_COLUMNS.map(([n, t]) => [n, t]));
    expect(GITHUB_PROJECT_ITEMS.map(([c]) => c).sort()).toStrictEqual(GITHUB_TABLE_COLUMNS.map(([n]) => n).sort());
    const problems: string[] = [];
    for (const item of GITHUB_PROJECT) {
      const m = /^(\w+) = (?:(\w+)|\['(\w+)'\])$/.exec(item);
      if (!m) {
        // The two bare items are columns the extends compute.
        if (!GITHUB_EXTENDS.some(([n]) => n === item)) problems.push(`unreadable ${item}`);
        continue;
      }
      const key = m[2] ?? m[3]!;
      if (!(key in stream)) problems.push(`${item}: ${key} is no stream column`);
      else if (stream[key] !== table[m[1]!]) problems.push(`${item}: stream ${stream[key]}, table ${table[m[1]!]}`);
    }
    expect(problems).toStrictEqual([]);
    // Each stream column is projected except actor_location and @timestamp, read by the extends.
    const projected = new Set(GITHUB_PROJECT.map((i) => /= (?:(\w+)|\['(\w+)'\])$/.exec(i)).filter((m) => m).map((m) => m![1] ?? m![2]!));
    expect(GITHUB_STREAM_COLUMNS.map(([n]) => n).filter((n) => !projected.has(n))).toStrictEqual(['@timestamp', 'actor_location']);
  });

  test('the interpreter gives each output column the table\'s type', () => {
    const { types } = runTransform(GITHUB_TRANSFORM, GITHUB_STREAM_TYPES, streamRow(GITHUB_STREAM_TYPES, REPO_VISIBILITY));
    const table = kqlTableColumns(TABLE)!;
    expect(Object.keys(types).sort()).toStrictEqual(Object.keys(table).sort());
    for (const [column, type] of Object.entries(table)) expect(types[column], column).toBe(type);
  });
});

describe('GitHubAuditLogsV3_CL records', () => {
  test('a repo.access event: the renamed keys, CountryCode from actor_location, TimeGenerated from @timestamp', () => {
    expect(filled(row(REPO_VISIBILITY))).toStrictEqual({
      TimeGenerated: new Date(1733558400123),
      CreatedAt: 1733558400123,
      DocumentId: 'Y2kXz0qz2Qk3V1mFrYbXxw',
      Action: 'repo.access',
      Actor: 'octocat',
      ActorId: 583231,
      ActorIp: '203.0.113.7',
      ActorIsBot: false,
      CountryCode: 'US',
      Business: 'example-enterprise',
      BusinessId: 1234,
      OperationType: 'modify',
      Org: 'example-org',
      OrgId: 9919,
      PreviousVisibility: 'private',
      PublicRepo: true,
      Repo: 'example-org/secret-tool',
      RepoId: 812345,
      RequestId: '8C36:1F0B:2E1C4B:3A3F1D:67543F20',
      UserAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
      Visibility: 'public',
    });
  });

  test('Sigma\'s names and values: flat actor_location.country_code, quoted booleans and numbers, keys GitHub names otherwise', () => {
    expect(row({ action: 'org.disable_two_factor_requirement', 'actor_location.country_code': 'FR', public_repo: 'false', org_id: '77', type: 'x', source: 'web', limit: 5 }, { product: 'github' })).toMatchObject({
      Action: 'org.disable_two_factor_requirement', CountryCode: 'FR', PublicRepo: false, OrgId: 77, ActivityType: 'x', Source: 'web', Limit: 5, TimeGenerated: null,
    });
    // A string column takes an object's JSON text; a name outside the stream lands nowhere.
    expect(filled(row({ config: { url: 'https://hooks.example/x' }, message: 'm', hashed_token_extra: 'x', Action: 'y' }))).toStrictEqual({
      Config: '{"url":"https://hooks.example/x"}', Message: 'm',
    });
    const placed = new Map(sentinelCloudPlacements({ action: 'a', '@timestamp': 1, hashed_token_extra: 'x', _document_id: 'd' }, GITHUB).map((p) => [p.key, p.columns]));
    expect(Object.fromEntries(placed)).toStrictEqual({ action: ['Action'], '@timestamp': ['TimeGenerated'], hashed_token_extra: [], _document_id: ['DocumentId'] });
  });

  test('a row has every documented column, each value of its type', () => {
    for (const event of [REPO_VISIBILITY, { action: 'x', actor_id: 'not a number', started_at: 'not a date' }, {}]) {
      const r = row(event);
      expect(Object.keys(r).sort()).toStrictEqual(GITHUB_TABLE_COLUMNS.map(([n]) => n).sort());
      for (const [name, type] of GITHUB_TABLE_COLUMNS) expect(typeFits(dcrType(type), r[name]!), `${name} = ${String(r[name])}`).toBe(true);
    }
  });

  test('queries over the rows', () => {
    const destroy = row({ action: 'repo.destroy', actor: 'mallory', repo: 'example-org/prod', operation_type: 'remove', actor_ip: '192.0.2.66' });
    const t = tables(row(REPO_VISIBILITY), destroy);
    expect(runKql('GitHubAuditLogsV3_CL | where Action == "repo.destroy" and OperationType == "remove"', t).rows).toHaveLength(1);
    expect(runKql('GitHubAuditLogsV3_CL | where Action in ("repo.access", "repo.destroy") and Visibility == "public" and CountryCode == "US"', t).rows).toHaveLength(1);
    expect(runKql('GitHubAuditLogsV3_CL | where PublicRepo == true and ActorId == 583231', t).rows).toHaveLength(1);
    // A planted mistake: the action in ActivityType (the event's `type`), not Action.
    const planted = { ...destroy, ActivityType: destroy['Action']!, Action: '' };
    expect(runKql('GitHubAuditLogsV3_CL | where Action == "repo.destroy"', tables(planted)).rows).toHaveLength(0);
  });
});
