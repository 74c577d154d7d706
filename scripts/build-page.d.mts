/** The finished page document as a string. */
export function buildPage(): Promise<string>;
/** Writes dist/ui/page.html (what `npm run build` runs) and answers its path. */
export function writePage(): Promise<string>;
