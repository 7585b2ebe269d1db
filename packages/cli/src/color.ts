import type { CliIo, OutStream } from './io.js';

export interface Colors {
  readonly enabled: boolean;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}

const wrap = (on: boolean, open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);

/** Colours on a TTY unless NO_COLOR (any value, https://no-color.org) or --no-color; FORCE_COLOR forces them. */
export function colorsFor(stream: OutStream, io: CliIo, noColorFlag: boolean): Colors {
  const env = io.env;
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const on = !noColorFlag && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && (force || stream.isTTY === true) && env.TERM !== 'dumb';
  return {
    enabled: on,
    red: wrap(on, 31, 39),
    yellow: wrap(on, 33, 39),
    green: wrap(on, 32, 39),
    bold: wrap(on, 1, 22),
    dim: wrap(on, 2, 22),
  };
}
