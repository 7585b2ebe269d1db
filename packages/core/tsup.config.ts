import { defineConfig } from 'tsup';

export default defineConfig({
  // validators: the `@sigmats/core/validators` subpath (dist/validators.js); code both entries use goes to shared chunks.
  entry: { index: 'src/index.ts', validators: 'src/validators/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
});
