// Types of scripts/generate.mjs for the TypeScript tests that import it.
/** The Microsoft vendor folder ($SIGMATS_VENDOR_DIR/microsoft, else ../shared/vendor/microsoft), if present. */
export declare function microsoftDir(): string | undefined;
/** Every generated file: path relative to the package → content. */
export declare function generate(dir: string): Map<string, string>;
