import type { EventLogsource } from '../logsource.js';
import { HAND_TEMPLATES } from './templates-hand.js';
import { REGRESSION_TEMPLATES } from './templates.generated.js';
import type { EventTemplate } from './template-types.js';
import { windowsTargets, type WindowsTarget } from './windows-sources.js';

const BY_KEY = new Map<string, EventTemplate>();
// Real events first: a hand-written template only fills a gap.
for (const t of [...REGRESSION_TEMPLATES, ...HAND_TEMPLATES]) {
  const key = `${t.channel.toLowerCase()}|${t.eventId}`;
  if (!BY_KEY.has(key)) BY_KEY.set(key, t);
}

/** The template of one (Channel, EventID), if there is one. */
export function templateFor(channel: string, eventId: number): EventTemplate | undefined {
  return BY_KEY.get(`${channel.toLowerCase()}|${eventId}`);
}

function providerOf(channel: string): string | undefined {
  const m = /^(Microsoft-Windows-[^/]+)\//.exec(channel);
  return m?.[1];
}

/**
 * A complete event of a Windows event type: its template with the fields the type fixes, or, when no
 * template exists, the System fields every event has (marked `generic` in the second element).
 */
export function windowsEvent(target: WindowsTarget): { readonly event: Record<string, unknown>; readonly template: EventTemplate | undefined } {
  const t = templateFor(target.channel, target.eventId);
  if (t !== undefined) return { event: { ...t.event, EventID: target.eventId, ...target.fields }, template: t };
  const provider = providerOf(target.channel);
  return {
    event: {
      ...(provider === undefined ? {} : { Provider_Name: provider }),
      EventID: target.eventId,
      Level: 4,
      TimeCreated_SystemTime: '2025-06-02T09:14:07.512301Z',
      EventRecordID: 104000,
      Channel: target.channel,
      Computer: 'WORKSTATION01.contoso.local',
      Security_UserID: 'S-1-5-18',
      ...target.fields,
    },
    template: undefined,
  };
}

/** A complete event of the logsource's (first) event type; undefined outside Windows or without a template. */
export function eventTemplate(source: EventLogsource): Readonly<Record<string, unknown>> | undefined {
  const target = windowsTargets(source)?.[0];
  if (target === undefined) return undefined;
  const { event, template } = windowsEvent(target);
  return template === undefined ? undefined : event;
}
