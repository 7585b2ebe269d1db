/** Usage text for every command, with examples. Kept as data so `--help` loads nothing else. */

export const MAIN_HELP = `sigmats — convert, check and test Sigma detection rules

Usage: sigmats <command> [options]

Commands:
  convert   Convert rules to Splunk SPL, KQL, Sumo Logic or Sumo Cloud SIEM
  check     Validate rules (parse + collection checks), optionally as JUnit XML
  test      Run the fixture tests beside the rules (rules/<technique>/fixtures/*.json)
  eval      Match JSON events against rules, streaming NDJSON matches
  list      List targets, pipelines or output formats
  variants  Publish a detection-content site: pages per rule and platform, techniques, coverage

Options:
  -h, --help      Show help (also: sigmats <command> --help)
  -V, --version   Show the version

Examples:
  sigmats convert -t splunk rules/
  sigmats check --junit check.xml rules/
  sigmats list targets

Exit codes: 0 success, 1 some rules failed (the others were still processed), 2 usage error.
Colours are off when NO_COLOR is set or stderr is not a terminal.
`;

export const COMMAND_HELP: Record<string, string> = {
  convert: `Usage: sigmats convert -t TARGET [options] PATHS...

Convert Sigma rules to queries. PATHS are files, folders (searched recursively for *.yml and *.yaml),
globs (quote them: 'rules/**/*.yml') or - for stdin. Results go to stdout (or -o), diagnostics to
stderr as file:line:col: severity code: message. A broken rule never stops the others.

Options:
  -t, --target TARGET     splunk, kql, sumo, sumo-cse, or all (required)
  -p, --pipeline P        Extra pipeline: a built-in name (see 'sigmats list pipelines') or a YAML
                          file; repeatable
      --no-default-pipelines  Do not apply the target's default pipelines
  -f, --format FORMAT     Output format (see 'sigmats list formats'); the target's default otherwise
  -O, --option KEY=VALUE  Backend option; repeatable (true/false and numbers are typed);
                          TARGET:KEY=VALUE applies to one target only (useful with -t all)
  -o, --output OUT        A directory (existing, ending in /, or with -t all): one file per rule file,
                          named <rule file name>.<format extension>, a subfolder per target with -t all;
                          otherwise a file receiving the whole output. Files are written atomically.
      --json              NDJSON on stdout: one object per converted rule, then a summary
      --no-progress       No progress bar (shown on a terminal for batches of 50+ files)
      --no-color          No colours (also NO_COLOR=1)

Examples:
  sigmats convert -t splunk rules/
  sigmats convert -t kql -f default -o out/ rules/t1219_remote_access_tools
  sigmats convert -t all -o out/ 'rules/**/*.yml'
  sigmats convert -t sumo -p my-mapping.yml -O index=windows rule.yml
  cat rule.yml | sigmats convert -t sumo-cse -
  sigmats convert -t splunk --json rules/ | jq -r .queries[0]

Exit codes: 0 all converted, 1 some rules failed (the others were converted and written), 2 usage error.
`,
  check: `Usage: sigmats check [options] PATHS...

Validate rules without converting: YAML, schema, modifiers, conditions, and collection checks
(duplicate ids, correlation and filter references). Diagnostics go to stderr.

Options:
      --junit FILE   Also write JUnit XML for CI: one testcase per rule document (or per file that
                     did not parse), failures carrying located messages
      --no-color     No colours (also NO_COLOR=1)

Examples:
  sigmats check rules/
  sigmats check --junit reports/sigma-check.xml 'rules/**/*.yml'

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
`,
  test: `Usage: sigmats test [options] [PATHS...]

Run fixture tests: each rules/<technique>/fixtures/*.json holds {description, expect, rule, event}
and says whether the rule must match the event. PATHS default to rules/.

Options:
      --json         NDJSON results on stdout (one line per fixture, then a summary)
      --junit FILE   Also write JUnit XML: a testsuite per rule, a testcase per fixture
      --no-color     No colours (also NO_COLOR=1)

Examples:
  sigmats test
  sigmats test rules/t1021.006_winrm
  sigmats test --junit reports/fixtures.xml

Exit codes: 0 all fixtures pass, 1 a fixture failed or a rule did not load, 2 usage error.
`,
  eval: `Usage: sigmats eval --rules PATHS [options] [EVENTS...]

Match events against rules. EVENTS are files or - (stdin, the default) holding NDJSON or concatenated
JSON objects; they are streamed. Each match is printed as one NDJSON line:
{"rule": id, "title": ..., "event": index, "file", "line", "identifiers": [search identifiers]}.

Windows event log JSON as evtx_dump writes it (Event.System, Event.EventData) is flattened to the field
names Sigma rules use (Image, CommandLine, EventID, Provider_Name, ...); other events are used as they are.

Options:
      --rules PATHS          Rule files, folders or globs; repeatable (required)
      --logsource windows    Only run a rule on events of its logsource (Sysmon/Security/... channel and
                             event id decide); without it every rule sees every event
      --no-flatten           Keep evtx_dump's nesting (fields only reachable as Event.EventData.Image)
      --no-color             No colours (also NO_COLOR=1)

Examples:
  sigmats eval --rules rules/ events.ndjson
  evtx_dump -o jsonl Sysmon.evtx | sigmats eval --rules rules/ --logsource windows -
  zcat events.json.gz | sigmats eval --rules rules/t1219_remote_access_tools -

Exit codes: 0 done (whether or not anything matched), 1 some rules or events failed, 2 usage error.
`,
  list: `Usage: sigmats list targets|pipelines|formats [-t TARGET]

List conversion targets, their built-in pipelines, or their output formats.

Options:
  -t, --target TARGET   Only this target (pipelines and formats)

Examples:
  sigmats list targets
  sigmats list pipelines -t kql
  sigmats list formats
`,
  variants: `Usage: sigmats variants [options] -o DIR [PATHS...]

Publish a detection-content site: for each rule a page per platform (Splunk, Microsoft Defender XDR,
Microsoft Sentinel, Sumo Logic, Sumo Logic Cloud SIEM) with title, description, MITRE ATT&CK
tactic/technique with links, the query and its deployment configuration, the platform's rule format
as a download, severity, data sources, false positives, the portable Sigma rule and its fixture events
(copied into the site), the other platforms, authors and licence; an index by tactic -> technique with
client-side search, a page per technique ("Other platforms for <technique>"), an ATT&CK coverage matrix
(coverage.html), an ATT&CK Navigator layer (attack-layer.json) and an about page with the licences.
PATHS default to rules/.

Options:
  -o, --output DIR      Output directory (required): DIR/index.*, DIR/techniques/<ID>.*,
                        DIR/rules/<rule file name>/<platform>.<ext>, DIR/coverage.html, DIR/attack-layer.json
      --format LIST     Comma-separated: md, html, json (default md,html,json)
      --base-url URL    The site's public URL, for canonical links (https://example.org/detections/)
      --title TEXT      The site's title (default Detections)
      --no-color        No colours (also NO_COLOR=1)

Examples:
  sigmats variants -o site/ rules/
  sigmats variants --format html --base-url https://example.org/detections/ -o site/ rules/

Exit codes: 0 every page written, 1 some rule or platform failed (the others were written), 2 usage error.
`,
};
