/** A small, strict argv parser: unknown options and missing values are usage errors (exit 2). */

export type OptionType = 'boolean' | 'string' | 'list';

export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: OptionType;
  /** `list` options also accept comma-separated values when true. */
  readonly comma?: boolean;
}

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at. */
    readonly command?: string,
    /** An unknown option as written, and the command's options: the caller adds a did-you-mean hint. */
    readonly unknownOption?: { readonly written: string; readonly specs: readonly OptionSpec[] },
  ) {
    super(message);
  }
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command?: string): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.flatMap((s) => (s.short ? [[s.short, s] as const] : [])));
  const flags = new Set<string>();
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];

  const take = (spec: OptionSpec, value: string | undefined, shown: string, next: () => string | undefined): void => {
    if (spec.type === 'boolean') {
      if (value !== undefined) throw new UsageError(`option ${shown} takes no value`, command);
      flags.add(spec.name);
      return;
    }
    const v = value ?? next();
    if (v === undefined) throw new UsageError(`option ${shown} needs a value`, command);
    if (spec.type === 'string') {
      if (strings.has(spec.name)) throw new UsageError(`option ${shown} given more than once`, command);
      strings.set(spec.name, v);
    } else {
      const list = lists.get(spec.name) ?? [];
      list.push(...(spec.comma ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [v]));
      lists.set(spec.name, list);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (): string | undefined => {
      const v = argv[i + 1];
      if (v === undefined) return undefined;
      i++;
      return v;
    };
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}`, command, { written: `--${name}`, specs });
      take(spec, eq >= 0 ? arg.slice(eq + 1) : undefined, `--${name}`, next);
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1]!;
      const spec = byShort.get(letter);
      if (!spec) throw new UsageError(`unknown option -${letter}`, command, { written: arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg, specs });
      // `-tsplunk` and `-t splunk` both work for options with a value; booleans do not bundle.
      const rest = arg.slice(2);
      if (spec.type === 'boolean' && rest !== '') throw new UsageError(`unknown option ${arg}`, command);
      take(spec, rest === '' ? undefined : rest.replace(/^=/, ''), `-${letter}`, next);
    } else {
      positionals.push(arg);
    }
  }
  return { flags, strings, lists, positionals };
}
