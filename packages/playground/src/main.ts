import { basicSetup } from 'codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from '@sigmats/core';
import { cliCommand } from './command.js';
import { DEFAULT_STATE } from './defaults.js';
import { backendFor, convert, matchEvents, type Pane, type PaneDiagnostic } from './engine.js';
import { decodeState, encodeState, isTarget, TARGETS, type PlaygroundState } from './state.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el as T;
};

const targetSelect = $<HTMLSelectElement>('target');
const formatSelect = $<HTMLSelectElement>('format');
const pipelineBox = $<HTMLElement>('pipelines');
const noDefault = $<HTMLInputElement>('no-default-pipelines');
const output = $<HTMLElement>('output');
const command = $<HTMLElement>('command');
const diagList = $<HTMLUListElement>('diagnostics');
const verdictList = $<HTMLUListElement>('verdicts');
const shareInput = $<HTMLInputElement>('share-link');
const linkNote = $<HTMLElement>('link-note');

// Start from the link's state when there is one; a broken link says why and keeps the example.
let initial: PlaygroundState = DEFAULT_STATE;
if (location.hash.length > 1) {
  const decoded = decodeState(location.hash, DEFAULT_STATE);
  if (decoded.kind === 'ok') initial = decoded.state;
  else linkNote.textContent = `The link could not be read (${decoded.reason}); showing the example rule.`;
}

let timer: ReturnType<typeof setTimeout> | undefined;
const schedule = (): void => {
  clearTimeout(timer);
  timer = setTimeout(update, 120);
};

function editor(parent: HTMLElement, doc: string, extra: readonly Extension[]): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [basicSetup, lintGutter(), ...extra, EditorView.updateListener.of((u) => u.docChanged && schedule())],
    }),
  });
}

const ruleView = editor($('rule-editor'), initial.rule, [yaml()]);
const pipelineView = editor($('pipeline-editor'), initial.customPipeline, [yaml()]);
const eventsView = editor($('events-editor'), initial.events, []);
const views: Record<Pane, EditorView> = { rule: ruleView, pipeline: pipelineView, events: eventsView };

for (const t of TARGETS) targetSelect.add(new Option(t, t));
targetSelect.value = initial.target;
noDefault.checked = initial.noDefaultPipelines;
let selectedPipelines: string[] = [...initial.pipelines];
let selectedFormat = initial.format;

/** Rebuilds the format list and pipeline checkboxes for the chosen target, keeping choices that still apply. */
function renderTargetControls(): void {
  const backend = backendFor(isTarget(targetSelect.value) ? targetSelect.value : 'splunk');
  formatSelect.replaceChildren(new Option(`default (${backend.defaultFormat})`, ''));
  for (const f of backend.formats) formatSelect.add(new Option(`${f.name}: ${f.description}`, f.name));
  if (!backend.formats.some((f) => f.name === selectedFormat)) selectedFormat = '';
  formatSelect.value = selectedFormat;
  selectedPipelines = selectedPipelines.filter((n) => backend.pipelines.some((p) => p.name === n));
  pipelineBox.replaceChildren();
  for (const p of backend.pipelines) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = p.name;
    box.checked = selectedPipelines.includes(p.name);
    box.addEventListener('change', () => {
      selectedPipelines = box.checked ? [...selectedPipelines, p.name] : selectedPipelines.filter((n) => n !== p.name);
      update();
    });
    const isDefault = backend.defaultPipelines.includes(p.name) ? ' (applied by default)' : '';
    label.title = p.description;
    label.append(box, ` ${p.name}${isDefault}`);
    pipelineBox.append(label);
  }
  if (backend.pipelines.length === 0) pipelineBox.textContent = 'no built-in pipelines';
}

function currentState(): PlaygroundState {
  return {
    rule: ruleView.state.doc.toString(),
    target: isTarget(targetSelect.value) ? targetSelect.value : 'splunk',
    pipelines: selectedPipelines,
    customPipeline: pipelineView.state.doc.toString(),
    noDefaultPipelines: noDefault.checked,
    format: selectedFormat,
    events: eventsView.state.doc.toString(),
  };
}

/** line:col (1-based) to a document range: the diagnostic's span, else from the column to the end of the line. */
function toCm(view: EditorView, d: Diagnostic): CmDiagnostic {
  const doc = view.state.doc;
  const lineNo = Math.min(Math.max(d.line, 1), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max(d.column, 1) - 1, line.to);
  let to = line.to;
  if (d.endLine !== undefined && d.endColumn !== undefined && d.endLine >= lineNo && d.endLine <= doc.lines) {
    to = Math.min(doc.line(d.endLine).from + Math.max(d.endColumn, 1) - 1, doc.length);
  }
  if (to <= from) to = Math.min(from + 1, doc.length);
  const hint = d.hint ? ` (hint: ${d.hint})` : '';
  return { from, to: Math.max(to, from), severity: d.severity, message: `${d.code}: ${d.message}${hint}`, source: 'sigmats' };
}

function update(): void {
  clearTimeout(timer);
  const state = currentState();
  const conversion = convert(state);
  const matches = matchEvents(conversion.collection, state.events);
  output.textContent = conversion.output;
  output.dataset['format'] = conversion.format;

  // The same problem can come from parsing and from the evaluator's compile: show it once.
  const seen = new Set<string>();
  const all: PaneDiagnostic[] = [];
  for (const pd of [...conversion.diagnostics, ...matches.diagnostics]) {
    const d = pd.diagnostic;
    const key = `${pd.pane}|${d.line}|${d.column}|${d.code}|${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      all.push(pd);
    }
  }
  for (const pane of ['rule', 'pipeline', 'events'] as const) {
    const view = views[pane];
    view.dispatch(setDiagnostics(view.state, all.filter((p) => p.pane === pane).map((p) => toCm(view, p.diagnostic))));
  }
  diagList.replaceChildren(
    ...all.map(({ pane, diagnostic: d }) => {
      const li = document.createElement('li');
      li.className = d.severity;
      li.dataset['pane'] = pane;
      li.dataset['line'] = String(d.line);
      li.dataset['code'] = d.code;
      li.textContent = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
      return li;
    }),
  );
  verdictList.replaceChildren(
    ...matches.verdicts.map((v, i) => {
      const li = document.createElement('li');
      li.className = v.matched.length > 0 ? 'match' : 'no-match';
      li.dataset['line'] = String(v.line);
      li.textContent = `event ${i + 1} (line ${v.line}): ${v.matched.length > 0 ? `matches ${v.matched.join(', ')}` : 'no match'}`;
      return li;
    }),
  );
  command.textContent = cliCommand(state);
  const fragment = encodeState(state);
  history.replaceState(null, '', `#${fragment}`);
  shareInput.value = location.href;
}

targetSelect.addEventListener('change', () => {
  renderTargetControls();
  update();
});
formatSelect.addEventListener('change', () => {
  selectedFormat = formatSelect.value;
  update();
});
noDefault.addEventListener('change', update);
$('copy-link').addEventListener('click', () => {
  shareInput.select();
  // Clipboard access needs a secure context (not file://): the selected field is the fallback.
  navigator.clipboard?.writeText(shareInput.value).catch(() => undefined);
});

renderTargetControls();
update();
document.body.dataset['ready'] = 'true';
