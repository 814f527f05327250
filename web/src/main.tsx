import { render } from 'preact';
import { App } from './components/App.tsx';
import { lang } from './lib/i18n.ts';
import { registerServiceWorker } from './lib/service-worker.ts';
import { startNotifications } from './notify/notify.ts';
import { boot } from './state/session.ts';

document.documentElement.lang = lang;
render(<App />, document.getElementById('app')!);
startNotifications();
void boot();
registerServiceWorker();
