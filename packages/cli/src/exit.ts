export const EXIT_OK = 0;
/** Some inputs failed; the others were still processed. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
