// A backend's built-in pipelines are its own data, written as objects in pySigma's YAML shape. Parsing them all when
// the backend is imported cost a one-rule `sigmats convert -t splunk` about a sixth of its startup (the Splunk
// backend's four pipelines: their items, conditions and regexes), for pipelines that run only when asked for by
// name. Each is parsed on first use of its `pipeline`, once.
import type { PipelineInfo } from '../backend.js';
import { pipelineFromObject } from './parse.js';
import type { Pipeline } from './types.js';

/**
 * A built-in pipeline, parsed from `obj` on first use. A built-in that does not parse is a bug in the backend:
 * reading its `pipeline` throws, with the parser's messages (the backends' tests read every one).
 */
export function builtInPipeline(obj: unknown, name: string, description: string, source: string): PipelineInfo {
  let parsed: Pipeline | undefined;
  return {
    name,
    description,
    get pipeline(): Pipeline {
      if (parsed === undefined) {
        const r = pipelineFromObject(obj, name, source);
        if (!r.pipeline || r.diagnostics.some((d) => d.severity === 'error')) {
          throw new Error(`built-in pipeline ${name} is invalid: ${r.diagnostics.map((d) => d.message).join('; ')}`);
        }
        parsed = r.pipeline;
      }
      return parsed;
    },
  };
}
