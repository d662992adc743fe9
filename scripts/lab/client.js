// The lab page's interpreter: runs a scenario's steps (scripts/lab/scenarios.ts) for real in
// the browser and shows what came back. Plain browser JavaScript, served as /lab/client.js.
'use strict';

const data = JSON.parse(document.getElementById('lab-data').textContent);
const scenarios = new Map(data.scenarios.map((s) => [s.id, s]));
const swReady =
  'serviceWorker' in navigator
    ? navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(() => navigator.serviceWorker.ready)
    : Promise.reject(new Error('no service workers here'));
swReady.catch(() => {});

const fill = (s, vars) => String(s).replace(/\{\{(\w+)\}\}/g, (_, k) => (vars[k] === undefined ? '' : String(vars[k])));
const urlOf = (to, vars) => data.origins[to.origin || 'primary'] + fill(to.path, vars);
const filled = (h, vars) => Object.fromEntries(Object.entries(h || {}).map(([k, v]) => [k, fill(v, vars)]));
const b64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const text64 = (s) => b64url(new TextEncoder().encode(s));
const hex = async (alg, s) =>
  [...new Uint8Array(await crypto.subtle.digest(alg, new TextEncoder().encode(s)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

function save(step, body, vars) {
  if (!step.save) return;
  try {
    vars[step.save.as] = JSON.parse(body)[step.save.field];
  } catch {
    /* the log shows the body */
  }
}

function viaXhr(step, url, method, headers, body, vars, log) {
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open(method, url);
    for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
    x.withCredentials = step.credentials === 'include';
    if (step.timeoutMs) x.timeout = step.timeoutMs;
    x.onload = () => {
      log(`${method} ${url} → ${x.status}`);
      save(step, x.responseText, vars);
      resolve();
    };
    x.ontimeout = () => {
      log(`${method} ${url} → aborted after ${step.timeoutMs} ms: the browser held it behind its login dialog`);
      resolve();
    };
    x.onerror = () => {
      log(`${method} ${url} → network error`);
      resolve();
    };
    x.send(body);
  });
}

async function doFetch(step, vars, log) {
  const url = urlOf(step.to, vars);
  const method = step.method || 'GET';
  const headers = filled(step.headers, vars);
  const body = step.body === undefined ? undefined : fill(step.body, vars);
  if (step.xhr) return viaXhr(step, url, method, headers, body, vars, log);
  const ctl = new AbortController();
  const timer = step.timeoutMs ? setTimeout(() => ctl.abort(), step.timeoutMs) : undefined;
  try {
    const r = await fetch(url, {
      method,
      headers,
      body,
      credentials: step.credentials || 'same-origin',
      signal: ctl.signal,
      cache: 'no-store',
    });
    const text = await r.text();
    log(
      `${method} ${url} → ${r.status}${r.headers.get('www-authenticate') ? `  WWW-Authenticate: ${r.headers.get('www-authenticate')}` : ''}`,
    );
    save(step, text, vars);
  } catch (e) {
    log(
      `${method} ${url} → ${e.name === 'AbortError' ? `aborted after ${step.timeoutMs} ms: the browser held it behind its login dialog` : `failed: ${e.message} (see the console: CORS)`}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

// RFC 7616 §3.4: answer the SHA-256 challenge. credentials: 'omit' keeps Chrome from showing
// its own login dialog for the 401 (it then hands the response to the page).
async function doDigest(step, vars, log) {
  const url = urlOf(step.to, vars);
  const uri = new URL(url).pathname + new URL(url).search;
  const first = await fetch(url, { credentials: 'omit', cache: 'no-store' });
  // Firefox hides a repeated WWW-Authenticate from fetch(); the lab repeats it in the body.
  const raw = first.headers.get('www-authenticate') || (await first.text());
  const challenges = raw.split(/\n|,\s*(?=Digest\s)/);
  const sha = challenges.find((c) => /algorithm=SHA-256/i.test(c)) || '';
  const param = (k) => (new RegExp(`${k}="?([^",]+)"?`, 'i').exec(sha) || [])[1] || '';
  log(
    `GET ${url} → ${first.status}  (challenge: realm="${param('realm')}", algorithm=SHA-256, nonce="${param('nonce')}")`,
  );
  if (step.waitMs) {
    log(`… waiting ${step.waitMs} ms`);
    await new Promise((r) => setTimeout(r, step.waitMs));
  }
  const realm = param('realm'),
    nonce = param('nonce'),
    cnonce = crypto.randomUUID().replace(/-/g, ''),
    nc = '00000001';
  const ha1 = await hex('SHA-256', `${step.user}:${realm}:${step.password}`);
  const ha2 = await hex('SHA-256', `GET:${uri}`);
  const response = await hex('SHA-256', `${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const auth = `Digest username="${step.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=SHA-256, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", opaque="${param('opaque')}"`;
  const second = await fetch(url, { credentials: 'omit', cache: 'no-store', headers: { Authorization: auth } });
  log(`GET ${url} (Digest ${step.user}) → ${second.status}  ${second.headers.get('www-authenticate') || ''}`);
}

// RFC 9449 §4: a proof JWT signed with a fresh ES256 key; WebCrypto's ECDSA output is r||s,
// exactly what JWS wants.
async function doDpop(step, vars, log) {
  const url = urlOf(step.to, vars);
  const kp = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', kp.publicKey);
  const head = text64(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } }));
  const body = text64(
    JSON.stringify({
      jti: crypto.randomUUID(),
      htm: 'GET',
      htu: url.split('?')[0],
      iat: Math.floor(Date.now() / 1000),
    }),
  );
  const sig = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    kp.privateKey,
    new TextEncoder().encode(`${head}.${body}`),
  );
  const r = await fetch(url, {
    cache: 'no-store',
    headers: { Authorization: `DPoP ${fill(step.token, vars)}`, DPoP: `${head}.${body}.${b64url(sig)}` },
  });
  log(`GET ${url} (DPoP proof, no nonce) → ${r.status}  DPoP-Nonce: ${r.headers.get('dpop-nonce')}`);
}

async function doSwFetch(step, vars, log) {
  const reg = await swReady;
  const url = urlOf(step.to, vars);
  const reply = await new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = (e) => resolve(e.data);
    reg.active.postMessage({ url, headers: filled(step.headers, vars) }, [ch.port2]);
  });
  log(`service worker: GET ${url} → ${reply.status}`);
}

// Another site's page in a hidden iframe makes its own request (cookies sent cross-site or not)
// and tells its parent how it went.
async function doFrame(step, vars, log) {
  const url = urlOf(step.to, vars);
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.src = url;
  const said = new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no answer from the frame'), step.timeoutMs || 5000);
    window.addEventListener('message', function on(e) {
      if (e.source !== frame.contentWindow || !e.data || e.data.type !== 'authlens-lab-frame') return;
      window.removeEventListener('message', on);
      clearTimeout(timer);
      resolve(String(e.data.log));
    });
  });
  document.body.appendChild(frame);
  log(`frame ${url}: ${await said}`);
  frame.remove();
}

async function run(steps, vars, log) {
  for (const step of steps) {
    if (step.do === 'fetch') await doFetch(step, vars, log);
    else if (step.do === 'wait') await new Promise((r) => setTimeout(r, step.ms));
    else if (step.do === 'digest') await doDigest(step, vars, log);
    else if (step.do === 'dpop') await doDpop(step, vars, log);
    else if (step.do === 'sw-fetch') await doSwFetch(step, vars, log);
    else if (step.do === 'frame') await doFrame(step, vars, log);
    // OAuth flows (oauth4webapi, an ES module): loaded on first use
    else if (step.do.startsWith('oauth-'))
      await (await import('/lab/client-oauth.js')).runStep(step, vars, log, data.origins);
    else if (step.do === 'repeat') for (let i = 0; i < step.times; i++) await run(step.steps, vars, log);
    else if (step.do === 'parallel') await Promise.all(step.steps.map((s) => run([s], vars, log)));
  }
}

async function runScenario(id) {
  const s = scenarios.get(id);
  const out = document.querySelector(`[data-scenario-state="${id}"]`);
  out.dataset.state = 'running';
  out.textContent = '';
  const log = (line) => {
    out.textContent += `${line}\n`;
  };
  try {
    await run(s.steps, {}, log);
    out.dataset.state = 'done';
  } catch (e) {
    log(`error: ${e && e.message ? e.message : e}`);
    out.dataset.state = 'error';
  }
}

document.addEventListener('click', (e) => {
  const b = e.target.closest('[data-scenario]');
  if (b) void runScenario(b.dataset.scenario);
});
document.body.dataset.labReady = 'true';
