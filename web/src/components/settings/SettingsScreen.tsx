import { ACCENTS, BACKGROUNDS, FONT_SIZES, LANGUAGES, THEMES, type SettingsPatch, type UserSettings } from '../../../../server/protocol/settings.ts';
import { lang, languageOf, t } from '../../lib/i18n.ts';
import { tset } from '../../lib/i18n-settings.ts';
import { changeSettings } from '../../state/settings.ts';
import { useStore } from '../../state/store.ts';
import { NotificationSettings } from './NotificationSettings.tsx';

// My settings: the look (applied at once, lib/look.ts), the language, and notifications. Every
// choice is saved on the server at once (state/settings.ts), so there is no Save button.

type Key = 'theme' | 'accent' | 'background' | 'fontSize' | 'language';

export function SettingsScreen() {
  const settings = useStore((s) => s.settings);

  const choose = (patch: SettingsPatch) => void changeSettings(patch);
  // The strings are picked once at start (lib/i18n.ts); a new language needs a fresh page.
  const chooseLanguage = async (language: UserSettings['language']) => {
    await changeSettings({ language });
    if (languageOf(language) !== lang) location.reload();
  };

  return (
    <section class="page" data-testid="settings-screen">
      <header class="page-head">
        <h1>{t.settings}</h1>
        <p class="muted">{tset.settingsLead}</p>
      </header>
      <div class="settings-stack">
        <div class="card settings-card">
          <h2 class="card-title">{tset.look}</h2>
          <Choices name="theme" legend={tset.theme} values={THEMES} labels={tset.themes} current={settings.theme} onPick={(theme) => choose({ theme })} />
          <fieldset class="settings-group">
            <legend>{tset.accent}</legend>
            <div class="swatches">
              {ACCENTS.map((accent) => (
                <label key={accent} class="swatch" data-accent={accent} title={tset.accents[accent]} data-testid={`accent-${accent}`}>
                  <input
                    type="radio"
                    name="accent"
                    value={accent}
                    checked={settings.accent === accent}
                    onChange={() => choose({ accent })}
                    aria-label={tset.accents[accent]}
                  />
                </label>
              ))}
            </div>
          </fieldset>
          <Choices
            name="background"
            legend={tset.background}
            values={BACKGROUNDS}
            labels={tset.backgrounds}
            current={settings.background}
            onPick={(background) => choose({ background })}
          />
          <Choices name="fontSize" legend={tset.fontSize} values={FONT_SIZES} labels={tset.fontSizes} current={settings.fontSize} onPick={(fontSize) => choose({ fontSize })} />
        </div>
        <div class="card settings-card">
          <h2 class="card-title">{tset.language}</h2>
          <Choices name="language" legend={tset.language} values={LANGUAGES} labels={tset.languages} current={settings.language} onPick={(l) => void chooseLanguage(l)} />
          <p class="muted small">{tset.languageHint}</p>
        </div>
        <div class="card settings-card">
          <h2 class="card-title">{tset.notifications}</h2>
          <NotificationSettings />
        </div>
      </div>
    </section>
  );
}

function Choices<T extends string>(props: { name: Key; legend: string; values: readonly T[]; labels: Record<T, string>; current: T; onPick: (value: T) => void }) {
  return (
    <fieldset class="settings-group">
      <legend>{props.legend}</legend>
      <div class="choices">
        {props.values.map((value) => (
          <label key={value} class={props.current === value ? 'choice active' : 'choice'} data-testid={`${props.name}-${value}`}>
            <input type="radio" name={props.name} value={value} checked={props.current === value} onChange={() => props.onPick(value)} />
            {props.labels[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
