import { unsupported } from './errors.js';

/**
 * strftime in UTC (Splunk formats in the search's time zone; these tests run as a UTC user). The common
 * directives of "Date and time format variables" (Search Reference); any other directive is refused.
 */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601 week number (%V). */
function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return Math.ceil(((t.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
}

export function strftime(epochSeconds: number, format: string): string {
  const d = new Date(epochSeconds * 1000);
  if (Number.isNaN(d.getTime())) return '';
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const f = format[++i];
    switch (f) {
      case 'Y': out += String(d.getUTCFullYear()); break;
      case 'y': out += pad(d.getUTCFullYear() % 100); break;
      case 'm': out += pad(d.getUTCMonth() + 1); break;
      case 'd': out += pad(d.getUTCDate()); break;
      case 'e': out += String(d.getUTCDate()).padStart(2, ' '); break;
      case 'H': out += pad(d.getUTCHours()); break;
      case 'I': out += pad(((d.getUTCHours() + 11) % 12) + 1); break;
      case 'M': out += pad(d.getUTCMinutes()); break;
      case 'S': out += pad(d.getUTCSeconds()); break;
      case 'p': out += d.getUTCHours() < 12 ? 'AM' : 'PM'; break;
      case 'j': out += pad(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3); break;
      case 'V': out += pad(isoWeek(d)); break;
      case 'u': out += String(d.getUTCDay() || 7); break;
      case 'w': out += String(d.getUTCDay()); break;
      case 'a': out += DAYS[d.getUTCDay()]!.slice(0, 3); break;
      case 'A': out += DAYS[d.getUTCDay()]!; break;
      case 'b': out += MONTHS[d.getUTCMonth()]!.slice(0, 3); break;
      case 'B': out += MONTHS[d.getUTCMonth()]!; break;
      case 's': out += String(Math.floor(epochSeconds)); break;
      case 'z': out += '+0000'; break;
      case 'Z': out += 'UTC'; break;
      case '%': out += '%'; break;
      default:
        unsupported(`strftime directive %${f ?? ''}`);
    }
  }
  return out;
}
