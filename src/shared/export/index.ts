// The export/import face: UIs import from here.
export { toCurl } from './curl.ts';
export { toFetch } from './fetch.ts';
export { toMarkdown } from './markdown.ts';
export { toHar, type HarOptions } from './har.ts';
export { toJson } from './json.ts';
export { fromHar, type FromHarOptions, type FromHarResult } from './har-import.ts';
export type { Har, HarEntry } from './har-types.ts';
export type { ExportOptions } from './mask-record.ts';
