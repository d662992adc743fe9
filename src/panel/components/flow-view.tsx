// The Flow tab: the steps of the sign-in or refresh the selected record belongs to, one line
// saying where it broke, and each captured step a link to its own diagnosis.
import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { brokenStep, type Flow, type FlowStep, type StepKind } from '../flow.ts';
import { useStore } from '../providers.ts';
import { MaybeSecret } from './secret.tsx';

const LABEL: Record<StepKind, string> = {
  authorize: 'Authorize',
  login: 'Login',
  consent: 'Consent',
  callback: 'Callback',
  token: 'Token',
  api: 'First API call',
};

function topFinding(record: CaptureRecord | undefined): { id: string; summary: string } | undefined {
  const store = useStore();
  void store.diagnosed.value;
  const d = record ? store.diagnoser.peek(record) : undefined;
  const f = d?.ok ? d.diagnosis.findings[0] : undefined;
  return f && d?.ok ? { id: f.id, summary: d.diagnosis.summary } : undefined;
}

function StepRow({ step, record, broken }: { step: FlowStep; record: CaptureRecord; broken: boolean }) {
  const store = useStore();
  const own = step.recordId ? store.records.value.find((r) => r.id === step.recordId) : undefined;
  const check = topFinding(own);
  return (
    <li class={broken ? 'flow-step broken' : 'flow-step'} data-testid="flow-step" data-kind={step.kind}>
      <span class="flow-kind">{LABEL[step.kind]}</span>{' '}
      <strong class={`status s${Math.floor(step.status / 100)}xx`}>{step.status}</strong>{' '}
      <span class="method">{step.method}</span>{' '}
      <MaybeSecret
        recordId={own?.id ?? record.id}
        value={step.url}
        mask={(m) => maskUrl(step.url, m)}
        label={`URL of the ${LABEL[step.kind]} step`}
      />
      {own && check && (
        <>
          {' '}
          <button
            type="button"
            class="link"
            data-testid="flow-check"
            data-finding={check.id}
            title={check.summary}
            onClick={() => {
              store.selectedId.value = own.id;
              store.detailTab.value = 'diagnosis';
            }}
          >
            {check.id}
          </button>
        </>
      )}
    </li>
  );
}

export function FlowView({ record, flow }: { record: CaptureRecord; flow: Flow }) {
  const store = useStore();
  const broke = brokenStep(flow, record.id);
  const brokeRecord = broke?.recordId ? store.records.value.find((r) => r.id === broke.recordId) : undefined;
  const check = topFinding(brokeRecord);
  return (
    <div class="flow" data-testid="flow">
      <p class="flow-where" data-testid="flow-broke" data-kind={broke?.kind}>
        {broke
          ? `Broke at ${LABEL[broke.kind]} (${broke.status})${check ? `: ${check.summary}` : ''}`
          : 'No step of this flow failed.'}
      </p>
      <p class="muted">
        {flow.client ? `Client ${flow.client}` : 'Client unknown'}
        {flow.state ? ` · state ${flow.state.slice(0, 24)}${flow.state.length > 24 ? '…' : ''}` : ''} ·{' '}
        {flow.steps.length} step{flow.steps.length === 1 ? '' : 's'} seen in this tab (failures, and the requests around
        them)
      </p>
      <ol class="flow-steps">
        {flow.steps.map((s, i) => (
          <StepRow key={i} step={s} record={record} broken={s === broke} />
        ))}
      </ol>
    </div>
  );
}
