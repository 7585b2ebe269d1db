/** Usage text for every command, with examples. Kept as data so `--help` loads nothing else. */

export const MAIN_HELP = `sigmats — convert, check and test Sigma detection rules

Usage: sigmats <command> [options]

Commands:
  convert   Convert rules to Splunk SPL, KQL, Sumo Logic or Sumo Cloud SIEM
  check     Validate rules: parse, schema and pySigma's best-practice validators (text, JSON, JUnit, SARIF)
  analyze   ATT&CK Navigator layer, field names per target, log source counts
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
      --json              NDJSON on stdout: one object per converted rule (with its diagnostics), one
                          per rule that failed or was skipped, then a summary
      --skip-unsupported  Rules the target cannot express (backend/unsupported-* errors only) are
                          skipped, not failures: one line counts them; exit 0 if nothing else failed
      --filter FILE       Sigma filter file (filter: documents) applied to the rules; repeatable
      --file-pattern GLOB Which files inside folders and glob matches are rules (default *.yml and
                          *.yaml); a GLOB without / matches the file name; repeatable
      --comments          Put a comment naming each rule before its query in plain output (default on
                          a terminal): \`\`\`title (id)\`\`\` in SPL, // in KQL and Sumo log search; a Sumo
                          Cloud SIEM expression has no comment syntax, so none there (use --json)
      --no-comments       Never add those comments
      --summary           After 50 diagnostics, show 20 and a count by code (default on a terminal)
  -v, --verbose           Show every diagnostic (and the skipped rules' reasons)
      --no-progress       No progress bar (shown on a terminal for batches of 50+ files)
  -j, --jobs N            Threads converting a run without correlations or filters: N-1 worker
                          threads beside the main one, for runs of more than 32 files (default: one
                          per core, at most 8, when files x targets >= 12,000; 1: none). Same output
      --no-color          No colours (also NO_COLOR=1)

Examples:
  sigmats convert -t splunk rules/
  sigmats convert -t kql -f default -o out/ rules/t1219_remote_access_tools
  sigmats convert -t all -o out/ 'rules/**/*.yml'
  sigmats convert -t sumo -p my-mapping.yml -O index=windows rule.yml
  cat rule.yml | sigmats convert -t sumo-cse -
  sigmats convert -t splunk --json rules/ | jq -r .queries[0]
  sigmats convert -t sumo-cse --skip-unsupported --filter filters/ignore_admins.yml sigma/rules/
  sigmats convert -t kql --file-pattern '*.sigma.yml' detections/

Exit codes: 0 all converted, 1 some rules failed (the others were converted and written), 2 usage error.
`,
  check: `Usage: sigmats check [options] PATHS...

Validate rules without converting: YAML, the Sigma schema (stricter than convert: dates with spaces
around them and a falsepositives string are errors here), modifiers, conditions, collection checks
(duplicate ids, correlation and filter references), then pySigma's validators, named as pySigma names
them (identifier_existence, wildcards_instead_of_modifiers, all_of_them_condition, attacktag, ...).
Validator findings are warnings coded validator/<name>, located at the key or value concerned;
value_percentile_without_percentile is an error. Diagnostics go to stderr.

Options:
      --sigmahq                 Also run the SigmaHQ conventions (sigmahq_date_existence, _status,
                                _level_existence, _filename_convention, _title_*, _falsepositives_*, ...)
      --exclude NAME[,NAME]     Do not run these validators; repeatable
      --validation-config FILE  pySigma's validator configuration YAML: validators (all, NAME, -NAME),
                                exclusions (rule id: NAME or [NAMES]), config (NAME: {param: value})
      --no-validators           Parse and schema checks only
  -t, --target TARGET[,...]     Also convert for these targets (or all) and validate every query: KQL with
                                Microsoft's Kusto analysis when @kusto/language-service-next is installed,
                                else the syntax gate (the command says which); SPL and Sumo with our linters
      --list-validators         List the validators (name, origin, severity, on/off) and exit
      --json                    NDJSON on stdout: one object per diagnostic, then a summary with counts
                                by code
      --junit FILE              Also write JUnit XML for CI: one testcase per rule document (or per file
                                that did not parse), failures carrying located messages
      --sarif FILE              Also write SARIF 2.1.0 (GitHub code scanning and other dashboards): the
                                validators as rules, one result per diagnostic
  -j, --jobs N                  Threads parsing and validating a run without -t: N-1 worker threads beside
                                the main one, for runs of more than 128 files (default: one per core, at
                                most 8, for runs of 5,000+ files; 1: none). Same output either way
  -v, --verbose                 Say how many threads a parallel run used
      --no-color                No colours (also NO_COLOR=1)

Examples:
  sigmats check rules/
  sigmats check --sigmahq --exclude sigmahq_title_case,escaped_wildcard rules/
  sigmats check --validation-config sigma_cli_conf.yml --sarif check.sarif rules/
  sigmats check --junit reports/sigma-check.xml 'rules/**/*.yml'
  sigmats check -t kql,splunk rules/
  sigmats check --list-validators

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
  -j, --jobs N               Threads matching a stream of rules without correlations: N-1 worker threads
                             beside the main one, each compiling the rules once (default: one per core,
                             at most 8, for one file or stream of events of 128 MB+, several files of
                             200 MB+, or past 1,000,000 events; 1: none). Matches are printed in event
                             order either way
  -v, --verbose              Say how many threads a parallel run used
      --no-color             No colours (also NO_COLOR=1)

Examples:
  sigmats eval --rules rules/ events.ndjson
  evtx_dump -o jsonl Sysmon.evtx | sigmats eval --rules rules/ --logsource windows -
  zcat events.json.gz | sigmats eval --rules rules/t1219_remote_access_tools -

Exit codes: 0 done (whether or not anything matched), 1 some rules or events failed, 2 usage error.
`,
  list: `Usage: sigmats list targets|pipelines|formats [-t TARGET] [--json]

List conversion targets, their built-in pipelines, or their output formats.

Options:
  -t, --target TARGET   Only this target (pipelines and formats)
      --json            NDJSON: one object per line (targets: target, name, defaultFormat, formats,
                        pipelines, defaultPipelines; pipelines and formats: target, name, description,
                        default, and extension for formats)

Examples:
  sigmats list targets
  sigmats list pipelines -t kql
  sigmats list formats
  sigmats list pipelines -t kql --json | jq -r .name
`,
  analyze: `Usage: sigmats analyze attack|fields|logsource [options] PATHS...

Summaries of a rule set.
  attack      ATT&CK Navigator layer JSON (format 4.5): each technique scored by its number of rules;
              the same layer the variant site publishes (attack-layer.json). Open it in
              https://mitre-attack.github.io/attack-navigator/
  fields      The field names each rule reads once the target's pipelines have run (field mappings,
              renames) and, for Sumo, the backend's own naming (JSON key paths for log search, the
              normalized schema or fields['key'] for Cloud SIEM), per rule and in total; needs -t
  logsource   Number of rules per product / category / service

Options:
  -o, --output FILE     attack: write the layer to FILE (stdout otherwise)
      --name TEXT       attack: the layer's name (default 'sigmats rules')
  -t, --target TARGET   fields: splunk, kql, sumo or sumo-cse
  -p, --pipeline P      fields: extra pipeline (built-in name or YAML file); repeatable
      --no-default-pipelines  fields: leave the target's default pipelines out
      --json            fields, logsource: NDJSON (fields: one object per rule, then totals)
      --no-color        No colours (also NO_COLOR=1)

Examples:
  sigmats analyze attack -o coverage-layer.json rules/
  sigmats analyze fields -t kql rules/
  sigmats analyze fields -t splunk -p cim --json rules/ | jq -c .fields
  sigmats analyze logsource rules/

Exit codes: 0 done, 1 some rules did not load, 2 usage error.
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
