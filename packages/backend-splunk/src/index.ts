export { splunkBackend, SPLUNK_PIPELINES } from './backend.js';
export { lintSpl } from './lint/lint.js';
export { tokenizeSpl, type SplToken, type SplTokenKind } from './lint/tokenize.js';
export { SPLUNK_OPTIONS } from './options.js';
export { sysmonPipeline, SYSMON_CATEGORIES, SYSMON_SOURCE } from './pipelines/sysmon.js';
export { windowsSecurityPipeline, PROCESS_CREATION_4688, SECURITY_SOURCE } from './pipelines/windows-security.js';
export { cimPipeline, CIM_PROCESSES } from './pipelines/cim.js';
