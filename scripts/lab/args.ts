// `npm start` options. Pure: argv and environment in, options (or a usage error) out.
export interface StartOptions {
  headless: boolean;
  /** why headless was chosen, for the first line printed */
  headlessReason?: string;
  browser?: string;
  port?: number;
  keepOpen: boolean;
  firefox: boolean;
  help: boolean;
  /** run only these scenario ids (headless) */
  only?: string[];
}

export const USAGE = `Usage: npm start -- [options]
  --headless       run every lab scenario without a window, print a summary, exit non-zero on a mismatch
                   (the default where there is no display: no DISPLAY / WAYLAND_DISPLAY on Linux)
  --browser PATH   the Chromium to use (default: CHROME_PATH, then Debian/Ubuntu chromium, ...)
  --port N         the lab's port on 127.0.0.1 (default: a free one; the second origin always takes a free one)
  --keep-open      after a headless run, keep the lab and the browser running until Ctrl+C
  --scenario IDS   headless: run only these scenarios (comma-separated ids, as in the table; no discovery table)
  --firefox        use Firefox instead (npm run start:firefox)
  --help           this text`;

export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv, platform: string): StartOptions {
  const o: StartOptions = { headless: false, keepOpen: false, firefox: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--')))
        throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--headless':
        o.headless = true;
        o.headlessReason = '--headless';
        break;
      case '--keep-open':
        o.keepOpen = true;
        break;
      case '--firefox':
        o.firefox = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--browser':
        o.browser = value();
        break;
      case '--scenario':
        o.only = [
          ...(o.only ?? []),
          ...value()
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ];
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port ${v}: not a port number\n${USAGE}`);
        o.port = n;
        break;
      }
      default:
        throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  if (!o.headless && platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    o.headless = true;
    o.headlessReason = 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return o;
}
