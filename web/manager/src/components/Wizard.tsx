import { useState } from 'preact/hooks';
import type { ManagerState } from '../../../../server/protocol/manager.ts';
import type { ManagerApi } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { ts } from '../lib/i18n-setup.ts';
import { changedSettings, metaOf, toForm, type Form, type Parsed } from '../lib/setting-form.ts';
import { AddressCard } from './AddressCard.tsx';
import { caPageUrl } from './HttpsCard.tsx';
import { RestartBar } from './RestartBar.tsx';
import { SettingField } from './SettingField.tsx';
import { Switch } from './Switch.tsx';
import { WizardAdminStep } from './WizardAdminStep.tsx';

const STEPS = ['admin', 'address', 'https', 'share'] as const;
type Step = (typeof STEPS)[number];
const TITLES: Record<Step, string> = { admin: ts.stepAdmin, address: ts.stepAddress, https: ts.stepHttps, share: ts.stepShare };

/** First run, while there is no admin: the account, the port (and any setting marked firstRun), HTTPS, the address to give out. */
export function Wizard({ state, api, uptimeSec, onState, onFinish }: { state: ManagerState; api: ManagerApi; uptimeSec: number; onState(s: ManagerState): void; onFinish(): void }) {
  const [step, setStep] = useState<Step>(state.needsSetup ? 'admin' : 'address');
  const [admin, setAdmin] = useState<string | null>(null);
  const firstRun = state.settings.filter((v) => metaOf(v.key).firstRun);
  const [base] = useState<Form>(() => toForm(firstRun));
  const [form, setForm] = useState<Form>(base);
  const [problems, setProblems] = useState<Record<string, Parsed>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const at = STEPS.indexOf(step);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const saveAddress = () =>
    act(async () => {
      const { values, problems: found } = changedSettings(firstRun, form, base);
      setProblems(found);
      if (Object.keys(found).length) return;
      if (Object.keys(values).length) await api.saveSettings(values);
      setStep('https');
    });
  const caUrl = caPageUrl(state.urls) ?? '/ca';

  return (
    <main class="page wizard" data-testid="wizard" data-step={step}>
      <header class="wizard-head">
        <div class="wizard-head-row">
          <h1>{ts.wizardTitle}</h1>
          <button type="button" class="btn btn-quiet btn-small" data-testid="wizard-skip" onClick={onFinish}>
            {ts.skip}
          </button>
        </div>
        <p class="lead">{ts.wizardLead}</p>
        <ol class="wizard-steps">
          {STEPS.map((s, i) => (
            <li key={s} class={i === at ? 'now' : i < at ? 'done' : ''} aria-current={i === at ? 'step' : undefined}>
              <span class="n">{i + 1}</span> {TITLES[s]}
            </li>
          ))}
        </ol>
      </header>
      <section class="card wizard-card" aria-label={TITLES[step]}>
        {admin && step === 'address' && (
          <p class="notice ok" data-testid="wizard-admin-done">
            {ts.adminDone(admin)}
          </p>
        )}
        {step === 'admin' && state.setupCode && (
          <p class="hint" data-testid="wizard-setup-code">
            {ts.otherPc(state.setupCode)}
          </p>
        )}
        {step === 'admin' && (
          <WizardAdminStep
            api={api}
            onDone={(name) => {
              setAdmin(name);
              setStep('address');
            }}
          />
        )}
        {step === 'address' && (
          <div class="wizard-form" data-testid="wizard-address">
            <p class="lead">{ts.addressLead}</p>
            {firstRun.map((view) => (
              <SettingField key={view.key} view={view} text={form[view.key] ?? ''} problem={problems[view.key]} onInput={(text) => setForm({ ...form, [view.key]: text })} />
            ))}
          </div>
        )}
        {step === 'https' && (
          <div class="wizard-form" data-testid="wizard-https">
            <p class="lead">{ts.httpsLead}</p>
            <div class="switch-row">
              <Switch checked={state.https} disabled={busy} label={t.httpsTitle} testId="wizard-https-switch" onChange={(next) => void act(async () => onState(await api.setHttps(next)))} />
              <span class={`switch-state ${state.https ? 'on' : ''}`}>{state.https ? t.httpsOn : t.httpsOff}</span>
            </div>
            <p class="hint">
              <a href="/ca" target="_blank" rel="noreferrer" data-testid="wizard-ca-guide">
                {ts.httpsGuide} ↗
              </a>{' '}
              <code>{caUrl}</code>
            </p>
            <p class="hint">{ts.httpsLater}</p>
          </div>
        )}
        {step === 'share' && (
          <div class="wizard-form" data-testid="wizard-share">
            <p class="lead">{ts.shareLead}</p>
            {state.restartPending && <p class="notice">{ts.shareRestart}</p>}
            <RestartBar state={state} api={api} uptimeSec={uptimeSec} />
            <AddressCard state={state} />
          </div>
        )}
        {error && (
          <p class="notice error" role="alert" data-testid="wizard-error">
            {error}
          </p>
        )}
        {step !== 'admin' && (
          <div class="action-row wizard-nav">
            {at > 1 && (
              <button type="button" class="btn btn-secondary" onClick={() => setStep(STEPS[at - 1]!)}>
                {ts.back}
              </button>
            )}
            {step === 'address' && (
              <button type="button" class="btn btn-primary" disabled={busy} data-testid="wizard-next" onClick={() => void saveAddress()}>
                {ts.next}
              </button>
            )}
            {step === 'https' && (
              <button type="button" class="btn btn-primary" disabled={busy} data-testid="wizard-next" onClick={() => setStep('share')}>
                {ts.next}
              </button>
            )}
            {step === 'share' && (
              <button type="button" class="btn btn-primary" data-testid="wizard-finish" onClick={onFinish}>
                {ts.finish}
              </button>
            )}
          </div>
        )}
      </section>
    </main>
  );
}
