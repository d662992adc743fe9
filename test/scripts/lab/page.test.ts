// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { labPage } from '../../../scripts/lab/page.ts';
import { SCENARIOS, type Scenario } from '../../../scripts/lab/scenarios.ts';

const origins = { primary: 'http://127.0.0.1:1111', secondary: 'http://127.0.0.1:2222' };

function render(scenarios: readonly Scenario[]): Document {
  return new DOMParser().parseFromString(labPage(scenarios, origins), 'text/html') as unknown as Document;
}

describe('lab page', () => {
  it('has one button and one output per scenario, and states the expected finding', () => {
    const doc = render(SCENARIOS);
    expect([...doc.querySelectorAll('[data-scenario]')].map((b) => b.getAttribute('data-scenario'))).toEqual(
      SCENARIOS.map((s) => s.id),
    );
    expect(doc.querySelectorAll('[data-scenario-state][data-state="idle"]')).toHaveLength(SCENARIOS.length);
    const item = doc.getElementById('s-jwt-expired')!;
    expect(item.textContent).toContain('AuthLens should show token-expired');
    expect(item.textContent).toContain('GET /api/invoices → 401');
  });

  it('marks the canned vendor look-alikes, and explains why', () => {
    const doc = render(SCENARIOS);
    expect(doc.querySelectorAll('.scenario .canned')).toHaveLength(
      SCENARIOS.filter((s) => s.mechanism === 'canned').length,
    );
    expect(doc.body.textContent).toMatch(/cannot run here[\s\S]*copied from[\s\S]*documentation/);
    expect(doc.body.textContent).toContain(origins.secondary);
  });

  it('embeds the scenarios as JSON the client can read back, safely escaped', () => {
    const evil: Scenario = {
      ...SCENARIOS[0]!,
      id: 'x',
      title: '<img src=x onerror=alert(1)>',
      what: '</script><script>alert(1)</script>',
    };
    const doc = render([evil]);
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelectorAll('script')).toHaveLength(2);
    const data = JSON.parse(doc.getElementById('lab-data')!.textContent!);
    expect(data.scenarios[0].what).toBe(evil.what);
    expect(data.origins).toEqual(origins);
  });
});

describe('selectors the drivers use', () => {
  it('find the button, the finished state and the ready flag on the rendered page', async () => {
    const { buttonSelector, doneSelector, READY_SELECTOR } = await import('../../../scripts/lab/scenarios.ts');
    const doc = render(SCENARIOS);
    expect(doc.querySelector(buttonSelector('jwt-expired'))?.textContent).toBe('Expired JWT');
    const out = doc.querySelector('[data-scenario-state="jwt-expired"]')!;
    expect(doc.querySelector(doneSelector('jwt-expired'))).toBeNull();
    out.setAttribute('data-state', 'done');
    expect(doc.querySelector(doneSelector('jwt-expired'))).toBe(out);
    doc.body.setAttribute('data-lab-ready', 'true');
    expect(doc.querySelector(READY_SELECTOR)).toBe(doc.body);
  });
});
