/** A line on stderr with SIGMATS_DEBUG_STARTUP=1: which code runs, with which cache and which V8 flags. */
export function debug(message: string): void {
  if (process.env.SIGMATS_DEBUG_STARTUP === '1') process.stderr.write(`sigmats: startup: ${message}\n`);
}
