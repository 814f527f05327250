import type { SettingView } from '../../../../server/protocol/manager.ts';
import { lang } from '../lib/i18n.ts';
import { ts } from '../lib/i18n-setup.ts';
import { metaOf, toText, type Parsed } from '../lib/setting-form.ts';
import { t } from '../lib/i18n.ts';

const UNIT: Record<string, string> = { seconds: t.seconds, megabytes: ts.megabytes, days: t.days };

/** The running value as a person reads it (in the field's unit). */
const running = (view: SettingView) => toText({ ...view, saved: null });

/** One setting: its input, what it means, and the truth about which value the server uses. */
export function SettingField({ view, text, problem, onInput }: { view: SettingView; text: string; problem?: Parsed; onInput(text: string): void }) {
  const meta = metaOf(view.key);
  const unit = meta.unit ? UNIT[meta.unit] : undefined;
  const id = `setting-${view.key}`;
  const input =
    view.kind === 'choice' ? (
      <select id={id} data-testid={id} value={text} onChange={(e) => onInput(e.currentTarget.value)}>
        {view.choices?.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={id}
        data-testid={id}
        type={view.kind === 'integer' ? 'number' : 'text'}
        step="any"
        inputMode={view.kind === 'integer' ? 'decimal' : undefined}
        value={text}
        aria-invalid={problem ? 'true' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    );
  return (
    <div class={`field setting-row${view.kind === 'list' ? ' wide' : ''}`} data-testid={`setting-row-${view.key}`} data-source={view.source}>
      <label class="field-label" for={id}>
        {meta.label[lang]}
        <span class={`badge ${meta.restart ? 'restart' : 'live'}`}>{meta.restart ? ts.needsRestart : ts.appliesNow}</span>
      </label>
      {unit ? (
        <span class="with-unit">
          {input}
          <span class="unit">{unit}</span>
        </span>
      ) : (
        input
      )}
      {problem && !problem.ok && (
        <span class="field-problem" role="alert" data-testid={`setting-problem-${view.key}`}>
          {problem.problem === 'number' ? ts.notNumber : ts.outOfRange(problem.min, problem.max)}
        </span>
      )}
      <span class="field-note">{meta.help[lang]}</span>
      {view.envOverride && (
        <p class="override" data-testid={`env-override-${view.key}`}>
          <strong>{ts.envOverride(view.envOverride.name)}</strong>{' '}
          {ts.envOverrideNote(running(view), view.saved === null ? ts.notSaved : toText(view))}
        </p>
      )}
      {view.source === 'launch' && (
        <p class="override" data-testid={`launch-override-${view.key}`}>
          {ts.launchOverride(running(view))}
        </p>
      )}
      {view.restartPending && (
        <p class="pending" data-testid={`restart-pending-${view.key}`}>
          {ts.restartPendingOne(running(view))}
        </p>
      )}
    </div>
  );
}
