import type { EventObject } from './event.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{ "#text": x }` → x; anything else unchanged. */
function text(v: unknown): unknown {
  return isObject(v) && '#text' in v ? v['#text'] : v;
}

/**
 * Windows event log JSON as evtx_dump writes it (`Event.System`, `Event.EventData`, `Event.UserData`) →
 * the flat field names Sigma rules use: EventData/UserData values by their Data name, System children by
 * name and System attributes as `Element_Attribute` (`Provider_Name`, `Execution_ProcessID`,
 * `TimeCreated_SystemTime`, `Security_UserID`); spaces are stripped from names (`Threat Name` → `ThreatName`). The original nested object stays under `Event`, so
 * dotted paths keep working. Events without an `Event` object are returned unchanged.
 *
 * Where a data name is also a System one, the data wins the flat name: that is the field a rule names. System 104
 * ("The <log> log file was cleared") carries UserData LogFileCleared/Channel, the cleared log, and SigmaHQ's
 * win_system_susp_eventlog_cleared tests exactly that as `Channel` (its list includes `System`, which as the header
 * would match every 104 event). The header stays at `Event.System.Channel`, which routing reads first (logsource.ts).
 */
export function flattenWindowsEvent(event: EventObject): EventObject {
  const root = event['Event'];
  if (!isObject(root)) return event;
  const out: Record<string, unknown> = {};
  const system = root['System'];
  if (isObject(system)) {
    for (const [k, v] of Object.entries(system)) {
      if (k === '#attributes') continue;
      if (isObject(v)) {
        const attrs = v['#attributes'];
        if (isObject(attrs)) for (const [a, av] of Object.entries(attrs)) out[`${k}_${a}`] = av;
        if ('#text' in v) out[k] = v['#text'];
      } else out[k] = v;
    }
  }
  const data = (section: unknown): void => {
    if (!isObject(section)) return;
    for (const [k, v] of Object.entries(section)) {
      if (k === '#attributes') continue;
      out[k] = text(v);
      // Sigma's Windows convention strips spaces from names: `Threat Name` is `ThreatName`.
      if (k.includes(' ')) {
        const compact = k.replace(/ /g, '');
        if (!(compact in section)) out[compact] = text(v);
      }
    }
  };
  data(root['EventData']);
  const userData = root['UserData'];
  // UserData wraps its fields in one provider-specific element.
  if (isObject(userData)) for (const inner of Object.values(userData)) data(inner);
  for (const [k, v] of Object.entries(event)) if (!(k in out)) out[k] = v;
  return out;
}
