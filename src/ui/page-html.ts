/** The page, one HTML document. A stub until the page build generates this module from src/ui/page/. */
export function pageHtml(): string {
  return '<!doctype html><html><head><meta charset="utf-8"><title>pond ui</title></head><body><h1>pond ui</h1><p>The page is not built yet: the API is at /api/state.</p></body></html>';
}
