// `npm start` (after `npm run build`): the AuthLens lab on 127.0.0.1 and Chromium with
// dist/chrome loaded and the lab open, in a fresh temporary profile. With no display (or
// --headless) it clicks every scenario, prints a summary and exits non-zero on a mismatch.
// `--firefox` (npm run start:firefox) does the same with dist/firefox in Firefox.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './find-browser.ts';
import { parseStartArgs, USAGE, type StartOptions } from './lab/args.ts';
import { startLab, type Lab, type Served } from './lab/server.ts';
import { launchWithExtension, type Launched } from './lab/chromium.ts';
import { chromiumCookiePreferences } from './lab/third-party-cookies.ts';
import { SCENARIOS, labUrl, type Scenario } from './lab/scenarios.ts';
import { runHeadless } from './lab/headless.ts';
import { runDiscoveryTable } from './lab/mcp/discovery-headless.ts';
import { startFirefox } from './lab/firefox-start.ts';
import { APP_PATHS } from './lab/oidc/clients.ts';

const repo = resolve(import.meta.dirname, '..');
// AUTHLENS_EXTENSION_DIR: try another build (the e2e suite and CI use dist/chrome)
const extensionDir = resolve(process.env.AUTHLENS_EXTENSION_DIR ?? resolve(repo, 'dist', 'chrome'));

async function main(): Promise<number> {
  let opts: StartOptions;
  try {
    opts = parseStartArgs(process.argv.slice(2), process.env, process.platform);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (opts.help) return (console.log(USAGE), 0);
  const unknown = (opts.only ?? []).filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length) {
    console.error(
      `--scenario: no such scenario ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.id).join(', ')}`,
    );
    return 2;
  }
  const scenarios: readonly Scenario[] = opts.only ? SCENARIOS.filter((s) => opts.only?.includes(s.id)) : SCENARIOS;
  const dir = opts.firefox ? resolve(repo, 'dist', 'firefox') : extensionDir;
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    console.error(`No built extension at ${dir}: run \`npm run build\` first (npm start does).`);
    return 2;
  }
  if (opts.browser && !existsSync(opts.browser)) {
    console.error(`--browser ${opts.browser}: no such file`);
    return 2;
  }

  const served: Served[] = [];
  let lab: Lab;
  try {
    lab = await startLab({ ...(opts.port !== undefined ? { port: opts.port } : {}), onRequest: (e) => served.push(e) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${opts.port} is in use: pick another with --port N, or leave it out for a free one.`
        : String(e),
    );
    return 2;
  }
  console.log(`AuthLens lab:  ${labUrl(lab.primary)}\nSecond origin: ${lab.secondary}`);
  console.log(`OAuth flows:   ${lab.primary}${APP_PATHS.page}  (OpenID Provider ${lab.idp}, MCP server ${lab.mcp})`);

  let launched: Launched | undefined;
  let closeFirefox: (() => Promise<void>) | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await launched?.close();
      await closeFirefox?.().catch(() => {});
      await lab.close();
    })());
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping: closing the browser, removing its temporary profile, stopping the lab.');
    void stop().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (opts.firefox) {
    const code = await startFirefox(opts, scenarios, lab, served, repo, (close) => {
      closeFirefox = close;
    });
    await stop();
    return code;
  }

  let browser: string;
  try {
    browser = opts.browser ?? ensureChromium().path;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    await lab.close();
    return 2;
  }
  console.log(`Browser:       ${browser}${opts.headless ? `  (headless: ${opts.headlessReason})` : ''}`);
  try {
    launched = await launchWithExtension({
      executablePath: browser,
      extensionDir,
      headless: opts.headless,
      devtools: !opts.headless,
      // the silent renew scenario fails as it does for users who block third-party cookies
      preferences: chromiumCookiePreferences(true),
    });
  } catch (e) {
    console.error(`Could not start ${browser}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    await lab.close();
    return 2;
  }
  console.log(`Extension id:  ${launched.extensionId}  (profile ${launched.profileDir}, removed on exit)`);
  const drive = { context: launched.context, extensionId: launched.extensionId, origins: lab, served };

  if (opts.headless) {
    const outDir = resolve(repo, 'lab-output');
    const r = await runHeadless(drive, outDir, scenarios);
    // the discovery doctor on the MCP variants: a table of its own, skipped when --scenario picks some
    const discovery = opts.only ? undefined : await runDiscoveryTable(drive, r.session);
    console.log(`\n${r.summary.table}`);
    if (discovery) console.log(`\n${discovery.table}`);
    if (r.screenshots.length)
      console.log(`\nScreenshots: ${r.screenshots.map((f) => f.replace(`${repo}/`, '')).join(', ')}`);
    if (!opts.keepOpen) {
      await stop();
      return r.summary.exitCode || (discovery?.exitCode ?? 0);
    }
    console.log('\n--keep-open: the lab and the browser keep running. Ctrl+C stops everything.');
    await new Promise(() => {});
  }

  const first = launched.context.pages()[0] ?? (await launched.context.newPage());
  await first.goto(labUrl(lab.primary));
  console.log('\nThe lab is open. Click a scenario, then open DevTools → "Auth" or the AuthLens toolbar button.');
  console.log('Ctrl+C (or closing the browser) stops everything and removes the temporary profile.');
  await new Promise<void>((r) => launched?.context.on('close', () => r()));
  await stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
