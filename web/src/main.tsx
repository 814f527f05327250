import { render } from 'preact';
import { App } from './components/App.tsx';
import { lang } from './lib/i18n.ts';
import { registerServiceWorker } from './lib/service-worker.ts';
import { startNotifications } from './notify/notify.ts';
import { applyLook } from './lib/look.ts';
import { cachedSettings } from './lib/settings-cache.ts';
import { boot } from './state/session.ts';
import { onSettings } from './state/settings.ts';

document.documentElement.lang = lang;
applyLook(cachedSettings());
onSettings(applyLook);
render(<App />, document.getElementById('app')!);
startNotifications();
void boot();
registerServiceWorker();
