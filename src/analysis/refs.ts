// Reference links shared by the rules. Built from parts to keep the bundle small.
import type { Finding } from './types.ts';

type Ref = Finding['references'][number];

export const rfc = (n: number, section?: string): Ref => ({
  title: `RFC ${n}${section ? ` §${section}` : ''}`,
  url: `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`,
});

export const mdn = (path: string, title: string): Ref => ({
  title: `MDN: ${title}`,
  url: `https://developer.mozilla.org/en-US/docs/Web/${path}`,
});

export const link = (title: string, url: string): Ref => ({ title, url });

export const MDN_WWW_AUTH = mdn('HTTP/Reference/Headers/WWW-Authenticate', 'WWW-Authenticate');
export const MDN_AUTH = mdn('HTTP/Reference/Headers/Authorization', 'Authorization');
export const MDN_CREDENTIALS = mdn('API/RequestInit#credentials', 'fetch credentials');
export const MDN_CORS = mdn('HTTP/Guides/CORS', 'CORS');
export const MDN_COOKIES = mdn('HTTP/Reference/Headers/Set-Cookie', 'Set-Cookie');
