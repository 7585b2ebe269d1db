/**
 * Where the two Microsoft ASIM web-session parsers the records apply are: repository, path, commit and the lines of
 * their ParserQuery. The files are not in the vendor snapshot (SOURCES.md, "Web sessions") and are not copied here:
 * the builders transcribe them step by step, each step citing `<file>:<line>` and quoting the one expression it reads
 * (web-kusto.ts Step), which the tests run through the reference interpreter.
 */
export interface ParserText {
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
  /** The file's `Parser.Version` at that commit. */
  readonly version: string;
  /** The first and last lines of the file's ParserQuery. */
  readonly firstLine: number;
  readonly lastLine: number;
}

/**
 * ASimWebSessionIIS.yaml, Version 0.2.0 (CHANGELOG: "(2026-10-02) Standardized Parser.Version to three components by
 * appending .0 ..., and fixed HttpHost type handling"), the newest the code index holds; 5,536 characters, lines 26-123
 * (ParserQuery). The filtering twin vimWebSessionIIS.yaml 0.1.1 (commit bc043b8035deba6392cddcece2b78d4142c91b59) has the
 * same normalization lines after its filters.
 */
export const IIS_PARSER: ParserText = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Parsers/ASimWebSession/Parsers/ASimWebSessionIIS.yaml',
  commit: '5a4eaa75117bc3be455634e93eb89424e9581af4',
  version: '0.2.0',
  firstLine: 26,
  lastLine: 123,
};

/**
 * ASimWebSessionzScalerZIA.yaml at the newest commit the code index holds with the "Adjustment to support both old and
 * new CSL fields" (column_ifexists("EventOutcome"...)); its header still reads Version 0.4 while Microsoft's parser
 * list shows 0.4.1 (Nov 3, 2025), whose query the ARM template ASimWebSessionzScalerZIA.json (commit
 * 204bba23500016ab85adcb0833728cedd0015cb7) deploys identically. 5,224 characters, lines 28-123 (ParserQuery).
 */
export const ZIA_PARSER: ParserText = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Parsers/ASimWebSession/Parsers/ASimWebSessionzScalerZIA.yaml',
  commit: '228cf7f31f24467f61972941a8cee03164c0a1a3',
  version: '0.4',
  firstLine: 28,
  lastLine: 123,
};
