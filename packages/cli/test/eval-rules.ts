/** The log source and detection of a rule for whoami.exe processes. */
export const WHOAMI_DETECTION = `logsource:
    category: process_creation
    product: windows
detection:
    sel:
        Image|endswith: '\\\\whoami.exe'
    condition: sel
`;

/** Small process-creation rules for the in-process tests of parallel `eval` (chunks and parts). */
export const WHOAMI_AND_CMD = `title: Whoami
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000d1
${WHOAMI_DETECTION}---
title: Any cmd
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000d2
logsource:
    category: process_creation
    product: windows
detection:
    sel:
        Image|contains: 'cmd'
    condition: sel
`;
