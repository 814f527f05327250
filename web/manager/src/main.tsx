import { render } from 'preact';
import { useState } from 'preact/hooks';
import { Dashboard } from './components/Dashboard.tsx';
import { NoKey } from './components/NoKey.tsx';
import { lang, t } from './lib/i18n.ts';
import { forgetKey, takeKey } from './lib/key.ts';
import { DEFAULT_SETTINGS } from '../../../server/protocol/settings.ts';
import { applyLook } from '../../src/lib/look.ts';

function App() {
  const [key, setKey] = useState<string | null>(() => takeKey());
  const [wrong, setWrong] = useState(false);
  if (!key) return <NoKey reason={wrong ? 'wrong' : 'missing'} />;
  return (
    <Dashboard
      apiKey={key}
      onUnauthorized={() => {
        forgetKey();
        setWrong(true);
        setKey(null);
      }}
    />
  );
}

document.documentElement.lang = lang;
document.title = t.title;
// The console has no settings of its own: the client's default look, which follows the system's light or dark.
applyLook(DEFAULT_SETTINGS);
// A new #key=… typed into the address bar of an open tab (the server restarted) takes effect at once.
window.addEventListener('hashchange', () => location.reload());
render(<App />, document.getElementById('app')!);
