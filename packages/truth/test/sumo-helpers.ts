import type { SumoMessage } from '../src/types.js';
import type { TimedSumoMessage } from '../src/sumo/index.js';

/** A message with its metadata defaulted (category `prod/windows/sysmon`). */
export function msg(raw: string, meta: Partial<TimedSumoMessage> = {}): TimedSumoMessage {
  return {
    _raw: raw,
    _sourceCategory: 'prod/windows/sysmon',
    _source: 'Windows Events',
    _sourceName: 'Microsoft-Windows-Sysmon/Operational',
    _sourceHost: 'HOST1',
    _collector: 'col-1',
    ...meta,
  };
}

/** Which of `messages` a result kept (by identity), as indices. */
export function kept(rows: readonly { readonly message?: SumoMessage }[], messages: readonly SumoMessage[]): number[] {
  return rows.map((r) => messages.indexOf(r.message!));
}

export const DOC = 'https://www.sumologic.com/help/docs/';
