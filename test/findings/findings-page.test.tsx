// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FindingsPage } from '../../src/findings/findings-page.tsx';
import { CATALOGUE } from '../../src/analysis/index.ts';

afterEach(() => {
  cleanup();
  location.hash = '';
});

describe('FindingsPage', () => {
  it('has one section per catalogue id, each linked from the index', () => {
    const { container } = render(<FindingsPage />);
    for (const id of Object.keys(CATALOGUE)) {
      expect(container.querySelectorAll(`section[id="${id}"]`)).toHaveLength(1);
      expect(container.querySelector(`nav a[href="#${id}"]`)).not.toBeNull();
    }
  });

  it("shows an entry's meaning, what it rests on, fixes with code, and references", () => {
    const { container } = render(<FindingsPage />);
    const s = container.querySelector('section[id="no-credentials"]')!;
    const m = CATALOGUE['no-credentials'];
    expect(s.textContent).toContain(m.title);
    expect(s.textContent).toContain(m.means);
    expect(s.textContent).toContain(m.restsOn.slice(0, 40));
    expect(s.querySelector('pre code')?.textContent).toBe(m.fixes[0]!.code);
    const links = [...s.querySelectorAll('.references a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(m.references.map((r) => r.url));
  });

  it('renders backticked words as code', () => {
    const { container } = render(<FindingsPage />);
    const s = container.querySelector('section[id="protected-resource-metadata"]')!;
    expect([...s.querySelectorAll('p code')].map((c) => c.textContent)).toContain('authorization_servers');
  });

  it('marks the section the URL fragment names', () => {
    location.hash = '#token-expired';
    render(<FindingsPage />);
    expect(document.getElementById('token-expired')?.classList.contains('current')).toBe(true);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('AuthLens findings');
  });
});
