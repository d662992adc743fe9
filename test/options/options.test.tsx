// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Options } from '../../src/options/options.tsx';
import { createClient } from '../../src/shared/client.ts';
import { NS } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { backgroundTwin } from '../support/background-twin.ts';

afterEach(cleanup);

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const save = () => screen.getByTestId('opt-save') as HTMLButtonElement;

async function mount(twin = backgroundTwin()) {
  render(<Options client={createClient(twin.transport)} />);
  await screen.findByTestId('opt-statuses');
  return twin;
}

describe('Options', () => {
  it('shows the stored settings, with the defaults', async () => {
    await mount();
    expect(input('opt-statuses').value).toBe('401, 403, 407, 419, 440, 498');
    expect(input('opt-records').value).toBe('500');
    expect(input('opt-preserve').checked).toBe(false);
    expect(input('opt-paused').checked).toBe(false);
    expect(input('opt-reveal').checked).toBe(false);
    expect(save().disabled).toBe(true); // nothing to save yet
    expect(screen.getByTestId('opt-saved').textContent).toBe(
      'In use: capturing 401, 403, 407, 419, 440, 498; 500 records per tab; log cleared on navigation; ' +
        'capture on; secrets masked.',
    );
  });

  it('saves every field with setSettings and shows the saved state', async () => {
    const twin = await mount();
    fireEvent.input(input('opt-statuses'), { target: { value: '401 403, 419' } });
    fireEvent.input(input('opt-records'), { target: { value: '1000' } });
    fireEvent.click(input('opt-preserve'));
    fireEvent.click(input('opt-paused'));
    expect(save().disabled).toBe(false);
    fireEvent.click(save());
    await waitFor(() => expect(screen.getByTestId('opt-saved').textContent).toMatch(/^Saved: /));
    expect(twin.sent).toContainEqual({
      ns: NS,
      type: 'setSettings',
      patch: {
        captureStatuses: [401, 403, 419],
        recordsPerTab: 1000,
        preserveLog: true,
        paused: true,
        revealSecrets: false,
      },
    });
    expect(screen.getByTestId('opt-saved').textContent).toBe(
      'Saved: capturing 401, 403, 419; 1000 records per tab; log preserved across navigations; ' +
        'capture paused; secrets masked.',
    );
    expect(input('opt-statuses').value).toBe('401, 403, 419'); // normalised as stored
    expect(save().disabled).toBe(true);
  });

  it('refuses invalid input with a message and no save', async () => {
    const twin = await mount();
    fireEvent.input(input('opt-statuses'), { target: { value: '401, abc' } });
    expect(screen.getByText('"abc" is not an HTTP status code (100–599)')).toBeTruthy();
    expect(input('opt-statuses').getAttribute('aria-invalid')).toBe('true');
    expect(save().disabled).toBe(true);
    fireEvent.input(input('opt-statuses'), { target: { value: '401' } });
    fireEvent.input(input('opt-records'), { target: { value: '5001' } });
    expect(screen.getByText('Enter a whole number from 10 to 5000')).toBeTruthy();
    expect(save().disabled).toBe(true);
    fireEvent.submit(save().form!);
    expect(twin.sent.filter((m) => (m as { type: string }).type === 'setSettings')).toEqual([]);
  });

  it('Reveal secrets: off by default, warns when turned on', async () => {
    const twin = await mount();
    expect(screen.queryByTestId('opt-reveal-warning')).toBeNull();
    fireEvent.click(input('opt-reveal'));
    expect(screen.getByTestId('opt-reveal-warning').textContent).toContain('will see your credentials in full');
    fireEvent.click(save());
    await waitFor(() => expect(screen.getByTestId('opt-saved').textContent).toContain('secrets revealed by default'));
    expect(twin.settings.revealSecrets).toBe(true);
  });

  it('restores the default codes', async () => {
    await mount(backgroundTwin({ settings: { captureStatuses: [401] } }));
    expect(input('opt-statuses').value).toBe('401');
    fireEvent.click(screen.getByRole('button', { name: 'Restore default codes' }));
    expect(input('opt-statuses').value).toBe(DEFAULT_SETTINGS.captureStatuses.join(', '));
    expect(save().disabled).toBe(false);
  });

  it('every control is labelled', async () => {
    await mount();
    expect(screen.getByLabelText('Status codes to capture')).toBe(input('opt-statuses'));
    expect(screen.getByLabelText('Records kept per tab')).toBe(input('opt-records'));
    expect(screen.getByLabelText('Preserve log')).toBe(input('opt-preserve'));
    expect(screen.getByLabelText('Pause capture')).toBe(input('opt-paused'));
    expect(screen.getByLabelText('Reveal secrets by default')).toBe(input('opt-reveal'));
  });

  it('says so when the background cannot be reached', async () => {
    render(<Options client={createClient(backgroundTwin({ failRequests: true }).transport)} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the settings');
  });
});

describe('Options follows changes made elsewhere', () => {
  it('re-reads the settings when the page becomes visible, unless the user has unsaved edits', async () => {
    const twin = await mount();
    await twin.transport.send({ ns: NS, type: 'setSettings', patch: { paused: true } }); // the popup's Pause
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(input('opt-paused').checked).toBe(true));
    fireEvent.input(input('opt-records'), { target: { value: '42' } });
    await twin.transport.send({ ns: NS, type: 'setSettings', patch: { paused: false } });
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setTimeout(r, 20));
    expect(input('opt-records').value).toBe('42');
    expect(input('opt-paused').checked).toBe(true);
  });
});
