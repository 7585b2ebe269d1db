import { defineConfig, mergeConfig } from 'vitest/config';
import root from '../../vitest.config';

// Per-package runs reuse the root aliases and only pick up this package's tests.
export default mergeConfig(root, defineConfig({ test: { include: ['test/**/*.test.ts'], root: import.meta.dirname } }));
