import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A link in a generated page that leads nowhere inside the site. */
export interface BrokenLink {
  readonly page: string;
  readonly href: string;
  readonly reason: 'missing file' | 'missing anchor';
}

export interface LinkReport {
  readonly pages: number;
  readonly links: number;
  readonly broken: readonly BrokenLink[];
}

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.html') || e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

const HTML_LINK = /\s(?:href|src)="([^"]*)"/g;
const MD_LINK = /\]\(([^)\s]*)\)/g;
const HTML_ID = /\sid="([^"]*)"/g;

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

/**
 * Every internal link of every HTML and Markdown page under `root`: the file it names must exist inside the site,
 * and an `#anchor` into an HTML page must name an element id there. Web links are not followed.
 */
export function checkLinks(root: string): LinkReport {
  const base = resolve(root);
  const pages = walk(base, []);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...readFileSync(file, 'utf8').matchAll(HTML_ID)].map((m) => m[1]!));
      ids.set(file, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const page of pages) {
    const text = readFileSync(page, 'utf8');
    const pattern = page.endsWith('.html') ? HTML_LINK : MD_LINK;
    for (const m of text.matchAll(pattern)) {
      const raw = page.endsWith('.html') ? unescapeHtml(m[1]!) : decodeURI(m[1]!);
      if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) continue;
      links++;
      const [pathPart, anchor] = raw.split('#') as [string, string | undefined];
      const target = pathPart === '' ? page : resolve(dirname(page), pathPart.split('?')[0]!);
      const rel = relative(base, page);
      if (relative(base, target).startsWith('..') || !existsSync(target)) {
        broken.push({ page: rel, href: raw, reason: 'missing file' });
        continue;
      }
      if (anchor && target.endsWith('.html') && !idsOf(target).has(anchor)) broken.push({ page: rel, href: raw, reason: 'missing anchor' });
    }
  }
  return { pages: pages.length, links, broken };
}
