import type { PlaygroundState } from './state.js';

/** POSIX shell quoting: bare when safe, else single quotes (a ' inside becomes '\''). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `sigmats convert` command that gives the same output as the page, for a rule saved as `ruleFile` and the custom
 * pipeline (if any) saved as `pipelineFile`. Pipelines keep the page's order: built-in ones, then the custom one.
 */
export function cliCommand(state: PlaygroundState, ruleFile = 'rule.yml', pipelineFile = 'pipeline.yml'): string {
  const words = ['sigmats', 'convert', '-t', state.target];
  for (const p of state.pipelines) words.push('-p', p);
  if (state.customPipeline.trim() !== '') words.push('-p', pipelineFile);
  if (state.noDefaultPipelines) words.push('--no-default-pipelines');
  if (state.format !== '') words.push('-f', state.format);
  words.push(ruleFile);
  return words.map(shellQuote).join(' ');
}
