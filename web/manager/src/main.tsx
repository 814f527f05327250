import { render } from 'preact';
import { useState } from 'preact/hooks';
import { Dashboard } from './components/Dashboard.tsx';
import { NoKey } from './components/NoKey.tsx';
import { lang, t } from './lib/i18n.ts';
import { forgetKey, takeKey } from './lib/key.ts';

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
// A new #key=… typed into the address bar of an open tab (the server restarted) takes effect at once.
window.addEventListener('hashchange', () => location.reload());
render(<App />, document.getElementById('app')!);
