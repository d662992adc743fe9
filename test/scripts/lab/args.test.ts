import { describe, expect, it } from 'vitest';
import { parseStartArgs } from '../../../scripts/lab/args.ts';

const withDisplay = { DISPLAY: ':0' };

describe('npm start options', () => {
  it('defaults: a window where there is a display', () => {
    expect(parseStartArgs([], withDisplay, 'linux')).toEqual({
      headless: false,
      keepOpen: false,
      firefox: false,
      help: false,
    });
    expect(parseStartArgs([], { WAYLAND_DISPLAY: 'wayland-0' }, 'linux').headless).toBe(false);
  });

  it('headless where Linux has no display, or when asked; other systems always have one', () => {
    expect(parseStartArgs([], {}, 'linux')).toMatchObject({
      headless: true,
      headlessReason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    });
    expect(parseStartArgs([], { DISPLAY: '' }, 'linux').headless).toBe(true);
    expect(parseStartArgs([], {}, 'darwin').headless).toBe(false);
    expect(parseStartArgs(['--headless'], withDisplay, 'linux')).toMatchObject({
      headless: true,
      headlessReason: '--headless',
    });
  });

  it('reads --browser, --port (both spellings), --keep-open, --firefox, --help', () => {
    expect(
      parseStartArgs(['--browser', '/opt/c', '--port', '8080', '--keep-open'], withDisplay, 'linux'),
    ).toMatchObject({ browser: '/opt/c', port: 8080, keepOpen: true });
    expect(parseStartArgs(['--port=0', '--browser=/x'], withDisplay, 'linux')).toMatchObject({
      port: 0,
      browser: '/x',
    });
    expect(parseStartArgs(['--firefox', '-h'], withDisplay, 'linux')).toMatchObject({ firefox: true, help: true });
    expect(parseStartArgs(['--scenario', 'a, b', '--scenario=c'], withDisplay, 'linux').only).toEqual(['a', 'b', 'c']);
  });

  it('refuses unknown options, missing values and bad ports, with the usage text', () => {
    expect(() => parseStartArgs(['--nope'], withDisplay, 'linux')).toThrow(/unknown option --nope[\s\S]*Usage/);
    expect(() => parseStartArgs(['--port'], withDisplay, 'linux')).toThrow(/--port needs a value/);
    expect(() => parseStartArgs(['--browser', '--headless'], withDisplay, 'linux')).toThrow(/--browser needs a value/);
    for (const bad of ['80.5', '-1', '70000', 'http'])
      expect(() => parseStartArgs(['--port', bad], withDisplay, 'linux')).toThrow(/not a port number/);
  });
});
