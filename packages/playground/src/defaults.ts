import rule from '../../../rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml';
import tp from '../../../rules/t1219_remote_access_tools/fixtures/tp_anydesk_portable_temp.json';
import tn from '../../../rules/t1219_remote_access_tools/fixtures/tn_explorer.json';
import type { PlaygroundState } from './state.js';

/** The page opens on the repository's remote-access-tool rule and two of its fixture events (one match, one not). */
export const DEFAULT_STATE: PlaygroundState = {
  rule,
  target: 'splunk',
  pipelines: [],
  customPipeline: '',
  noDefaultPipelines: false,
  format: '',
  events: `${JSON.stringify(tp.event)}\n${JSON.stringify(tn.event)}\n`,
};
