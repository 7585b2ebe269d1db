import type { BackendOptionValue, ConvertedRule, CorrelationRule, SigmaRule } from '@sigmats/core';

/**
 * `scheduled-search`: Sumo content JSON (the format of the Library import and of Terraform/Pulumi `sumologic_content`):
 * SavedSearchWithScheduleSyncDefinition with parsingMode Manual (Auto Parse is not supported for scheduled
 * non-aggregate searches, so the query extracts its fields itself). target-languages §5.4.
 */

function str(options: Readonly<Record<string, BackendOptionValue>>, key: string, fallback: string): string {
  const v = options[key];
  return typeof v === 'string' && v !== '' ? v : fallback;
}

export function savedSearchObject(
  queryText: string,
  doc: SigmaRule | CorrelationRule,
  options: Readonly<Record<string, BackendOptionValue>>,
  suffix = '',
): Record<string, unknown> {
  const range = str(options, 'timeRange', '-15m');
  const emails = str(options, 'emails', '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return {
    type: 'SavedSearchWithScheduleSyncDefinition',
    name: doc.title + suffix,
    description: [doc.description?.trim(), doc.id ? `Sigma rule ${doc.id}` : undefined, doc.level ? `level: ${doc.level}` : undefined]
      .filter((x) => x)
      .join('\n'),
    search: {
      queryText,
      defaultTimeRange: range,
      byReceiptTime: false,
      viewName: '',
      viewStartTime: '1970-01-01T00:00:00Z',
      queryParameters: [],
      parsingMode: 'Manual',
    },
    searchSchedule: {
      cronExpression: str(options, 'cron', '0 0/15 * * * ? *'),
      displayableTimeRange: range,
      parseableTimeRange: {
        type: 'BeginBoundedTimeRange',
        from: { type: 'RelativeTimeRangeBoundary', relativeTime: range },
        to: null,
      },
      timeZone: str(options, 'timeZone', 'Etc/UTC'),
      threshold: { thresholdType: 'message', operator: 'gt', count: 0 },
      notification: {
        taskType: 'EmailSearchNotificationSyncDefinition',
        toList: emails,
        subjectTemplate: `Sigma: ${doc.title}`,
        includeQuery: true,
        includeResultSet: true,
        includeHistogram: false,
        includeCsvAttachment: false,
      },
      scheduleType: 'Custom',
      muteErrorEmails: false,
      parameters: [],
    },
  };
}

export function savedSearch(queries: readonly string[], doc: SigmaRule | CorrelationRule, options: Readonly<Record<string, BackendOptionValue>>): string {
  const objects = queries.map((q, i) => savedSearchObject(q, doc, options, queries.length > 1 ? ` (condition ${i + 1})` : ''));
  return JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2);
}

/** The collection as one importable folder. */
export function savedSearchFolder(rules: readonly ConvertedRule[], options: Readonly<Record<string, BackendOptionValue>>): string {
  const children = rules.flatMap((r) => {
    const parsed = JSON.parse(r.output) as unknown;
    return Array.isArray(parsed) ? parsed : [parsed];
  });
  return JSON.stringify({ type: 'FolderSyncDefinition', name: str(options, 'folder', 'sigmats'), description: 'Sigma rules converted by sigmats', children }, null, 2);
}
