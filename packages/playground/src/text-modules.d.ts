// The build inlines YAML files as strings (esbuild's text loader; see build.mjs).
declare module '*.yml' {
  const text: string;
  export default text;
}
